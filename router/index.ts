// Router entry: wires push routing, counters, the delivery tracker and the
// expiry sweep to the bus and stores it is given, after replaying the push log
// from its checkpoint (crash recovery).
import type { NodeBus } from '../src/bus/node-bus.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics.js';
import type { PushService } from '../src/push-service.js';
import type { Stores } from '../src/stores/types.js';
import { DeliveryTracker } from './delivery-tracker.js';
import { OfflineSweeper } from './offline-sweeper.js';
import { PushRouter } from './push-router.js';
import { PushStats } from './push-stats.js';
import { recoverFromLog, type RecoveryResult } from './recovery.js';
import { traceReceipts, type DeliveryTrace } from '../src/trace/delivery-trace.js';

export interface RouterOptions {
  stores: Stores;
  bus: NodeBus;
  log: Logger;
  metrics: Metrics;
  /** How often counters and the checkpoint are written to the store. */
  statsFlushMs?: number;
  /** How often expired offline refs are dropped and counted. */
  sweepIntervalMs?: number;
  now?: () => number;
  /** Records accepted, routed, acked, clicked, expired, failed steps when given. */
  trace?: DeliveryTrace;
}

export interface RouterRole {
  pushService: PushService;
  /** What the start-up replay of the push log did. */
  recovery: RecoveryResult;
  /** Runs an expiry pass now (tests, shutdown). */
  sweep(): Promise<void>;
  /** Writes counters and the checkpoint now. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRouter(options: RouterOptions): Promise<RouterRole> {
  const { stores, bus, log, metrics } = options;
  const now = options.now ?? Date.now;
  const tracker = new DeliveryTracker();
  const stats = new PushStats(stores.pushes, tracker, metrics, options.statsFlushMs ?? 250);
  const recovery = await recoverFromLog({ pushes: stores.pushes, offline: stores.offline, stats, tracker, log }, now());
  metrics.recoveredTargets.inc(recovery.targets);
  const { trace } = options;
  const sweeper = new OfflineSweeper(stores.offline, stats, metrics, log, options.sweepIntervalMs ?? 5000, now, trace);
  // Expired broadcasts leave the catch-up log; rare enough for a slow timer.
  const pruning = setInterval(() => void stores.broadcasts.prune(now()).catch((err) => log.error({ err }, 'broadcast log prune failed')), 60_000);
  pruning.unref();
  const unsubscribe = bus.onReceipts((receipts) => {
    stats.onReceipts(receipts);
    if (trace) traceReceipts(trace, receipts);
  });
  const pushService = new PushRouter({ ...stores, bus, stats, tracker, metrics, log, now, trace });
  return {
    pushService,
    recovery,
    sweep: () => sweeper.sweep(),
    flush: () => stats.flush(),
    async stop() {
      clearInterval(pruning);
      unsubscribe();
      await sweeper.stop();
      await stats.stop();
    },
  };
}
