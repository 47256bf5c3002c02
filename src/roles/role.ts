// What every role's composition root returns to `homing start`.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';

export interface RunningRole {
  /** The bound port; undefined for a router, which listens on NATS only. */
  port: number | undefined;
  /** Whether the console is enabled here (api and all). */
  consoleEnabled: boolean;
  /** Graceful: the role's own part of the drain, then the engines close. */
  stop(): Promise<void>;
}

export interface RoleOptions {
  log: Logger;
  now?: () => number;
}

/** The cluster's two URLs; roles other than `all` are refused without them by config validation. */
export function clusterUrls(config: Config): { natsUrl: string; redisUrl: string } {
  if (!config.natsUrl || !config.redisUrl) throw new Error(`the ${config.role} role needs HOMING_NATS_URL and HOMING_REDIS_URL`);
  return { natsUrl: config.natsUrl, redisUrl: config.redisUrl };
}
