// The Redis stores of cluster mode (ioredis): apps, devices, routes, the
// offline index, push records with counters and delivery progress, ids, tags,
// accounts, provider credentials and broadcast logs, over one client. Keys are laid out for
// Redis Cluster (keys.ts); values are packed with src/codec.ts.
//
// This is a partial Stores: the push log is a JetStream stream, joined in by
// openClusterStores (../cluster.ts). Redis must run
// with the append-only file on (appendonly yes; appendfsync always for "an
// accepted push survives a power loss", everysec for at most a second lost);
// opening warns when it is off.
import { Redis } from 'ioredis';
import type { Logger } from '../../log.js';
import { ID_BLOCK_SIZE } from '../memory/id-allocator.js';
import { RedisAccountStore } from './account-store.js';
import { RedisAppStore } from './app-store.js';
import { RedisBroadcastLog } from './broadcast-log.js';
import { RedisCredentialStore } from './credential-store.js';
import { RedisDeviceStore } from './device-store.js';
import { RedisIdAllocator } from './id-allocator.js';
import { DEFAULT_KEY_PREFIX } from './keys.js';
import { RedisOfflineStore } from './offline-store.js';
import { PendingWrites } from './pending-writes.js';
import { RedisPushStore } from './push-store.js';
import { DEFAULT_ROUTE_TTL_MS, RedisRouteRegistry } from './route-registry.js';
import { defineScripts } from './scripts.js';
import { RedisTagStore } from './tag-store.js';
import { VersionedWriter } from './versioned-write.js';
import { withoutPassword } from '../server-url.js';

export { IdsUnavailableError, RedisIdAllocator } from './id-allocator.js';
export { DEFAULT_KEY_PREFIX } from './keys.js';
export { type PushRecordStore, RedisPushStore } from './push-store.js';
export { DEFAULT_ROUTE_TTL_MS, RedisRouteRegistry } from './route-registry.js';
export { ContendedUpdateError } from './versioned-write.js';
export { PendingWrites } from './pending-writes.js';
export { RedisAccountStore, RedisAppStore, RedisBroadcastLog, RedisCredentialStore, RedisDeviceStore, RedisOfflineStore, RedisTagStore };

export interface RedisStoreOptions {
  /** Prepended to every key; several clusters (or tests) can share one Redis. Default "homing:". */
  keyPrefix?: string;
  /** Ids per reservation; tests shrink it to cross block boundaries. */
  idBlockSize?: number;
  /** Route lifetime without a refresh. */
  routeTtlMs?: number;
  /** Offline refs kept per token; past it the oldest are dropped. Default: no bound. */
  maxOfflinePerToken?: number;
  log?: Logger;
}

export interface RedisStores {
  apps: RedisAppStore;
  devices: RedisDeviceStore;
  routes: RedisRouteRegistry;
  offline: RedisOfflineStore;
  pushes: RedisPushStore;
  ids: RedisIdAllocator;
  tags: RedisTagStore;
  accounts: RedisAccountStore;
  credentials: RedisCredentialStore;
  broadcasts: RedisBroadcastLog;
  /** The client (with the key prefix), for the stores that join later. */
  redis: Redis;
  /** Writes in flight, which close() waits for: a store joining later tracks its writes here. */
  writes: PendingWrites;
  /** Waits for writes in flight, then closes the connection. */
  close(): Promise<void>;
}

/** Opens the stores on the Redis at `url` (redis:// or rediss://); rejects when it cannot connect. */
export async function openRedisStores(url: string, options: RedisStoreOptions = {}): Promise<RedisStores> {
  const log = options.log?.child({ component: 'redis-stores' });
  const redis = new Redis(url, {
    keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
    // Commands of one tick go out as one batch (per cluster node): getMany over
    // 1,000 tokens is one round trip.
    enableAutoPipelining: true,
    lazyConnect: true,
  });
  redis.on('error', (err: Error) => log?.warn({ err }, 'redis connection error'));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`cannot connect to Redis at ${withoutPassword(url)}: ${(err as Error).message}`, { cause: err });
  }
  await warnWithoutAppendOnly(redis, log);

  const scripts = defineScripts(redis);
  const writes = new PendingWrites();
  let ids: RedisIdAllocator;
  try {
    ids = await RedisIdAllocator.open(scripts, options.idBlockSize ?? ID_BLOCK_SIZE, log);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const versioned = new VersionedWriter(redis);
  const devices = new RedisDeviceStore(redis, writes);
  try {
    await devices.indexDevicesFromBefore();
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    apps: new RedisAppStore(redis, writes),
    devices,
    routes: new RedisRouteRegistry(redis, scripts, writes, options.routeTtlMs ?? DEFAULT_ROUTE_TTL_MS),
    offline: new RedisOfflineStore(redis, writes, options.maxOfflinePerToken),
    pushes: new RedisPushStore(redis, writes),
    ids,
    tags: new RedisTagStore(redis, versioned),
    accounts: new RedisAccountStore(redis, versioned),
    credentials: new RedisCredentialStore(redis, versioned),
    broadcasts: new RedisBroadcastLog(redis, writes),
    redis,
    writes,
    close: () =>
      (closing ??= (async () => {
        await writes.settled();
        await redis.quit().catch(() => redis.disconnect());
      })()),
  };
}

async function warnWithoutAppendOnly(redis: Redis, log: Logger | undefined): Promise<void> {
  try {
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
    if (appendonly === 'no') log?.warn('Redis runs without appendonly: accepted pushes may be lost when it restarts');
  } catch {
    // CONFIG is often disabled on managed Redis; its operator owns persistence there.
  }
}
