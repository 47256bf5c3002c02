// Long-lived HTTP/2 sessions to one origin (APNs). Requests share one session
// as concurrent streams, at most `maxStreams` and never more than the server's
// SETTINGS_MAX_CONCURRENT_STREAMS; more wait in FIFO order. A GOAWAY (APNs
// sends one on shutdown or idle timeout) retires the session: its streams in
// flight finish there, new ones go to a fresh session, and streams the server
// refused unprocessed are sent again. A session that dies fails only its own
// streams; the next request connects anew.
import { connect, constants, type ClientHttp2Session, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import type { Logger } from '../../src/log.js';

export interface Http2PoolOptions {
  /** https://host[:port] */
  origin: string;
  /** Streams in flight per session (capped by the server's own limit). */
  maxStreams: number;
  /** One request's budget from queueing to its whole answer, connect included. */
  timeoutMs: number;
  /** Extra trusted CA (PEM), used by tests only; production trusts NODE_EXTRA_CA_CERTS. */
  ca?: string | Buffer;
  logger: Logger;
}

export interface Http2Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Why a request got no answer: it may be retried (nothing was accepted). */
export class Http2RequestError extends Error {
  constructor(readonly kind: 'timeout' | 'unreachable' | 'closed', detail: string) {
    super(`${kind}: ${detail}`);
    this.name = 'Http2RequestError';
  }
}

interface Pending {
  headers: OutgoingHttpHeaders;
  body: Buffer;
  resolve(answer: Http2Answer): void;
  reject(err: Http2RequestError): void;
  timer: NodeJS.Timeout;
  cancel?: () => void;
}

interface Session {
  h2: ClientHttp2Session;
  connected: boolean;
  draining: boolean;
  active: number;
}

export class Http2Pool {
  private current: Session | undefined;
  private readonly waiting: Pending[] = [];
  private closed = false;
  private readonly sessions = new Set<Session>();

  constructor(private readonly options: Http2PoolOptions) {}

  request(headers: OutgoingHttpHeaders, body: Buffer): Promise<Http2Answer> {
    if (this.closed) return Promise.reject(new Http2RequestError('closed', 'pool closed'));
    return new Promise((resolve, reject) => {
      const pending: Pending = {
        headers,
        body,
        resolve,
        reject,
        timer: setTimeout(() => {
          const queued = this.waiting.indexOf(pending);
          if (queued >= 0) this.waiting.splice(queued, 1);
          pending.cancel?.();
          reject(new Http2RequestError('timeout', `no answer within ${this.options.timeoutMs} ms`));
        }, this.options.timeoutMs),
      };
      this.waiting.push(pending);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) this.fail(p, new Http2RequestError('closed', 'pool closed'));
    await Promise.all([...this.sessions].map((s) => new Promise<void>((done) => (s.h2.closed ? done() : s.h2.close(done)))));
  }

  private pump(): void {
    while (this.waiting.length > 0 && !this.closed) {
      const session = this.usableSession();
      if (!session.connected) return; // pumped again on 'connect'
      const limit = Math.min(this.options.maxStreams, session.h2.remoteSettings.maxConcurrentStreams ?? this.options.maxStreams);
      if (session.active >= limit) return; // pumped again when a stream closes
      this.start(session, this.waiting.shift()!);
    }
  }

  private usableSession(): Session {
    if (this.current && !this.current.draining && !this.current.h2.destroyed) return this.current;
    const h2 = connect(this.options.origin, this.options.ca ? { ca: this.options.ca } : {});
    const session: Session = { h2, connected: false, draining: false, active: 0 };
    this.current = session;
    this.sessions.add(session);
    h2.unref(); // an idle session must not keep the process alive; request timers do while work is pending
    h2.once('connect', () => {
      session.connected = true;
      this.pump();
    });
    h2.once('remoteSettings', () => this.pump());
    h2.on('goaway', (code, lastStreamId, data) => {
      session.draining = true;
      this.options.logger.info({ origin: this.options.origin, code, lastStreamId, debug: data?.toString('utf8').slice(0, 200) }, 'provider sent GOAWAY; reconnecting');
      if (this.current === session) this.current = undefined;
      this.pump();
    });
    h2.on('error', (err) => {
      this.options.logger.warn({ origin: this.options.origin, err: err.message }, 'provider connection failed');
      if (!session.connected) {
        // Nothing is reachable: fail what waits rather than reconnect in a loop until timeouts.
        for (const p of this.waiting.splice(0)) this.fail(p, new Http2RequestError('unreachable', err.message));
      }
    });
    h2.once('close', () => {
      this.sessions.delete(session);
      if (this.current === session) this.current = undefined;
      this.pump();
    });
    return session;
  }

  private start(session: Session, pending: Pending): void {
    session.active++;
    const stream = session.h2.request({ ':method': 'POST', ...pending.headers });
    pending.cancel = () => stream.close(constants.NGHTTP2_CANCEL);
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      status = Number(h[':status']);
      headers = h;
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', () => {}); // the outcome is decided on 'close'
    stream.once('close', () => {
      session.active--;
      if (session.draining && session.active === 0 && !session.h2.closed) session.h2.close();
      if (status > 0 && stream.rstCode === constants.NGHTTP2_NO_ERROR) {
        clearTimeout(pending.timer);
        pending.resolve({ status, headers, body: Buffer.concat(chunks) });
      } else if (stream.rstCode === constants.NGHTTP2_REFUSED_STREAM && !this.closed) {
        // The server never processed it (GOAWAY below its id): send it again elsewhere.
        pending.cancel = undefined;
        this.waiting.unshift(pending);
      } else {
        this.fail(pending, new Http2RequestError('unreachable', `stream closed without an answer (code ${stream.rstCode})`));
      }
      this.pump();
    });
    stream.end(pending.body);
  }

  private fail(pending: Pending, err: Http2RequestError): void {
    clearTimeout(pending.timer);
    pending.reject(err);
  }
}
