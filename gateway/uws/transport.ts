// Transport over a uWS WebSocket. After close the uWS object is invalid, so
// every call checks `closed` first.
//
// The cap on unsent bytes is ours (`softLimit`): past it a send is refused
// without queueing. uWS's own cap sits above it (see UNSENT_HEADROOM), so the
// Error frame and close frame of a slow-consumer close are still queued behind
// the data, and a device that reads on learns why it was closed.
import type { WebSocket } from 'uWebSockets.js';
import { SendResult, type Transport } from '../transport.js';

export class UwsTransport implements Transport {
  private closed = false;

  constructor(
    private readonly ws: WebSocket<unknown>,
    private readonly softLimit: number,
  ) {}

  markClosed(): void {
    this.closed = true;
  }

  send(frame: Uint8Array, urgent = false): SendResult {
    if (this.closed) return SendResult.DROPPED;
    if (!urgent && this.ws.getBufferedAmount() > this.softLimit) return SendResult.DROPPED;
    // uWS: 1 sent, 0 buffered (backpressure building), 2 dropped at maxBackpressure.
    const status = this.ws.send(frame, true, false);
    return status === 1 ? SendResult.SENT : status === 0 ? SendResult.BUFFERED : SendResult.DROPPED;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.end(code, reason);
  }

  bufferedAmount(): number {
    return this.closed ? 0 : this.ws.getBufferedAmount();
  }

  remoteAddress(): string {
    return this.closed ? '' : Buffer.from(this.ws.getRemoteAddressAsText()).toString('latin1');
  }

  subscribe(topic: string): void {
    if (!this.closed) this.ws.subscribe(topic);
  }

  unsubscribe(topic: string): void {
    if (!this.closed) this.ws.unsubscribe(topic);
  }

  cork(fn: () => void): void {
    if (this.closed) return fn();
    this.ws.cork(fn);
  }
}

/** Room above the soft cap for urgent frames (Error, Goaway) and the close frame. */
export const UNSENT_HEADROOM = 64 * 1024;
