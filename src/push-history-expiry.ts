// Keeps the push store from growing for good. Every accepted push leaves a
// record, a listing entry, counters and a log entry; at 1,000 pushes a second
// that is tens of gigabytes a month. Each pass:
// - forgets pushes created more than HOMING_PUSH_HISTORY_DAYS ago (record,
//   listing, counters): the statistics API and the console's history then no
//   longer know them. At least 4 days, longer than any push lives (72 h), so an
//   offline message or a token_list reuse never loses its content;
// - trims the push log of entries recovery will not read again (settled: at or
//   before the checkpoint), whatever the history setting, 0 included. The
//   embedded store already drops them as its checkpoint moves; this catches a
//   backlog, and the cluster log's index.
// Work goes in pages, each its own store call, so a pass after a long pause
// (or the first after an upgrade) does not hold the event loop or one long
// transaction.
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { PeriodicPass } from './periodic-pass.js';
import type { AppStore, PushStore } from './stores/types.js';

const DAY_MS = 86_400_000;
/** Pushes or log entries per store call. */
const PAGE_SIZE = 1000;

export interface PushHistoryExpiryDeps {
  pushes: PushStore;
  apps: AppStore;
  metrics: Metrics;
  log: Logger;
  /** 0 = keep push history forever (the log is still trimmed). */
  historyDays: number;
  /** Time between passes. */
  intervalMs: number;
  now?: () => number;
}

export interface PrunedCount {
  pushes: number;
  logEntries: number;
}

export class PushHistoryExpiry {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly periodic: PeriodicPass<PrunedCount>;

  constructor(private readonly deps: PushHistoryExpiryDeps) {
    this.log = deps.log.child({ component: 'push-history-expiry' });
    this.now = deps.now ?? Date.now;
    this.periodic = new PeriodicPass(() => this.pass(), deps.intervalMs, (err) => this.log.error({ err }, 'push history prune failed'));
  }

  /** A pass every `intervalMs` (the first after one interval). */
  start(): void {
    this.periodic.start();
  }

  /** One pass; resolves with what it removed. A pass in progress is joined, not doubled. */
  prune(): Promise<PrunedCount> {
    return this.periodic.run();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  private async pass(): Promise<PrunedCount> {
    const { pushes, apps, metrics, historyDays } = this.deps;
    const count: PrunedCount = { pushes: 0, logEntries: 0 };
    let n: number;
    do {
      n = await pushes.trimLog(PAGE_SIZE);
      count.logEntries += n;
    } while (n === PAGE_SIZE && !this.periodic.stopped);
    if (historyDays > 0) {
      const before = this.now() - historyDays * DAY_MS;
      for (const app of await apps.list()) {
        do {
          n = await pushes.pruneHistory(app.accessId, before, PAGE_SIZE);
          count.pushes += n;
          metrics.historyPruned.inc(n);
        } while (n === PAGE_SIZE && !this.periodic.stopped);
        if (this.periodic.stopped) break;
      }
    }
    if (count.pushes > 0 || count.logEntries > 0) this.log.info({ ...count, history_days: historyDays }, 'pruned push history');
    return count;
  }
}
