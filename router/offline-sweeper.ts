// Drops offline messages at their expiry and counts them, on one timer for the
// whole process (never a timer per message or per device).
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics.js';
import type { OfflineStore } from '../src/stores/types.js';
import type { PushStats } from './push-stats.js';
import { traceExpired, type DeliveryTrace } from '../src/trace/delivery-trace.js';

const SWEEP_BATCH = 1000;

export class OfflineSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly offline: OfflineStore,
    private readonly stats: PushStats,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly trace?: DeliveryTrace,
  ) {
    this.timer = setInterval(() => void this.sweep(), intervalMs);
    this.timer.unref();
  }

  /** One pass: removes every message expired by now. Overlapping calls share one pass. */
  sweep(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      const now = this.now();
      for (;;) {
        const expired = await this.offline.sweepExpired(now, SWEEP_BATCH);
        for (const d of expired) this.stats.add(d.pushId, { expired: 1 });
        if (this.trace) traceExpired(this.trace, expired, now);
        this.metrics.expired.inc(expired.length);
        if (expired.length < SWEEP_BATCH) break;
      }
      this.metrics.offlineDepth.set(await this.offline.depth());
    } catch (err) {
      this.log.error({ err }, 'offline sweep failed');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
