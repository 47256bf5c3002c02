// The web console, served by the api role: static pages under /console/ and
// their JSON admin API under /api/ (docs/console.md).
import type { Config } from '../config.js';
import type { HttpHandler } from '../http/types.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { PushService } from '../push-service.js';
import type { Stores } from '../stores/types.js';
import type { DeliveryTrace } from '../trace/delivery-trace.js';
import { createAdminApi } from './admin-api.js';
import { consoleAssets, defaultConsoleDir } from './console-assets.js';
import { ConsoleAuth } from './console-auth.js';
import { LiveFigures } from './live-figures.js';

export interface ConsoleDeps {
  config: Config;
  stores: Stores;
  pushService: PushService;
  /** The /v3 REST handler, through which the console sends. */
  rest: HttpHandler;
  trace: DeliveryTrace | undefined;
  metrics: Metrics;
  log: Logger;
  now?: () => number;
  /** Where the built pages are; dist/console/ of this installation by default. */
  consoleDir?: string;
}

export interface ConsoleRole {
  /** True for the paths this role answers: /console, /console/…, /api/…. */
  serves(path: string): boolean;
  handle: HttpHandler;
  /** Whether any sign-in token is configured. */
  enabled: boolean;
  stop(): void;
}

export function startConsole(deps: ConsoleDeps): ConsoleRole {
  const auth = new ConsoleAuth(deps.config.consoleTokens, deps.config.tls !== undefined);
  const live = new LiveFigures(deps.metrics, deps.config.nodeId, deps.now);
  if (auth.enabled) live.start();
  const api = createAdminApi({ auth, stores: deps.stores, pushService: deps.pushService, rest: deps.rest, trace: deps.trace, live, log: deps.log, now: deps.now });
  const assets = consoleAssets(deps.consoleDir ?? defaultConsoleDir());
  return {
    serves: (path) => path.startsWith('/api/') || path === '/console' || path.startsWith('/console/'),
    handle: (req) => (req.path.startsWith('/api/') ? api(req) : assets(req)),
    enabled: auth.enabled,
    stop: () => live.stop(),
  };
}
