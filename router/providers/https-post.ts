// One POST over a keep-alive agent (FCM and its OAuth2 endpoint speak plain
// HTTPS/1.1 well; HTTP/2 is APNs's requirement, not theirs). The agent bounds
// the sockets per origin, so requests past the bound queue in the agent.
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface PostAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** No answer: nothing was accepted, so the request may be made again. */
export class PostError extends Error {
  constructor(readonly kind: 'timeout' | 'unreachable', detail: string) {
    super(`${kind}: ${detail}`);
    this.name = 'PostError';
  }
}

export interface Agents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** `ca` is for tests only; production trusts extra CAs through NODE_EXTRA_CA_CERTS. */
export function keepAliveAgents(maxSockets: number, ca?: string | Buffer): Agents {
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets, ...(ca ? { ca } : {}) }),
  };
}

export function post(url: URL, headers: Record<string, string>, body: string, agents: Agents, timeoutMs: number): Promise<PostAnswer> {
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      timeout: timeoutMs,
    });
    // Covers the wait for a socket, connect and the whole answer, not just idle gaps.
    const timer = setTimeout(() => req.destroy(new PostError('timeout', `no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new PostError('timeout', `no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err instanceof PostError ? err : new PostError('unreachable', err.message));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => {}); // the request's error handler reports it
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(body);
  });
}
