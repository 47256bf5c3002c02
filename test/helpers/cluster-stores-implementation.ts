// The Redis stores as one more implementation for the store contract suite
// (src/stores/contract-fixtures.ts lists it). One real redis-server serves the
// whole suite, started on first use and stopped by teardown(); each test gets
// its own key prefix, so tests never see each other's data and need no flush.
//
// Redis has apps, devices, routes, push records with counters, ids, tags and
// accounts. What it does not have yet (the offline index; the push log, which
// is JetStream's in cluster mode) stands in as objects whose every call fails,
// naming what is missing, and the suite skips those cases with the reason.
import { openRedisStores } from '../../src/stores/redis/index.js';
import type { Stores } from '../../src/stores/types.js';
import { startRedisServer, type TestRedisServer } from './redis-server.js';

export const REDIS_LACKS = {
  pushLog: 'the push log is not in Redis: in cluster mode it is a JetStream stream',
  broadcasts: 'no Redis BroadcastLog yet: it joins with the cluster composition root',
} as const;

let server: Promise<TestRedisServer> | undefined;
let prefixes = 0;

/** Fails every call to a member `has` lacks, naming `what`. */
function lacking<T extends object>(what: string, has: object = {}): T {
  return new Proxy(has, {
    get(target, property) {
      if (property in target) return Reflect.get(target, property);
      return () => {
        throw new Error(`${what}.${String(property)} is not implemented on Redis`);
      };
    },
  }) as T;
}

export function prepareRedisStores(idBlockSize: number): { open(limits?: { maxOfflinePerToken?: number }): Promise<Stores>; cleanup(): void } {
  const keyPrefix = `contract${++prefixes}:`;
  return {
    async open(limits = {}) {
      const redis = await openRedisStores((await (server ??= startRedisServer())).url, { keyPrefix, idBlockSize, ...limits });
      return {
        apps: redis.apps,
        devices: redis.devices,
        routes: redis.routes,
        offline: redis.offline,
        pushes: lacking('pushes', redis.pushes),
        ids: redis.ids,
        tags: redis.tags,
        accounts: redis.accounts,
        credentials: lacking('credentials'),
        broadcasts: lacking('broadcasts'),
        close: () => redis.close(),
      };
    },
    cleanup: () => {},
  };
}

export async function stopRedisForContract(): Promise<void> {
  const running = server;
  server = undefined;
  if (running) await (await running).stop();
}
