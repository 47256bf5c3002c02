// The store's periodic clean-ups, one set per process that owns them (the
// embedded server, or a cluster router): unused device records, and push
// history with the settled push log.
import type { Config } from './config.js';
import { DeviceExpiry } from './device-expiry.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { PushHistoryExpiry } from './push-history-expiry.js';
import type { Stores } from './stores/types.js';

/** Unused devices are found by a full pass over the device store: hourly is soon enough for a 90-day expiry. */
const DEVICE_SWEEP_INTERVAL_MS = 3_600_000;
/** A pass a minute keeps each pass to a minute's pushes (60,000 at 1,000/s), not an hour's. */
const HISTORY_PRUNE_INTERVAL_MS = 60_000;

export interface HousekeepingOptions {
  stores: Stores;
  config: Pick<Config, 'deviceExpireDays' | 'pushHistoryDays'>;
  metrics: Metrics;
  log: Logger;
  now?: () => number;
  deviceSweepIntervalMs?: number;
  historyPruneIntervalMs?: number;
}

export interface Housekeeping {
  deviceExpiry: DeviceExpiry;
  pushHistory: PushHistoryExpiry;
  stop(): Promise<void>;
}

export function startHousekeeping(options: HousekeepingOptions): Housekeeping {
  const { stores, config, metrics, log, now } = options;
  const deviceExpiry = new DeviceExpiry({
    ...stores,
    metrics,
    log,
    expireDays: config.deviceExpireDays,
    intervalMs: options.deviceSweepIntervalMs ?? DEVICE_SWEEP_INTERVAL_MS,
    now,
  });
  const pushHistory = new PushHistoryExpiry({
    pushes: stores.pushes,
    apps: stores.apps,
    metrics,
    log,
    historyDays: config.pushHistoryDays,
    intervalMs: options.historyPruneIntervalMs ?? HISTORY_PRUNE_INTERVAL_MS,
    now,
  });
  deviceExpiry.start();
  pushHistory.start();
  return {
    deviceExpiry,
    pushHistory,
    async stop() {
      await Promise.all([deviceExpiry.stop(), pushHistory.stop()]);
    },
  };
}
