// The process's one listening port: a uWS app (HTTPS/WSS with TLS files) that
// the roles mount their parts on before it listens. The gateway role attaches
// device WebSockets (/device), the api role the HTTP handler (every other
// path); the `all` role both, on one port. It listens with SO_REUSEPORT (uWS's
// default on Linux), so several gateway processes on one machine share a port.
import uWS from 'uWebSockets.js';
import type { Logger } from '../log.js';
import type { TlsFiles } from '../tls-files.js';
import type { HttpHandler } from './types.js';
import { serveHttp } from './uws-adapter.js';

export interface ListenerOptions {
  host: string;
  port: number;
  /** HTTPS and WSS instead of HTTP and WS, on the same port and paths. */
  tls?: TlsFiles;
}

/** The files were checked when the config loaded; uWS's one error message is given the paths. */
function sslApp(tls: TlsFiles): uWS.TemplatedApp {
  try {
    return uWS.SSLApp({ cert_file_name: tls.certFile, key_file_name: tls.keyFile, ca_file_name: tls.caFile, passphrase: tls.passphrase });
  } catch (err) {
    throw new Error(`TLS setup failed for ${tls.certFile} and ${tls.keyFile}: ${(err as Error).message}`);
  }
}

export class UwsListener {
  /** Mount routes here before listen(); gateway/uws attaches /device to it. */
  readonly app: uWS.TemplatedApp;
  private listenSocket: uWS.us_listen_socket | undefined;

  constructor(private readonly options: ListenerOptions) {
    this.app = options.tls ? sslApp(options.tls) : uWS.App();
  }

  /** Every path no other route claims goes to `handler`; bodies above maxBodyBytes are refused unread. */
  serveHttp(handler: HttpHandler, maxBodyBytes: number, log: Logger): this {
    this.app.any('/*', serveHttp(handler, maxBodyBytes, log));
    return this;
  }

  /** Resolves with the bound port (useful with port 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.app.listen(this.options.host, this.options.port, (socket) => {
        if (!socket) return reject(new Error(`cannot listen on ${this.options.host}:${this.options.port}`));
        this.listenSocket = socket;
        resolve(uWS.us_socket_local_port(socket));
      });
    });
  }

  /** Stops accepting connections; open sockets stay until their owners close them. */
  stopListening(): void {
    if (this.listenSocket) uWS.us_listen_socket_close(this.listenSocket);
    this.listenSocket = undefined;
  }
}
