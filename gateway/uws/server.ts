// The one place that opens sockets: a uWS app serving device WebSockets on
// /device and every other path through the HTTP handler, on one port.
import uWS from 'uWebSockets.js';
import type { HttpHandler } from '../../src/http/types.js';
import type { TlsFiles } from '../../src/tls-files.js';
import type { Logger } from '../../src/log.js';
import type { DeviceGateway } from '../device-gateway.js';
import type { DeviceSession } from '../session.js';
import { serveHttp } from './http-adapter.js';
import { UNSENT_HEADROOM, UwsTransport } from './transport.js';

export interface UwsServerOptions {
  host: string;
  port: number;
  idleTimeoutSeconds: number;
  maxFrameBytes: number;
  maxBackpressureBytes: number;
  maxBodyBytes: number;
  /** HTTPS and WSS instead of HTTP and WS, on the same port and paths. */
  tls?: TlsFiles;
  /** Sockets beyond this get HTTP 503 instead of an upgrade, keeping file descriptors free. */
  maxConnections: number;
  /** Called for each refused upgrade (metrics). */
  onRefused?: () => void;
  gateway: DeviceGateway;
  http: HttpHandler;
  log: Logger;
}

interface SocketData {
  session?: DeviceSession;
}

/**
 * Frames up to this size reach the gateway, which answers an oversized one
 * with FRAME_TOO_LARGE before closing; beyond it uWS drops the socket itself
 * without reading the frame into memory.
 */
export function hardFrameLimit(maxFrameBytes: number): number {
  return Math.max(maxFrameBytes * 4, 64 * 1024);
}

/** The files were checked when the config loaded; uWS's one error message is given the paths. */
function sslApp(tls: TlsFiles): uWS.TemplatedApp {
  try {
    return uWS.SSLApp({ cert_file_name: tls.certFile, key_file_name: tls.keyFile, ca_file_name: tls.caFile, passphrase: tls.passphrase });
  } catch (err) {
    throw new Error(`TLS setup failed for ${tls.certFile} and ${tls.keyFile}: ${(err as Error).message}`);
  }
}

export class UwsServer {
  private listenSocket: uWS.us_listen_socket | undefined;
  private readonly app: uWS.TemplatedApp;

  constructor(private readonly options: UwsServerOptions) {
    const { gateway } = options;
    this.app = (options.tls ? sslApp(options.tls) : uWS.App())
      .ws<SocketData>('/device', {
        compression: uWS.DISABLED,
        maxPayloadLength: hardFrameLimit(options.maxFrameBytes),
        idleTimeout: options.idleTimeoutSeconds,
        // Devices ping us (battery: the radio wakes on their schedule); a silent socket is closed.
        sendPingsAutomatically: false,
        // Our cap is the transport's; uWS's sits above it so a closing frame still fits.
        maxBackpressure: options.maxBackpressureBytes + UNSENT_HEADROOM,
        closeOnBackpressureLimit: 0,
        upgrade: (res, req, context) => {
          if (gateway.socketCount >= options.maxConnections) {
            options.onRefused?.();
            // The SDK treats a failed upgrade like a network error: back off, try again.
            res.writeStatus('503 Service Unavailable').writeHeader('retry-after', '30').end('gateway is at its connection limit', true);
            return;
          }
          res.upgrade<SocketData>(
            // The slot exists from the start, so V8 keeps it in-object.
            { session: undefined },
            req.getHeader('sec-websocket-key'),
            req.getHeader('sec-websocket-protocol'),
            req.getHeader('sec-websocket-extensions'),
            context,
          );
        },
        open: (ws) => {
          ws.getUserData().session = gateway.open(new UwsTransport(ws, options.maxBackpressureBytes));
        },
        message: (ws, message, isBinary) => {
          const session = ws.getUserData().session;
          if (session) gateway.message(session, new Uint8Array(message), isBinary);
        },
        drain: (ws) => {
          const session = ws.getUserData().session;
          if (session) gateway.writable(session);
        },
        close: (ws) => {
          const data = ws.getUserData();
          if (data.session) {
            (data.session.transport as UwsTransport).markClosed();
            gateway.closed(data.session);
          }
        },
      })
      .any('/*', serveHttp(options.http, options.maxBodyBytes, options.log));
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

  /** uWS native fan-out: one encoded frame to every socket subscribed to `topic`. */
  publish(topic: string, frame: Uint8Array): number {
    const reached = this.app.numSubscribers(topic);
    this.app.publish(topic, frame, true, false);
    return reached;
  }

  /** Stops accepting connections; open sockets are closed by the gateway's shutdown. */
  stopListening(): void {
    if (this.listenSocket) uWS.us_listen_socket_close(this.listenSocket);
    this.listenSocket = undefined;
  }

}
