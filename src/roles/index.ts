// The one switch from HOMING_ROLE to its composition root. `all` is
// src/server.ts (every role in one process, embedded or on the cluster's
// engines); the others run alone, in cluster mode.
import type { Config } from '../config.js';
import { startApiRole } from './api.js';
import { startGatewayRole } from './gateway.js';
import type { RoleOptions, RunningRole } from './role.js';
import { startRouterRole } from './router.js';

export type { RunningRole } from './role.js';

export function startAlone(config: Config, options: RoleOptions): Promise<RunningRole> {
  switch (config.role) {
    case 'gateway':
      return startGatewayRole(config, options);
    case 'router':
      return startRouterRole(config, options);
    case 'api':
      return startApiRole(config, options);
    case 'all':
      throw new Error('the all role starts through startHoming (src/server.ts)');
  }
}
