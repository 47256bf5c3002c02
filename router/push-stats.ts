// Per-push counters and delivery progress. Increments from the router, receipts
// and the expiry sweep are merged in memory and written in one batch per
// interval, together with the checkpoint and the ack marks (PushStore.addCounters
// commits them atomically), so after a crash recovery neither loses an accepted
// push nor counts an arrival twice. Reads add the unwritten part, so the
// statistics API is exact while the process lives.
import type { OfflineRef, Receipt } from '../src/messages.js';
import type { Metrics } from '../src/metrics.js';
import { addDelta } from '../src/stores/records.js';
import type { CounterDelta, PushCounters, PushStore } from '../src/stores/types.js';
import type { DeliveryTracker } from './delivery-tracker.js';

/** Why an offline ref was dropped before its expiry: the token's queue was full. */
export const OVERFLOW_REASON = 'offline_queue_full';

export class PushStats {
  private pending = new Map<string, CounterDelta>();
  /** `${seq} ${token}` of acks counted since the last flush. */
  private acked: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private savedCheckpoint: string | undefined;

  constructor(
    private readonly store: PushStore,
    private readonly tracker: DeliveryTracker,
    private readonly metrics: Metrics,
    flushIntervalMs: number,
  ) {
    this.timer = setInterval(() => void this.flush(), flushIntervalMs);
    this.timer.unref();
  }

  add(pushId: string, delta: CounterDelta): void {
    const current = this.pending.get(pushId);
    if (current) addDelta(current, delta);
    else this.pending.set(pushId, addDelta({}, delta));
  }

  /**
   * A target APNs or FCM answered for (accepted, or failed with a reason in
   * `delta`): counted, marked like an ack so recovery does not replay it into
   * offline storage, and settled in the tracker.
   */
  providerEnded(pushId: string, seq: string, token: string, delta: CounterDelta): void {
    this.add(pushId, delta);
    this.acked.push(`${seq} ${token}`);
    this.tracker.settle(seq);
  }

  /** Refs dropped from full offline queues: failed, with the reason. */
  overflowed(refs: readonly OfflineRef[]): void {
    for (const r of refs) this.add(r.pushId, { failed: { [OVERFLOW_REASON]: 1 } });
    this.metrics.offlineOverflow.inc(refs.length);
  }

  onReceipts(receipts: readonly Receipt[]): void {
    let acks = 0;
    for (const r of receipts) {
      switch (r.kind) {
        case 'ack': {
          // A broadcast's acks come counted, one receipt per push (no token, no mark).
          const n = r.count ?? 1;
          acks += n;
          this.add(r.pushId, { arrived: n });
          if (r.seq && r.token) this.acked.push(`${r.seq} ${r.token}`);
          if (r.live) this.tracker.settle(r.seq);
          break;
        }
        case 'settled':
          this.tracker.settle(r.seq);
          break;
        case 'click':
          this.add(r.pushId, { clicked: 1 });
          this.metrics.clicks.inc();
          break;
        case 'expired':
          this.add(r.pushId, { expired: 1 });
          this.metrics.expired.inc();
          if (r.live) this.tracker.settle(r.seq);
          break;
        case 'published':
          if (r.count) this.add(r.pushId, { online: r.count });
          break;
        case 'overflow':
          this.add(r.pushId, { failed: { [OVERFLOW_REASON]: 1 } });
          this.metrics.offlineOverflow.inc();
          break;
      }
    }
    if (acks) this.metrics.acks.inc(acks);
  }

  async counters(pushId: string): Promise<PushCounters> {
    for (;;) {
      const flushing = this.flushing;
      await flushing;
      const stored = await this.store.counters(pushId);
      // A flush that began during the read took `pending` into a batch the read may have missed: read again.
      if (this.flushing !== flushing) continue;
      const unwritten = this.pending.get(pushId);
      if (unwritten) addDelta(stored, unwritten);
      return stored;
    }
  }

  /** Writes what is pending with the current checkpoint; calls are serialised so a batch is never counted twice. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const checkpoint = this.tracker.checkpoint();
      if (this.pending.size === 0 && this.acked.length === 0 && checkpoint === this.savedCheckpoint) return;
      const batch = this.pending;
      const acked = this.acked;
      this.pending = new Map();
      this.acked = [];
      try {
        await this.store.addCounters(batch, { checkpoint, acked });
        this.savedCheckpoint = checkpoint;
      } catch (err) {
        // Keep the counts for the next try rather than lose them.
        for (const [pushId, delta] of batch) this.add(pushId, delta);
        this.acked.push(...acked);
        throw err;
      }
    });
    return this.flushing.catch(() => undefined);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
