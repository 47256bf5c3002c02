// The cluster stores (Redis, and the push log on JetStream) as one more
// implementation for the store contract suites (src/stores/contract-fixtures.ts
// lists it). One real redis-server and one nats-server -js serve a whole suite,
// started on first use and stopped by teardown(); each test gets its own key
// prefix and push log stream, so tests never see each other's data and need no
// flush.
import { openClusterStores } from '../../src/stores/cluster/index.js';
import type { Stores } from '../../src/stores/types.js';
import { startNatsServer, type TestNatsServer } from './nats-server.js';
import { startRedisServer, type TestRedisServer } from './redis-server.js';

let servers: Promise<[TestRedisServer, TestNatsServer]> | undefined;
let prepared = 0;

function start(): Promise<[TestRedisServer, TestNatsServer]> {
  return (servers ??= Promise.all([startRedisServer(), startNatsServer()]));
}

export function prepareClusterStores(idBlockSize: number): { open(limits?: { maxOfflinePerToken?: number }): Promise<Stores>; cleanup(): void } {
  const n = ++prepared;
  return {
    async open(limits = {}) {
      const [redis, nats] = await start();
      return openClusterStores({
        redisUrl: redis.url,
        natsUrl: nats.url,
        keyPrefix: `contract${n}:`,
        idBlockSize,
        pushLog: { namespace: `contract${n}` },
        ...limits,
      });
    },
    cleanup: () => {},
  };
}

export async function stopClusterServers(): Promise<void> {
  const running = servers;
  servers = undefined;
  if (!running) return;
  const [redis, nats] = await running;
  await Promise.all([redis.stop(), nats.stop()]);
}
