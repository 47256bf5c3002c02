// DeviceStore.scan and removeUnused on Redis, against a real redis-server: the
// device sweep's contract (stores.contract.test.ts) where SCAN and a key
// prefix come into play, and a record rewritten between read and delete stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type TestRedisServer } from '../../../test/helpers/redis-server.js';
import { device } from '../contract-fixtures.js';
import { openRedisStores, type RedisStores } from './index.js';

let server: TestRedisServer;
const opened: RedisStores[] = [];

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await server.stop();
});

async function open(keyPrefix: string): Promise<RedisStores> {
  const stores = await openRedisStores(server.url, { keyPrefix });
  opened.push(stores);
  return stores;
}

describe('Redis DeviceStore sweep', () => {
  it('scans only its own prefix\'s devices, every one, across pages', async () => {
    const mine = await open('sweep[1]*:');
    const other = await open('sweep-other:');
    const tokens = Array.from({ length: 40 }, (_, i) => `tok${i}`);
    await Promise.all(tokens.map((t, i) => mine.devices.put(device(t, i))));
    await other.devices.put(device('not-mine', 1));
    await other.routes.set(['tok1'], 'node'); // a route key of the same token must not show up as a device
    const seen = new Set<string>();
    let cursor = '';
    do {
      const page = await mine.devices.scan(cursor, 7);
      for (const d of page.devices) seen.add(d.token);
      cursor = page.cursor;
    } while (cursor !== '');
    expect([...seen].sort()).toEqual([...tokens].sort());
  });

  it('removes only records still unused, and keeps one rewritten since', async () => {
    const stores = await open('sweep-remove:');
    await Promise.all([stores.devices.put(device('old', 10)), stores.devices.put(device('fresh', 50))]);
    expect(await stores.devices.removeUnused(['old', 'fresh', 'unknown'], 20)).toEqual(['old']);
    expect(await stores.devices.getMany(['old', 'fresh'])).toEqual([undefined, device('fresh', 50)]);
    // A resume's put sent in the same tick lands between the removal's read and its delete
    // (one pipeline, in order): the delete must see the record changed and keep it.
    await stores.devices.put(device('racing', 5));
    const [removed] = await Promise.all([stores.devices.removeUnused(['racing'], 20), stores.devices.put(device('racing', 30))]);
    expect(removed).toEqual([]);
    expect(await stores.devices.get('racing')).toEqual(device('racing', 30));
  });
});
