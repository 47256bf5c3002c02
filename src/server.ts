// The `all` role's composition root: every role in one process, on one port.
// Config is validated by the caller; the engines are the embedded default, or
// the cluster's with NATS and Redis (src/roles/engines.ts), where this process
// is also a gateway node and a router among others. `homing start` and the
// in-process tests come through here; src/roles/ holds the roles that run alone.
import { createRestApi } from './api/index.js';
import { NatsPushJobs } from './bus/nats-push-jobs.js';
import type { Config } from './config.js';
import { UwsListener } from './http/uws-listener.js';
import { createLogger, type Logger } from './log.js';
import type { DeviceExpiry } from './device-expiry.js';
import { startHousekeeping } from './housekeeping.js';
import type { PushHistoryExpiry } from './push-history-expiry.js';
import { Metrics } from './metrics.js';
import { MetricsServer } from './metrics-server.js';
import { openEngines } from './roles/engines.js';
import { apiHttp } from './roles/api-http.js';
import type { Stores } from './stores/types.js';
import { MemoryDeliveryTrace } from './trace/memory-trace.js';
import { startConsole, type ConsoleRole } from './console/index.js';
import { startGateway, type GatewayRole } from '../gateway/index.js';
import { NodePresence } from '../gateway/node-presence.js';
import { DEFAULT_DEAD_AFTER_MS, LiveNodes } from '../router/live-nodes.js';
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
  /** Forgets pushes past HOMING_PUSH_HISTORY_DAYS and trims the settled push log. */
  pushHistory: PushHistoryExpiry;
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
  /** Time between push history passes (HOMING_PUSH_HISTORY_DAYS, log trimming). */
  historyPruneIntervalMs?: number;
  /** The console's built pages (tests build their own); dist/console/ by default. */
  consoleDir?: string;
  /** Tests: the CA of the local APNs/FCM fakes (production trusts extra CAs through NODE_EXTRA_CA_CERTS). */
  providerCa?: string;
  /** Tests: a shorter provider retry backoff. */
  providerRetry?: { baseDelayMs: number; maxDelayMs: number };
}


/** The router's APNs/FCM settings from config (every process that runs the router role passes them). */
export function providerSettings(config: Config, ca?: string) {
  return {
    apnsUrl: config.apnsUrl,
    apnsDevUrl: config.apnsDevUrl,
    fcmUrl: config.fcmUrl,
    concurrency: config.providerConcurrency,
    timeoutMs: config.providerTimeoutSeconds * 1000,
    ca,
  };
}

export async function startHoming(config: Config, options: StartOptions = {}): Promise<HomingServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const engines = await openEngines(config, log);
  const { stores, bus, cluster } = engines;
  metrics.offlineDepthFrom(() => stores.offline.depth());
  const { now } = options;
  const liveNodes = cluster ? new LiveNodes(bus, { log, now }) : undefined;
  const trace = new MemoryDeliveryTrace({ maxDeliveries: config.traceMaxDeliveries, retentionMs: config.traceRetentionSeconds * 1000, now });
  const providers = providerSettings(config, options.providerCa);
  // Replays the push log (crash recovery) before any device can connect.
  const router = await startRouter({
    stores, bus, log, metrics, statsFlushMs: options.statsFlushMs, sweepIntervalMs: options.sweepIntervalMs, now, trace, providers, providerRetry: options.providerRetry,
    cluster: liveNodes && { liveNodes, journalMs: journalMs(config) },
  });
  // REST tag changes move the tokens' sockets between broadcast topics at once.
  const audience = { ...stores, tags: announcingTagChanges(stores.tags, stores.routes, bus, log) };
  const api = createRestApi({ apps: stores.apps, pushService: router.pushService, config, log, metrics, now, audience, trace });
  const consoleRole = startConsole({ config, stores, pushService: router.pushService, rest: api, trace, metrics, log, now, consoleDir: options.consoleDir });
  let gateway: GatewayRole | undefined;

  const http = apiHttp({ config, metrics, console: consoleRole, rest: api, sockets: () => gateway?.core.socketCount ?? 0 });

  const metricsServer = config.metricsAddress ? new MetricsServer(metrics, log) : undefined;
  let metricsPort: number | undefined;
  let port: number;
  let presence: NodePresence | undefined;
  let jobs: NatsPushJobs | undefined;
  try {
    if (metricsServer && config.metricsAddress) metricsPort = await metricsServer.listen(config.metricsAddress);
    const listener = new UwsListener({ host: config.host, port: config.port, tls: config.tls });
    // /device first, then the HTTP handler for every other path, then listen: one port.
    gateway = await startGateway({ config, stores, bus, listener, log, metrics, now, trace });
    listener.serveHttp(http, config.maxBodyBytes, log);
    if (cluster) {
      // This node's command subscription is live before it announces itself or takes sockets.
      await bus.flush();
      presence = new NodePresence(config.nodeId, bus, cluster.routes, gateway.core, log);
      jobs = await NatsPushJobs.connect(cluster.natsUrl, { name: `${config.nodeId} (all)`, log });
      jobs.serve(router.pushService);
      await jobs.flush();
    }
    port = await listener.listen();
  } catch (err) {
    presence?.stop();
    await jobs?.close();
    liveNodes?.stop();
    await metricsServer?.close();
    await router.stop();
    await engines.close();
    throw err;
  }
  const started = gateway;
  const housekeeping = startHousekeeping({
    stores, config, metrics, log, now,
    deviceSweepIntervalMs: options.deviceSweepIntervalMs,
    historyPruneIntervalMs: options.historyPruneIntervalMs,
  });
  let stopping: Promise<void> | undefined;
  return {
    port,
    nodeId: config.nodeId,
    stores,
    gateway: started,
    router,
    metrics,
    metricsPort,
    deviceExpiry: housekeeping.deviceExpiry,
    pushHistory: housekeeping.pushHistory,
    trace,
    console: consoleRole,
    stop() {
      stopping ??= (async () => {
        started.stop();
        presence?.stop();
        await jobs?.close();
        consoleRole.stop();
        await housekeeping.stop();
        await metricsServer?.close();
        await router.stop();
        liveNodes?.stop();
        await engines.close();
      })();
      return stopping;
    },
  };
}

/**
 * How long a router remembers what it sent each gateway node: a node stores
 * deliveries unacked past HOMING_ACK_TIMEOUT_SECONDS itself, so only that
 * much, plus the time to notice its death, can die with it.
 */
export function journalMs(config: Config): number {
  return config.ackTimeoutSeconds * 1000 + 2 * DEFAULT_DEAD_AFTER_MS;
}
