// DeviceExpiry over the in-memory stores: several pages of devices, connected
// ones kept whatever their age, a pass joined rather than doubled, 0 = never.
import { describe, expect, it } from 'vitest';
import { DeviceExpiry } from './device-expiry.js';
import { createLogger } from './log.js';
import { Metrics } from './metrics.js';
import { openMemoryStores } from './stores/memory/index.js';

const DAY_MS = 86_400_000;
const NOW = 1_700_000_000_000;

async function setup(expireDays: number) {
  const stores = openMemoryStores();
  const metrics = new Metrics();
  const expiry = new DeviceExpiry({ ...stores, metrics, log: createLogger('silent'), expireDays, intervalMs: 3_600_000, now: () => NOW });
  const put = (token: string, daysAgo: number) =>
    stores.devices.put({ token, accessId: 'app', tokenSecretHash: 'h', deviceId: token, platform: 'android', createdAt: 0, lastSeenAt: NOW - daysAgo * DAY_MS });
  return { stores, metrics, expiry, put };
}

describe('DeviceExpiry', () => {
  it('removes every unused device across pages, keeps recent and connected ones, and counts them', async () => {
    const { stores, metrics, expiry, put } = await setup(90);
    for (let i = 0; i < 2_500; i++) await put(`old${String(i).padStart(4, '0')}`, 91 + (i % 30));
    for (let i = 0; i < 500; i++) await put(`new${i}`, i % 90);
    await stores.routes.set(['old0007', 'old2499'], 'node-a'); // connected for months without a new hello
    expect(await expiry.sweep()).toBe(2_498);
    expect((await metrics.devicesExpired.get()).values[0]?.value).toBe(2_498);
    const left = await stores.devices.getMany(['old0000', 'old0007', 'old2499', 'new0', 'new499']);
    expect(left.map((d) => d?.token)).toEqual([undefined, 'old0007', 'old2499', 'new0', 'new499']);
    expect(await expiry.sweep()).toBe(0);
  });

  it('joins a pass in progress instead of starting a second', async () => {
    const { expiry, put } = await setup(90);
    await put('old', 100);
    const [a, b] = await Promise.all([expiry.sweep(), expiry.sweep()]);
    expect([a, b]).toEqual([1, 1]);
  });

  it('removes nothing with 0 days (never)', async () => {
    const { stores, expiry, put } = await setup(0);
    await put('ancient', 10_000);
    expect(await expiry.sweep()).toBe(0);
    expect(await stores.devices.get('ancient')).toBeDefined();
  });
});
