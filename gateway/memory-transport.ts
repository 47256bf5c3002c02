// An in-memory Transport for tests of the gateway core: records frames, and
// refuses sends once `capacity` bytes are queued, as the uWS transport does at
// its cap. `buffered` makes sends report backpressure until `drain()` is called.
import { decodeServerFrame, type DecodedServerFrame } from '../proto/codec.js';
import { SendResult, type TopicPublisher, type Transport } from './transport.js';

/** Topics for MemoryTransports, as a uWS app keeps them. */
export class MemoryTopics implements TopicPublisher {
  private readonly members = new Map<string, Set<MemoryTransport>>();

  join(transport: MemoryTransport, topic: string): void {
    let set = this.members.get(topic);
    if (!set) this.members.set(topic, (set = new Set()));
    set.add(transport);
  }

  leave(transport: MemoryTransport, topic: string): void {
    this.members.get(topic)?.delete(transport);
  }

  publish(topic: string, frame: Uint8Array): number {
    const set = this.members.get(topic);
    if (!set) return 0;
    for (const t of set) t.send(frame);
    return set.size;
  }
}

export class MemoryTransport implements Transport {
  readonly sent: DecodedServerFrame[] = [];
  closedWith: { code: number; reason: string } | undefined;
  private queued = 0;

  readonly topics = new Set<string>();

  constructor(
    private readonly capacity = Number.POSITIVE_INFINITY,
    private readonly hub?: MemoryTopics,
  ) {}

  subscribe(topic: string): void {
    this.topics.add(topic);
    this.hub?.join(this, topic);
  }

  unsubscribe(topic: string): void {
    this.topics.delete(topic);
    this.hub?.leave(this, topic);
  }

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
    for (const topic of this.topics) this.hub?.leave(this, topic);
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
