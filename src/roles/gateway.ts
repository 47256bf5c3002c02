// The gateway role's composition root: device sockets on HOMING_PORT (several
// gateway processes on one machine share it: uWS listens with SO_REUSEPORT),
// /healthz and /metrics beside them, no REST. Deliveries come from routers
// over NATS; routes, devices and offline queues are in Redis.
import { startGateway } from '../../gateway/index.js';
import { NodePresence } from '../../gateway/node-presence.js';
import type { Config } from '../config.js';
import { UwsListener } from '../http/uws-listener.js';
import { Metrics } from '../metrics.js';
import { MetricsServer } from '../metrics-server.js';
import { gatewayHttp } from './api-http.js';
import { openEngines } from './engines.js';
import { clusterUrls, type RoleOptions, type RunningRole } from './role.js';

export async function startGatewayRole(config: Config, options: RoleOptions): Promise<RunningRole> {
  clusterUrls(config);
  const { log, now } = options;
  const metrics = new Metrics();
  const engines = await openEngines(config, log);
  const { stores, bus, cluster } = engines;
  const metricsServer = config.metricsAddress ? new MetricsServer(metrics, log) : undefined;
  let presence: NodePresence | undefined;
  try {
    if (metricsServer && config.metricsAddress) await metricsServer.listen(config.metricsAddress);
    const listener = new UwsListener({ host: config.host, port: config.port, tls: config.tls });
    const gateway = await startGateway({ config, stores, bus, listener, log, metrics, now });
    listener.serveHttp(gatewayHttp(config, metrics, () => gateway.core.socketCount), config.maxBodyBytes, log);
    // Commands for this node reach it before it announces itself or registers a route.
    await bus.flush();
    presence = new NodePresence(config.nodeId, bus, cluster!.routes, gateway.core, log);
    const port = await listener.listen();
    let stopping: Promise<void> | undefined;
    return {
      port,
      consoleEnabled: false,
      stop() {
        return (stopping ??= (async () => {
          // Goaway and close every socket (unacked deliveries go to offline storage), then say so.
          gateway.stop();
          presence?.stop();
          await metricsServer?.close();
          await engines.close();
        })());
      },
    };
  } catch (err) {
    presence?.stop();
    await metricsServer?.close();
    await engines.close();
    throw err;
  }
}
