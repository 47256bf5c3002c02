// Router entry: wires push routing, counters and the expiry sweep to the bus
// and stores it is given.
import type { NodeBus } from '../src/bus/node-bus.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics.js';
import type { PushService } from '../src/push-service.js';
import type { Stores } from '../src/stores/types.js';
import { OfflineSweeper } from './offline-sweeper.js';
import { PushRouter } from './push-router.js';
import { PushStats } from './push-stats.js';

export interface RouterOptions {
  stores: Stores;
  bus: NodeBus;
  log: Logger;
  metrics: Metrics;
  /** How often counters are written to the store. */
  statsFlushMs?: number;
  /** How often expired offline messages are dropped and counted. */
  sweepIntervalMs?: number;
  now?: () => number;
}

export interface RouterRole {
  pushService: PushService;
  /** Runs an expiry pass now (tests, shutdown). */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

export function startRouter(options: RouterOptions): RouterRole {
  const { stores, bus, log, metrics } = options;
  const stats = new PushStats(stores.pushes, metrics, options.statsFlushMs ?? 250);
  const sweeper = new OfflineSweeper(stores.offline, stats, metrics, log, options.sweepIntervalMs ?? 5000, options.now);
  const unsubscribe = bus.onReceipts((receipts) => stats.onReceipts(receipts));
  const pushService = new PushRouter({ ...stores, bus, stats, metrics, log, now: options.now });
  return {
    pushService,
    sweep: () => sweeper.sweep(),
    async stop() {
      unsubscribe();
      await sweeper.stop();
      await stats.stop();
    },
  };
}
