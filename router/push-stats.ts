// Per-push counters. Increments from the router, receipts and the expiry sweep
// are merged in memory and written in one batch per interval; reads add the
// unwritten part so the statistics API is exact while the process lives.
import type { Receipt } from '../src/messages.js';
import type { Metrics } from '../src/metrics.js';
import type { CounterDelta, PushCounters, PushStore } from '../src/stores/types.js';

const NUMERIC = ['targets', 'online', 'offline', 'arrived', 'clicked', 'expired'] as const;

function merge(into: CounterDelta | PushCounters, delta: CounterDelta): void {
  for (const key of NUMERIC) {
    const v = delta[key];
    if (v) into[key] = (into[key] ?? 0) + v;
  }
  if (delta.failed) {
    const failed = (into.failed ??= {});
    for (const [reason, n] of Object.entries(delta.failed)) failed[reason] = (failed[reason] ?? 0) + n;
  }
}

export class PushStats {
  private pending = new Map<string, CounterDelta>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: PushStore,
    private readonly metrics: Metrics,
    flushIntervalMs: number,
  ) {
    this.timer = setInterval(() => void this.flush(), flushIntervalMs);
    this.timer.unref();
  }

  add(pushId: string, delta: CounterDelta): void {
    const current = this.pending.get(pushId);
    if (current) merge(current, delta);
    else {
      const fresh: CounterDelta = {};
      merge(fresh, delta);
      this.pending.set(pushId, fresh);
    }
  }

  onReceipts(receipts: readonly Receipt[]): void {
    for (const r of receipts) {
      if (r.kind === 'ack') {
        this.add(r.pushId, { arrived: 1 });
        this.metrics.acks.inc();
      } else if (r.kind === 'click') {
        this.add(r.pushId, { clicked: 1 });
        this.metrics.clicks.inc();
      } else {
        this.add(r.pushId, { expired: 1 });
        this.metrics.expired.inc();
      }
    }
  }

  async counters(pushId: string): Promise<PushCounters> {
    await this.flushing;
    const stored = await this.store.counters(pushId);
    const unwritten = this.pending.get(pushId);
    if (unwritten) merge(stored, unwritten);
    return stored;
  }

  /** Writes what is pending; calls are serialised so a batch is never counted twice. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.store.addCounters(batch);
      } catch (err) {
        // Keep the counts for the next try rather than lose them.
        for (const [pushId, delta] of batch) this.add(pushId, delta);
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

