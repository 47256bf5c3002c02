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
      handler(request)
        .catch((err): HttpResponse => {
          log.error({ err, path: request.path }, 'http handler failed');
          return { status: 500, body: 'internal error' };
        })
        .then((answer) => {
          if (done) return;
          done = true;
          res.cork(() => {
            res.writeStatus(`${answer.status} ${STATUS_TEXT[answer.status] ?? 'Status'}`);
            for (const [name, value] of Object.entries(answer.headers ?? {})) res.writeHeader(name, value);
            res.end(answer.body, closeConnection);
          });
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
      // uWS reuses the chunk's memory after this callback: copy it.
      chunks.push(Buffer.from(chunk.slice(0)));
      if (isLast) {
        request.body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        respond(false);
      }
    });
  };
}
