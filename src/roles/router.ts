// The router role's composition root: takes push jobs and receipt batches as a
// member of the routers' NATS queue group, runs the offline expiry sweep, the
// broadcast log pruning, the device expiry sweep and the push history prune. It listens on no port
// (/metrics only on HOMING_METRICS_ADDRESS). Several routers share the work.
import { startRouter } from '../../router/index.js';
import { LiveNodes } from '../../router/live-nodes.js';
import { NatsPushJobs } from '../bus/nats-push-jobs.js';
import type { Config } from '../config.js';
import { startHousekeeping } from '../housekeeping.js';
import { Metrics } from '../metrics.js';
import { MetricsServer } from '../metrics-server.js';
import { journalMs } from '../server.js';
import { openEngines } from './engines.js';
import { clusterUrls, type RoleOptions, type RunningRole } from './role.js';

export async function startRouterRole(config: Config, options: RoleOptions): Promise<RunningRole> {
  const { natsUrl } = clusterUrls(config);
  const { log, now } = options;
  const metrics = new Metrics();
  const engines = await openEngines(config, log);
  const { stores, bus } = engines;
  metrics.offlineDepthFrom(() => stores.offline.depth());
  const liveNodes = new LiveNodes(bus, { log, now });
  const metricsServer = config.metricsAddress ? new MetricsServer(metrics, log) : undefined;
  let jobs: NatsPushJobs | undefined;
  const router = await startRouter({ stores, bus, log, metrics, now, cluster: { liveNodes, journalMs: journalMs(config) } });
  try {
    if (metricsServer && config.metricsAddress) await metricsServer.listen(config.metricsAddress);
    jobs = await NatsPushJobs.connect(natsUrl, { name: `${config.nodeId} (router)`, log });
    jobs.serve(router.pushService);
    await jobs.flush();
  } catch (err) {
    await jobs?.close();
    await metricsServer?.close();
    await router.stop();
    liveNodes.stop();
    await engines.close();
    throw err;
  }
  const housekeeping = startHousekeeping({ stores, config, metrics, log, now });
  let stopping: Promise<void> | undefined;
  return {
    port: undefined,
    consoleEnabled: false,
    stop() {
      return (stopping ??= (async () => {
        // Jobs already taken reply before the connection closes; the queue group gives new ones to the others.
        await jobs?.close();
        await housekeeping.stop();
        await metricsServer?.close();
        await router.stop();
        liveNodes.stop();
        await engines.close();
      })());
    },
  };
}
