// The api role's composition root: the XG REST API, the console and its /api/,
// /healthz and /metrics on HOMING_PORT, and no device sockets. Stateless:
// pushes go to the routers as push jobs over NATS (a timeout or no router is
// 10100, "busy, retry"), everything else reads and writes the shared stores.
// Run several behind a load balancer.
import { announcingTagChanges } from '../../router/tag-announcer.js';
import { createRestApi } from '../api/index.js';
import { NatsPushJobs } from '../bus/nats-push-jobs.js';
import type { Config } from '../config.js';
import { startConsole } from '../console/index.js';
import { UwsListener } from '../http/uws-listener.js';
import { Metrics } from '../metrics.js';
import { MetricsServer } from '../metrics-server.js';
import { MemoryDeliveryTrace } from '../trace/memory-trace.js';
import { apiHttp } from './api-http.js';
import { openEngines } from './engines.js';
import { RemotePushService } from './remote-push-service.js';
import { clusterUrls, type RoleOptions, type RunningRole } from './role.js';

export async function startApiRole(config: Config, options: RoleOptions): Promise<RunningRole> {
  const { natsUrl } = clusterUrls(config);
  const { log, now } = options;
  const metrics = new Metrics();
  const engines = await openEngines(config, log);
  const { stores, bus } = engines;
  const metricsServer = config.metricsAddress ? new MetricsServer(metrics, log) : undefined;
  let jobs: NatsPushJobs | undefined;
  try {
    if (metricsServer && config.metricsAddress) await metricsServer.listen(config.metricsAddress);
    jobs = await NatsPushJobs.connect(natsUrl, { name: `${config.nodeId} (api)`, log, timeoutMs: config.pushJobTimeoutSeconds * 1000 });
    const pushService = new RemotePushService(jobs, stores.pushes);
    // Deliveries are traced where they happen (routers, gateways); this trace holds what this node saw.
    const trace = new MemoryDeliveryTrace({ maxDeliveries: config.traceMaxDeliveries, retentionMs: config.traceRetentionSeconds * 1000, now });
    // REST tag changes move the tokens' sockets between broadcast topics on their gateways at once.
    const audience = { ...stores, tags: announcingTagChanges(stores.tags, stores.routes, bus, log) };
    const rest = createRestApi({ apps: stores.apps, pushService, config, log, metrics, now, audience, trace });
    const consoleRole = startConsole({ config, stores, pushService, rest, trace, metrics, log, now });
    const listener = new UwsListener({ host: config.host, port: config.port, tls: config.tls });
    listener.serveHttp(apiHttp({ config, metrics, console: consoleRole, rest, sockets: () => 0 }), config.maxBodyBytes, log);
    const port = await listener.listen();
    let stopping: Promise<void> | undefined;
    return {
      port,
      consoleEnabled: consoleRole.enabled,
      stop() {
        return (stopping ??= (async () => {
          listener.stopListening();
          consoleRole.stop();
          await jobs?.close();
          await metricsServer?.close();
          await engines.close();
        })());
      },
    };
  } catch (err) {
    await jobs?.close();
    await metricsServer?.close();
    await engines.close();
    throw err;
  }
}
