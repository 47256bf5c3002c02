// Serves an HttpHandler over uWS: copies what it needs from the request before
// any await, reads the body with a cap, and writes the answer corked.
import type { HttpRequest as UwsRequest, HttpResponse as UwsResponse } from 'uWebSockets.js';
import type { HttpHandler, HttpRequest, HttpResponse } from './types.js';
import type { Logger } from '../log.js';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 302: 'Found', 303: 'See Other', 304: 'Not Modified', 400: 'Bad Request',
  401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 429: 'Too Many Requests',
  413: 'Payload Too Large', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** "200 OK" and the like, built once per status. */
const STATUS_LINES = new Map<number, string>();

function statusLine(status: number): string {
  let line = STATUS_LINES.get(status);
  if (line === undefined) {
    line = `${status} ${STATUS_TEXT[status] ?? 'Status'}`;
    if (STATUS_LINES.size < 100) STATUS_LINES.set(status, line);
  }
  return line;
}

export function serveHttp(handler: HttpHandler, maxBodyBytes: number, log: Logger) {
  return (res: UwsResponse, req: UwsRequest): void => {
    const headers: Record<string, string> = {};
    req.forEach((key, value) => {
      headers[key] = value;
    });
    const request: HttpRequest = {
      method: req.getCaseSensitiveMethod().toUpperCase(),
      path: req.getUrl(),
      query: req.getQuery() ?? '',
      headers,
      body: Buffer.alloc(0),
      bodyTooLarge: false,
    };
    let done = false;
    res.onAborted(() => {
      done = true;
    });

    const respond = (closeConnection: boolean) => {
      const write = (answer: HttpResponse): void => {
        if (done) return;
        done = true;
        res.cork(() => {
          res.writeStatus(statusLine(answer.status));
          if (answer.headers) for (const name in answer.headers) res.writeHeader(name, answer.headers[name]!);
          res.end(answer.body, closeConnection);
        });
      };
      handler(request).then(write, (err: unknown) => {
        log.error({ err, path: request.path }, 'http handler failed');
        write({ status: 500, body: 'internal error' });
      });
    };

    const declared = Number(headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) {
      // Answer without reading a body we would refuse anyway; the connection closes after.
      request.bodyTooLarge = true;
      return respond(true);
    }
    if (request.method === 'GET' || request.method === 'HEAD' || (!headers['content-length'] && !headers['transfer-encoding'])) {
      return respond(false);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    res.onData((chunk, isLast) => {
      if (request.bodyTooLarge) return;
      size += chunk.byteLength;
      if (size > maxBodyBytes) {
        request.bodyTooLarge = true;
        chunks.length = 0;
        return respond(true);
      }
      // uWS reuses the chunk's memory after this callback: copy it, into Node's
      // buffer pool when small (a new ArrayBuffer per request is GC work).
      const copy = Buffer.allocUnsafe(chunk.byteLength);
      copy.set(new Uint8Array(chunk));
      chunks.push(copy);
      if (isLast) {
        request.body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        respond(false);
      }
    });
  };
}
