// The cluster's stores: every store on Redis (../redis/), and the push log on
// JetStream, composed into one Stores with the interfaces the embedded mode
// has. docs/engines.md lists the keys, the stream and what is atomic.
//
// This opens its own NATS connection for the push log (the node bus keeps its
// own): store writes and bus traffic never queue behind each other.
import { connect, type NatsConnection } from 'nats';
import type { Stores } from '../types.js';
import { openRedisStores, type RedisRouteRegistry, type RedisStoreOptions } from '../redis/index.js';
import { withoutPasswords } from '../server-url.js';
import { JetStreamPushLog, type PushLogOptions } from './push-log.js';
import { ClusterPushStore } from './push-store.js';

export { DEFAULT_PUSH_LOG_MAX_AGE_MS, JetStreamPushLog, type PushLogOptions } from './push-log.js';
export { ClusterPushStore } from './push-store.js';

/** A restarting nats-server must not cut a process off for good: reconnect forever. */
const RECONNECT_FOREVER = -1;
const RECONNECT_WAIT_MS = 250;

export interface ClusterStoreOptions extends RedisStoreOptions {
  /** redis:// or rediss:// */
  redisUrl: string;
  /** nats:// or tls:// URLs, comma-separated; nats-server 2.9+ with JetStream (-js). */
  natsUrl: string;
  /** Shown in nats-server's connection list (e.g. the node id and role). */
  name?: string;
  pushLog?: PushLogOptions;
}

export interface ClusterStores extends Stores {
  /** Shared routes with a TTL: a gateway calls routes.refresh(tokens, nodeId) every routes.refreshIntervalMs. */
  routes: RedisRouteRegistry;
}

/**
 * Connects to Redis and NATS, creates the push log stream if missing, and
 * returns every store. Rejects, naming the server (never its password), when
 * either cannot be reached or JetStream is off.
 */
export async function openClusterStores(options: ClusterStoreOptions): Promise<ClusterStores> {
  const redis = await openRedisStores(options.redisUrl, options);
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: options.natsUrl.split(','),
      name: options.name,
      maxReconnectAttempts: RECONNECT_FOREVER,
      reconnectTimeWait: RECONNECT_WAIT_MS,
    });
  } catch (err) {
    await redis.close();
    throw new Error(`cannot connect to NATS at ${withoutPasswords(options.natsUrl)}: ${(err as Error).message}`, { cause: err });
  }
  let log: JetStreamPushLog;
  try {
    log = await JetStreamPushLog.open(nc, redis.redis, redis.writes, options.pushLog);
  } catch (err) {
    await nc.close();
    await redis.close();
    throw new Error(`cannot open the push log on JetStream (is nats-server running with -js?): ${(err as Error).message}`, { cause: err });
  }
  let closing: Promise<void> | undefined;
  return {
    apps: redis.apps,
    devices: redis.devices,
    routes: redis.routes,
    offline: redis.offline,
    pushes: new ClusterPushStore(redis.pushes, log),
    ids: redis.ids,
    tags: redis.tags,
    accounts: redis.accounts,
    credentials: redis.credentials,
    broadcasts: redis.broadcasts,
    close: () =>
      (closing ??= (async () => {
        // Log appends still in flight finish (JetStream ack, then the Redis index) before either connection closes.
        await redis.writes.settled();
        await nc.close();
        await redis.close();
      })()),
  };
}
