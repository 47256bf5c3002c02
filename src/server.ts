// The composition root for one process: validate config (done by the caller),
// build the engines, hand them to the roles, listen. `homing start` and the
// tests both come through here.
import { createRestApi } from './api/index.js';
import { InProcessBus } from './bus/in-process-bus.js';
import type { Config } from './config.js';
import { jsonResponse, type HttpHandler } from './http/types.js';
import { createLogger, type Logger } from './log.js';
import { DeviceExpiry } from './device-expiry.js';
import { Metrics } from './metrics.js';
import { MetricsServer } from './metrics-server.js';
import { openStores } from './stores/index.js';
import type { Stores } from './stores/types.js';
import { MemoryDeliveryTrace } from './trace/memory-trace.js';
import { startConsole, type ConsoleRole } from './console/index.js';
import { startGateway, type GatewayRole } from '../gateway/index.js';
import { startRouter, type RouterRole } from '../router/index.js';
import { announcingTagChanges } from '../router/tag-announcer.js';

export interface HomingServer {
  port: number;
  nodeId: string;
  stores: Stores;
  gateway: GatewayRole;
  router: RouterRole;
  metrics: Metrics;
  /** The port of HOMING_METRICS_ADDRESS's listener; undefined when /metrics is on the main port. */
  metricsPort: number | undefined;
  deviceExpiry: DeviceExpiry;
  /** Steps of recent deliveries (POST /v3/statistics/trace). */
  trace: MemoryDeliveryTrace;
  /** The web console and its /api/. */
  console: ConsoleRole;
  /** Graceful: goaway to devices, stop listening, flush counters, close stores. */
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** Router timers; tests shorten them. */
  statsFlushMs?: number;
  sweepIntervalMs?: number;
  /** The clock every role reads (tests move it to expire messages). */
  now?: () => number;
  /** Time between sweeps for unused device records (HOMING_DEVICE_EXPIRE_DAYS). */
  deviceSweepIntervalMs?: number;
  /** The console's built pages (tests build their own); dist/console/ by default. */
  consoleDir?: string;
}

/** Unused devices are found by a full pass over the device store: hourly is soon enough for a 90-day expiry. */
const DEVICE_SWEEP_INTERVAL_MS = 3_600_000;

export async function startHoming(config: Config, options: StartOptions = {}): Promise<HomingServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const stores = await openStores('embedded', config.dataDir, { durability: config.durability, maxOfflinePerToken: config.maxOfflinePerToken });
  metrics.offlineDepthFrom(() => stores.offline.depth());
  const bus = new InProcessBus();
  const { now } = options;
  const trace = new MemoryDeliveryTrace({ maxDeliveries: config.traceMaxDeliveries, retentionMs: config.traceRetentionSeconds * 1000, now });
  // Replays the push log (crash recovery) before any device can connect.
  const router = await startRouter({ stores, bus, log, metrics, statsFlushMs: options.statsFlushMs, sweepIntervalMs: options.sweepIntervalMs, now, trace });
  // REST tag changes move the tokens' sockets between broadcast topics at once.
  const audience = { ...stores, tags: announcingTagChanges(stores.tags, stores.routes, bus, log) };
  const api = createRestApi({ apps: stores.apps, pushService: router.pushService, config, log, metrics, now, audience, trace });
  const consoleRole = startConsole({ config, stores, pushService: router.pushService, rest: api, trace, metrics, log, now, consoleDir: options.consoleDir });
  let gateway: GatewayRole | undefined;

  const http: HttpHandler = async (req) => {
    if (req.path === '/healthz') {
      // The default node id is the host name: told only when asked for (HOMING_HEALTHZ_SHOW_NODE_ID).
      const node = config.healthzShowsNodeId ? { node_id: config.nodeId } : {};
      return jsonResponse({ status: 'ok', ...node, sockets: gateway?.core.socketCount ?? 0 });
    }
    // With HOMING_METRICS_ADDRESS, /metrics lives only there; here it falls through to the API's 19404.
    if (req.path === '/metrics' && !config.metricsAddress) {
      return { status: 200, headers: { 'content-type': metrics.registry.contentType }, body: await metrics.registry.metrics() };
    }
    if (consoleRole.serves(req.path)) return consoleRole.handle(req);
    return api(req);
  };

  const metricsServer = config.metricsAddress ? new MetricsServer(metrics, log) : undefined;
  let metricsPort: number | undefined;
  try {
    if (metricsServer && config.metricsAddress) metricsPort = await metricsServer.listen(config.metricsAddress);
    gateway = await startGateway({ config, stores, bus, http, log, metrics, now, trace });
  } catch (err) {
    await metricsServer?.close();
    await router.stop();
    await stores.close();
    throw err;
  }
  const started = gateway;
  const deviceExpiry = new DeviceExpiry({
    devices: stores.devices,
    routes: stores.routes,
    tags: stores.tags,
    accounts: stores.accounts,
    metrics,
    log,
    expireDays: config.deviceExpireDays,
    intervalMs: options.deviceSweepIntervalMs ?? DEVICE_SWEEP_INTERVAL_MS,
    now,
  });
  deviceExpiry.start();
  let stopping: Promise<void> | undefined;
  return {
    port: started.port,
    nodeId: config.nodeId,
    stores,
    gateway: started,
    router,
    metrics,
    metricsPort,
    deviceExpiry,
    trace,
    console: consoleRole,
    stop() {
      stopping ??= (async () => {
        started.stop();
        consoleRole.stop();
        await deviceExpiry.stop();
        await metricsServer?.close();
        await router.stop();
        await bus.close();
        await stores.close();
      })();
      return stopping;
    },
  };
}
