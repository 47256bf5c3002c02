// An in-memory stand-in for the gateway's side of device sockets, for tests
// of the client (and of apps' push handling) without a network. Each
// `new gateway.WebSocket(url)` yields a FakeSocket the test drives by hand:
// open it, read what the client sent, send server frames, close it.
import {
  decodeClientFrame,
  encodeServerFrame,
  type DecodedClientFrame,
  type ServerFrame,
} from '../../proto/codec.js';
import type { SocketCloseEvent, WebSocketConstructor, WebSocketLike } from './transport.js';

export class FakeSocket implements WebSocketLike {
  binaryType = 'blob';
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: SocketCloseEvent) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  /** Every frame the client sent, decoded, in order. */
  readonly sent: DecodedClientFrame[] = [];
  /** Set when the client called close(). */
  closedByClient: { code?: number; reason?: string } | undefined;
  private sentWaiters: Array<() => boolean> = [];

  constructor(readonly url: string) {}

  /** The server accepted the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** Sends one server frame, as an ArrayBuffer like a real binary message. */
  deliver(frame: ServerFrame): void {
    const bytes = encodeServerFrame(frame);
    this.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }

  /** Sends raw data (a text frame, garbage bytes). */
  deliverRaw(data: unknown): void {
    this.onmessage?.({ data });
  }

  /** The connection ended with `code`, from the server or the network (1006). */
  end(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  /** The sent frames with the given body. */
  frames<K extends NonNullable<DecodedClientFrame['body']>>(body: K): NonNullable<DecodedClientFrame[K]>[] {
    return this.sent.filter((f) => f.body === body).map((f) => f[body] as NonNullable<DecodedClientFrame[K]>);
  }

  /** Every message id acked on this socket, in order. */
  ackedIds(): string[] {
    return this.frames('ack').flatMap((a) => a.messageIds ?? []);
  }

  /** Resolves once the client has sent a frame with this body (at once if it already has). */
  sentFrame(body: NonNullable<DecodedClientFrame['body']>): Promise<void> {
    return new Promise((resolve) => {
      const check = () => this.sent.some((f) => f.body === body) && (resolve(), true);
      if (!check()) this.sentWaiters.push(check);
    });
  }

  send(data: Uint8Array): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(decodeClientFrame(data));
    this.sentWaiters = this.sentWaiters.filter((check) => !check());
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
    this.readyState = 3;
  }
}

export class FakeGateway {
  /** Every socket opened through this gateway, oldest first. */
  readonly sockets: FakeSocket[] = [];
  readonly WebSocket: WebSocketConstructor;
  private socketWaiters: Array<(socket: FakeSocket) => void> = [];

  constructor() {
    const sockets = this.sockets;
    const opened = (socket: FakeSocket) => this.socketWaiters.splice(0).forEach((w) => w(socket));
    this.WebSocket = class extends FakeSocket {
      constructor(url: string) {
        super(url);
        sockets.push(this);
        opened(this);
      }
    };
  }

  /** Resolves with the next socket a client opens. */
  nextSocket(): Promise<FakeSocket> {
    return new Promise((resolve) => this.socketWaiters.push(resolve));
  }

  /** The socket opened most recently. */
  get last(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no socket opened yet');
    return socket;
  }
}
