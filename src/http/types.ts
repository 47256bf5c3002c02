// The narrow HTTP surface the API sees. The uWS adapter (uws-adapter.ts) fills a
// request after the whole body is read, so handlers are plain async functions
// that tests call without a socket.

export interface HttpRequest {
  method: string;
  /** Path without the query string, e.g. "/v3/push/app". */
  path: string;
  query: string;
  /** Lower-cased names. */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  /** The body was larger than the configured cap; `body` is empty. */
  bodyTooLarge: boolean;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

export type HttpHandler = (req: HttpRequest) => Promise<HttpResponse>;

export function jsonResponse(value: unknown, status = 200): HttpResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}
