// The composition root for one process: validate config (done by the caller),
// build the engines, hand them to the roles, listen. `homing start` and the
// tests both come through here.
import { createRestApi } from './api/index.js';
import { InProcessBus } from './bus/in-process-bus.js';
import type { Config } from './config.js';
import { jsonResponse, type HttpHandler } from './http/types.js';
import { createLogger, type Logger } from './log.js';
import { Metrics } from './metrics.js';
import { openStores } from './stores/index.js';
import type { Stores } from './stores/types.js';
import { startGateway, type GatewayRole } from '../gateway/index.js';
import { startRouter, type RouterRole } from '../router/index.js';

export interface HomingServer {
  port: number;
  nodeId: string;
  stores: Stores;
  gateway: GatewayRole;
  router: RouterRole;
  metrics: Metrics;
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
}

export async function startHoming(config: Config, options: StartOptions = {}): Promise<HomingServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const stores = await openStores('embedded', config.dataDir, { durability: config.durability });
  const bus = new InProcessBus();
  const { now } = options;
  const router = startRouter({ stores, bus, log, metrics, statsFlushMs: options.statsFlushMs, sweepIntervalMs: options.sweepIntervalMs, now });
  const api = createRestApi({ apps: stores.apps, pushService: router.pushService, config, log, metrics, now, audience: stores });
  let gateway: GatewayRole | undefined;

  const http: HttpHandler = async (req) => {
    if (req.path === '/healthz') {
      return jsonResponse({ status: 'ok', node_id: config.nodeId, sockets: gateway?.core.socketCount ?? 0 });
    }
    if (req.path === '/metrics') {
      return { status: 200, headers: { 'content-type': metrics.registry.contentType }, body: await metrics.registry.metrics() };
    }
    return api(req);
  };

  try {
    gateway = await startGateway({ config, stores, bus, http, log, metrics, now });
  } catch (err) {
    await router.stop();
    await stores.close();
    throw err;
  }
  const started = gateway;
  let stopping: Promise<void> | undefined;
  return {
    port: started.port,
    nodeId: config.nodeId,
    stores,
    gateway: started,
    router,
    metrics,
    stop() {
      stopping ??= (async () => {
        started.stop();
        await router.stop();
        await bus.close();
        await stores.close();
      })();
      return stopping;
    },
  };
}
