// The HTTP side of a process that serves the api role (alone, or in `all`):
// /healthz, /metrics (unless HOMING_METRICS_ADDRESS moves it), the console and
// its /api/, and the XG REST API for everything else. A gateway alone serves
// only /healthz (gatewayHttp).
import type { Config } from '../config.js';
import type { ConsoleRole } from '../console/index.js';
import { jsonResponse, type HttpHandler, type HttpRequest, type HttpResponse } from '../http/types.js';
import type { Metrics } from '../metrics.js';

export interface ApiHttpDeps {
  config: Config;
  metrics: Metrics;
  console: ConsoleRole;
  rest: HttpHandler;
  /** Device sockets this process holds (0 without a gateway). */
  sockets: () => number;
}

/** /healthz's answer; undefined for any other path. */
function healthz(config: Config, req: HttpRequest, sockets: () => number): HttpResponse | undefined {
  if (req.path !== '/healthz') return undefined;
  // The default node id is the host name: told only when asked for (HOMING_HEALTHZ_SHOW_NODE_ID).
  const node = config.healthzShowsNodeId ? { node_id: config.nodeId } : {};
  return jsonResponse({ status: 'ok', ...node, sockets: sockets() });
}

export function apiHttp(deps: ApiHttpDeps): HttpHandler {
  const { config, metrics } = deps;
  return async (req) => {
    const health = healthz(config, req, deps.sockets);
    if (health) return health;
    // With HOMING_METRICS_ADDRESS, /metrics lives only there; here it falls through to the API's 19404.
    if (req.path === '/metrics' && !config.metricsAddress) {
      return { status: 200, headers: { 'content-type': metrics.registry.contentType }, body: await metrics.registry.metrics() };
    }
    if (deps.console.serves(req.path)) return deps.console.handle(req);
    return deps.rest(req);
  };
}

/** A gateway alone: /healthz and (unless moved) /metrics; anything else is 404, REST lives on the api nodes. */
export function gatewayHttp(config: Config, metrics: Metrics, sockets: () => number): HttpHandler {
  return async (req) => {
    const health = healthz(config, req, sockets);
    if (health) return health;
    if (req.path === '/metrics' && !config.metricsAddress) {
      return { status: 200, headers: { 'content-type': metrics.registry.contentType }, body: await metrics.registry.metrics() };
    }
    return jsonResponse({ error: 'not found: this is a gateway node (device sockets on /device); REST is served by the api role' }, 404);
  };
}
