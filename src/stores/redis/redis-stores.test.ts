// What only the Redis stores have to get right, against a real redis-server:
// route TTLs and refresh, exactness across several client processes, id blocks
// reserved ahead, and a kill -9 of Redis. What every store implementation must
// do is in ../stores.contract.test.ts.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/helpers/process.js';
import { startRedisServer, type TestRedisServer } from '../../../test/helpers/redis-server.js';
import { compareMessageIds } from '../../messages.js';
import { app, device, push } from '../contract-fixtures.js';
import { IdsUnavailableError, openRedisStores, type RedisStoreOptions, type RedisStores } from './index.js';
import { keys } from './keys.js';

let server: TestRedisServer;
let opened: RedisStores[] = [];
let testNumber = 0;
let prefix = '';

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(() => server.stop());
afterEach(async () => {
  await Promise.all(opened.map((s) => s.close()));
  opened = [];
});

/** Stores over this test's own key prefix: each open() is another process of the same cluster. */
async function open(options: RedisStoreOptions = {}): Promise<RedisStores> {
  const stores = await openRedisStores(server.url, { keyPrefix: prefix, ...options });
  opened.push(stores);
  return stores;
}

describe('Redis stores', () => {
  beforeEach(() => {
    prefix = `t${++testNumber}:`;
  });

  describe('DeviceStore', () => {
    it('indexes devices stored before the per-app sets once, when the stores open', async () => {
      const first = await open();
      for (const token of ['a1', 'a2']) await first.devices.put(device(token, 1));
      await first.devices.put({ ...device('b1', 1), accessId: 'other' });
      // As a Redis from before the index: the records only.
      await first.redis.del(keys.appDevices('app'), keys.appDevices('other'), keys.appDevicesBuilt);
      expect(await first.devices.countOfApp('app')).toBe(0);

      const second = await open();
      expect(await second.devices.countOfApp('app')).toBe(2);
      expect((await second.devices.tokensOfApp('other', '', 10)).tokens).toEqual(['b1']);
      // Built once: a later open leaves the sets as they are.
      await second.redis.srem(keys.appDevices('app'), 'a1');
      const third = await open();
      expect(await third.devices.countOfApp('app')).toBe(1);
    });
  });

  describe('RouteRegistry', () => {
    it('gives each route the TTL, which refresh extends only for the node that holds it', async () => {
      const { routes, redis } = await open({ routeTtlMs: 60_000 });
      await routes.set(['t1', 't2', 't3'], 'gw-a');
      expect(await redis.pttl(keys.route('t1'))).toBeGreaterThan(50_000);
      expect(await redis.pttl(keys.route('t1'))).toBeLessThanOrEqual(60_000);

      await redis.pexpire(keys.route('t1'), 5_000); // as if the last refresh were long ago
      await routes.set(['t2'], 'gw-b'); // t2's device reconnected to another gateway
      await redis.del(keys.route('t3')); // t3's route expired while its socket lived on
      expect(await routes.refresh(['t1', 't2', 't3'], 'gw-a')).toEqual(['t2']);
      expect(await redis.pttl(keys.route('t1'))).toBeGreaterThan(50_000);
      expect(await routes.lookup(['t1', 't2', 't3'])).toEqual(['gw-a', 'gw-b', 'gw-a']);
      expect(await redis.pttl(keys.route('t3'))).toBeGreaterThan(50_000);
      expect(routes.refreshIntervalMs).toBe(20_000);
    });

    it('shares routes between processes: one sets, another looks up and removes only its own', async () => {
      const [gateway, router] = [await open(), await open()];
      await gateway.routes.set(['t1'], 'gw-a');
      expect(await router.routes.lookup(['t1', 'nobody'])).toEqual(['gw-a', undefined]);
      await router.routes.remove(['t1'], 'gw-b');
      expect(await router.routes.lookup(['t1'])).toEqual(['gw-a']);
      await gateway.routes.remove(['t1'], 'gw-a');
      expect(await router.routes.lookup(['t1'])).toEqual([undefined]);
    });
  });

  it('adds counters exactly when several processes race', async () => {
    const routers = [await open(), await open(), await open()];
    await Promise.all(
      routers.flatMap(({ pushes }, r) =>
        Array.from({ length: 100 }, (_, i) => pushes.addCounters(new Map([['p', { arrived: 1, targets: 2, failed: { [`r${(r + i) % 2}`]: 1 } }]]))),
      ),
    );
    expect(await routers[0]!.pushes.counters('p')).toEqual({ targets: 600, online: 0, offline: 0, arrived: 300, clicked: 0, expired: 0, failed: { r0: 150, r1: 150 } });
  });

  describe('IdAllocator', () => {
    it('never hands one id to two processes, and each process counts up', async () => {
      const [a, b] = [await open({ idBlockSize: 5 }), await open({ idBlockSize: 5 })];
      const fromA: string[] = [];
      const fromB: string[] = [];
      for (let round = 0; round < 6; round++) {
        // Bursts up to one block between round trips: the spare covers them.
        for (let i = 0; i < 5; i++) fromA.push(a.ids.next());
        for (let i = 0; i < 3; i++) fromB.push(b.ids.next());
        await Promise.all([a.ids.refill(), b.ids.refill()]);
      }
      for (const list of [fromA, fromB]) {
        for (let i = 1; i < list.length; i++) expect(compareMessageIds(list[i - 1]!, list[i]!)).toBe(-1);
      }
      expect(new Set([...fromA, ...fromB]).size).toBe(fromA.length + fromB.length);
    });

    it('throws IdsUnavailableError when a burst outruns the reservation, then recovers', async () => {
      const { ids } = await open({ idBlockSize: 2 });
      const handed = Array.from({ length: 4 }, () => ids.next()); // the current block and the spare
      expect(() => ids.next()).toThrowError(IdsUnavailableError);
      await ids.refill();
      const next = ids.next();
      expect(compareMessageIds(handed.at(-1)!, next)).toBe(-1);
    });
  });

  it('keeps what it acknowledged through a kill -9 of redis-server, and reconnects by itself', async () => {
    const stores = await open({ idBlockSize: 3 });
    await stores.apps.create(app('a1', 10));
    await stores.devices.put(device('t1', 1));
    await stores.pushes.create(push('100', 'a1', 5));
    await stores.pushes.addCounters(new Map([['100', { targets: 2, failed: { quota: 1 } }]]));
    const before = stores.ids.next();

    await server.restart({ kill: true });

    expect(await stores.apps.list()).toEqual([app('a1', 10)]);
    expect(await stores.devices.get('t1')).toEqual(device('t1', 1));
    expect(await stores.pushes.list('a1', 0, 10, 10)).toEqual([push('100', 'a1', 5)]);
    expect(await stores.pushes.counters('100')).toMatchObject({ targets: 2, failed: { quota: 1 } });
    const fresh = await open({ idBlockSize: 3 });
    expect(compareMessageIds(before, fresh.ids.next())).toBe(-1);
  });

  it('refuses to open on an unreachable Redis, with the URL minus its password', async () => {
    const port = await freePort();
    const failure = openRedisStores(`redis://:s3cret@127.0.0.1:${port}`);
    await expect(failure).rejects.toThrowError(/cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1/);
    await expect(failure).rejects.not.toThrowError(/s3cret/);
  });
});
