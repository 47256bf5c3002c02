// Transport over a uWS WebSocket. After close the uWS object is invalid, so
// every call checks `closed` first.
import type { WebSocket } from 'uWebSockets.js';
import { SendResult, type Transport } from '../transport.js';

export class UwsTransport implements Transport {
  private closed = false;

  constructor(private readonly ws: WebSocket<unknown>) {}

  markClosed(): void {
    this.closed = true;
  }

  send(frame: Uint8Array): SendResult {
    if (this.closed) return SendResult.DROPPED;
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

  cork(fn: () => void): void {
    if (this.closed) return fn();
    this.ws.cork(fn);
  }
}
