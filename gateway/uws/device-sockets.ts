// Device WebSockets on /device of a uWS app the process's listener owns
// (src/http/uws-listener.ts): the HTTP side of the port is not the gateway's.
import uWS from 'uWebSockets.js';
import type { DeviceGateway } from '../device-gateway.js';
import type { DeviceSession } from '../session.js';
import { UNSENT_HEADROOM, UwsTransport } from './transport.js';

export interface DeviceSocketOptions {
  idleTimeoutSeconds: number;
  maxFrameBytes: number;
  maxBackpressureBytes: number;
  /** Sockets beyond this get HTTP 503 instead of an upgrade, keeping file descriptors free. */
  maxConnections: number;
  /** Called for each refused upgrade (metrics). */
  onRefused?: () => void;
  gateway: DeviceGateway;
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

export class DeviceSockets {
  /** Attaches /device to `app` (src/http/uws-listener.ts), which the caller makes listen. */
  constructor(
    private readonly app: uWS.TemplatedApp,
    options: DeviceSocketOptions,
  ) {
    const { gateway } = options;
    app.ws<SocketData>('/device', {
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
    });
  }

  /** uWS native fan-out: one encoded frame to every socket subscribed to `topic`. */
  publish(topic: string, frame: Uint8Array): number {
    const reached = this.app.numSubscribers(topic);
    this.app.publish(topic, frame, true, false);
    return reached;
  }
}
