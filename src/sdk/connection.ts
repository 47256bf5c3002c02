// One socket from open to close: sends the hello, waits for the welcome,
// keeps the heartbeat, batches acks, and turns frames into calls on its
// owner. It never reconnects; HomingClient decides that from the close code.
//
// Contract: `onClosed` is called exactly once, whether the gateway closed the
// socket, the network dropped it, or close() was called; after it, no other
// callback fires and every timer is stopped.
import { decodeServerFrame, type DecodedServerFrame, type PushFrame, type ResultFrame, type Welcome } from '../../proto/codec.js';
import { DeviceError } from '../errors.js';
import { AckBatcher } from './ack-batcher.js';
import { CloseCode } from './errors.js';
import { encodeAck, encodeClick, encodePing, type ClickInput } from './frames.js';
import { clockOffsetMs, Heartbeat } from './heartbeat.js';
import { frameBytes, openSocket, SOCKET_OPEN, type SocketCloseEvent, type WebSocketConstructor, type WebSocketLike } from './transport.js';
import type { SdkLogger } from './types.js';

export interface ConnectionHandlers {
  onWelcome(welcome: Welcome): void;
  onPush(push: PushFrame): void;
  onGoaway(reason: string, reconnectAfterMs: number): void;
  onClockOffset(offsetMs: number): void;
  /** The answer to a tag or account change (profile.ts). */
  onResult?(result: ResultFrame): void;
  /** `accessId`: the app a hello refusal is about (from the Error frame), or "". */
  onClosed(code: number, reason: string, accessId: string): void;
}

export interface ConnectionOptions {
  WebSocket: WebSocketConstructor;
  url: string;
  hello: Uint8Array;
  handshakeTimeoutMs: number;
  pongTimeoutMs: number;
  ackDelayMs: number;
  /** Runs before each Ack frame; a returned promise holds the frame until it settles (see seen-persistence.ts). */
  beforeAck?: () => Promise<void> | void;
  logger: SdkLogger;
}

export class Connection {
  private readonly socket: WebSocketLike;
  private readonly acks: AckBatcher;
  private heartbeat: Heartbeat | undefined;
  private handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The Error frame that precedes a close carries the code even when the close frame is lost. */
  private errorFrame: { code: number; message: string; accessId: string } | undefined;
  private ended = false;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.acks = new AckBatcher({
      send: (ids) => this.send(encodeAck(ids)),
      delayMs: options.ackDelayMs,
      beforeSend: options.beforeAck,
    });
    this.socket = openSocket(options.WebSocket, options.url);
    this.socket.onopen = () => {
      this.send(options.hello);
      // The gateway answers pings at any time, even while it checks the hello: this pong
      // arrives before the first push and gives the clock offset that expiry checks use.
      this.send(encodePing(Date.now()));
    };
    this.socket.onmessage = (event) => this.receive(event.data);
    this.socket.onclose = (event: SocketCloseEvent) => this.end(event.code, event.reason);
    // Browsers give no detail on errors; the close event that follows has the code.
    this.socket.onerror = (event) => options.logger.debug({ event: String(event) }, 'homing socket error');
    this.handshakeTimer = setTimeout(
      () => this.close(CloseCode.ABNORMAL, `no welcome within ${options.handshakeTimeoutMs} ms`),
      options.handshakeTimeoutMs,
    );
  }

  ack(messageId: string): void {
    if (!this.ended) this.acks.add(messageId);
  }

  /** False when the socket cannot take it now (not yet welcomed, or ended). */
  click(click: ClickInput): boolean {
    if (this.ended || this.heartbeat === undefined) return false;
    return this.send(encodeClick(click));
  }

  /** A tag or account change (profile.ts); false when the socket cannot take it now. */
  request(frame: Uint8Array): boolean {
    if (this.ended || this.heartbeat === undefined) return false;
    return this.send(frame);
  }

  /** Sends the pending acks now (the page is being hidden or unloaded). */
  flushAcks(): void {
    if (!this.ended) this.acks.flush();
  }

  /** Offline: stop pinging (and expecting pongs) until resumeHeartbeat(). */
  pauseHeartbeat(): void {
    this.heartbeat?.pause();
  }

  resumeHeartbeat(): void {
    this.heartbeat?.resume();
  }

  /** Pings now; no answer within the pong timeout closes the socket (see Heartbeat.probe). */
  probe(): void {
    this.heartbeat?.probe();
  }

  /** Ends the socket from this side; `code` is what onClosed reports. */
  close(code: number = CloseCode.NORMAL, reason = 'client closed'): void {
    if (this.ended) return;
    this.acks.flush();
    try {
      // Only 1000 and 3000–4999 may be sent by a client; locally detected failures go out as 1000.
      this.socket.close(CloseCode.NORMAL, reason.slice(0, 120));
    } catch (err) {
      this.options.logger.debug({ err }, 'homing socket close failed');
    }
    this.end(code, reason);
  }

  private send(bytes: Uint8Array): boolean {
    if (this.ended || this.socket.readyState !== SOCKET_OPEN) return false;
    try {
      this.socket.send(bytes);
      return true;
    } catch (err) {
      this.options.logger.debug({ err }, 'homing socket send failed');
      return false;
    }
  }

  private receive(data: unknown): void {
    if (this.ended) return;
    const bytes = frameBytes(data);
    let frame: DecodedServerFrame;
    try {
      if (!bytes) throw new Error('text frame');
      frame = decodeServerFrame(bytes);
    } catch (err) {
      this.options.logger.warn({ err }, 'homing: undecodable frame from gateway');
      this.close(CloseCode.PROTOCOL_ERROR, 'undecodable frame from gateway');
      return;
    }
    this.heartbeat?.received();
    switch (frame.body) {
      case 'welcome':
        return this.welcomed(frame.welcome ?? {});
      case 'push':
        if (frame.push) this.handlers.onPush(frame.push);
        return;
      case 'pong': {
        const clientTime = Number(frame.pong?.clientTime ?? 0);
        const serverTime = Number(frame.pong?.serverTime ?? 0);
        if (clientTime > 0 && serverTime > 0) this.handlers.onClockOffset(clockOffsetMs(clientTime, serverTime, Date.now()));
        return;
      }
      case 'error':
        // 4112 answers a frame the gateway does not know and closes nothing: it is
        // not the cause of a later close, so it is not remembered as one.
        if (frame.error?.code === DeviceError.UNSUPPORTED_FRAME) {
          this.options.logger.warn({ message: frame.error.message }, 'homing: gateway ignored a frame it does not support');
          return;
        }
        this.errorFrame = { code: frame.error?.code ?? 0, message: frame.error?.message ?? '', accessId: frame.error?.accessId ?? '' };
        return;
      case 'result':
        if (frame.result) this.handlers.onResult?.(frame.result);
        return;
      case 'goaway':
        return this.handlers.onGoaway(frame.goaway?.reason ?? '', frame.goaway?.reconnectAfterMs ?? 0);
      default:
        // A newer gateway may send frames this SDK does not know; they are safe to skip.
        this.options.logger.debug({ body: frame.body }, 'homing: unknown server frame');
    }
  }

  private welcomed(welcome: Welcome): void {
    if (this.heartbeat) return;
    clearTimeout(this.handshakeTimer);
    this.acks.setMaxFrameBytes(welcome.maxFrameBytes ?? 0);
    this.heartbeat = new Heartbeat({
      intervalMs: welcome.heartbeatIntervalMs ?? 0,
      pongTimeoutMs: this.options.pongTimeoutMs,
      sendPing: (clientTime) => this.send(encodePing(clientTime)),
      onDead: () => this.close(DeviceError.HEARTBEAT_TIMEOUT, 'no answer to ping'),
    });
    this.handlers.onWelcome(welcome);
    this.heartbeat.start();
  }

  private end(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.handshakeTimer);
    this.heartbeat?.stop();
    this.acks.discard();
    this.socket.onopen = null;
    this.socket.onmessage = null;
    this.socket.onclose = null;
    // Not null: `ws` throws an error event that has no listener.
    this.socket.onerror = () => undefined;
    // The Error frame names the real cause when the close itself arrives as 1005/1006.
    const error = this.errorFrame;
    if (error && error.code >= 4000 && (code < 4000 || code === error.code)) {
      this.handlers.onClosed(error.code, error.message || reason, error.accessId);
    } else {
      this.handlers.onClosed(code, reason, '');
    }
  }
}
