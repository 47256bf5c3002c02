// An in-memory Transport for tests of the gateway core: records frames, and
// refuses sends once `capacity` bytes are queued, as the uWS transport does at
// its cap. `buffered` makes sends report backpressure until `drain()` is called.
import { decodeServerFrame, type DecodedServerFrame } from '../proto/codec.js';
import { SendResult, type Transport } from './transport.js';

export class MemoryTransport implements Transport {
  readonly sent: DecodedServerFrame[] = [];
  closedWith: { code: number; reason: string } | undefined;
  private queued = 0;

  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}

  /** While true, every send reports BUFFERED (the kernel buffer is full). */
  buffered = false;

  send(frame: Uint8Array, urgent = false): SendResult {
    if (this.closedWith) return SendResult.DROPPED;
    if (!urgent && this.queued + frame.byteLength > this.capacity) return SendResult.DROPPED;
    this.queued += frame.byteLength;
    this.sent.push(decodeServerFrame(frame));
    return this.buffered ? SendResult.BUFFERED : SendResult.SENT;
  }

  /** The device read everything queued. */
  drain(): void {
    this.queued = 0;
    this.buffered = false;
  }

  close(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
  }

  bufferedAmount(): number {
    return this.queued;
  }

  cork(fn: () => void): void {
    fn();
  }

  framesOf(body: NonNullable<DecodedServerFrame['body']>): DecodedServerFrame[] {
    return this.sent.filter((f) => f.body === body);
  }
}
