// An in-memory Transport for tests of the gateway core: records frames,
// and refuses sends once `capacity` bytes are queued, as uWS does at maxBackpressure.
import { decodeServerFrame, type DecodedServerFrame } from '../proto/codec.js';
import { SendResult, type Transport } from './transport.js';

export class MemoryTransport implements Transport {
  readonly sent: DecodedServerFrame[] = [];
  closedWith: { code: number; reason: string } | undefined;
  private queued = 0;

  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}

  send(frame: Uint8Array): SendResult {
    if (this.closedWith) return SendResult.DROPPED;
    if (this.queued + frame.byteLength > this.capacity) return SendResult.DROPPED;
    this.queued += frame.byteLength;
    this.sent.push(decodeServerFrame(frame));
    return SendResult.SENT;
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
