// PushHistoryExpiry over the in-memory stores: pushes past the history setting
// forgotten across apps and pages, the settled log trimmed whatever the
// setting, counted in metrics, a pass joined rather than doubled, 0 = never.
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';
import { Metrics } from './metrics.js';
import { PushHistoryExpiry } from './push-history-expiry.js';
import { openMemoryStores } from './stores/memory/index.js';
import type { PushRecord } from './stores/types.js';

const DAY_MS = 86_400_000;
const NOW = 1_700_000_000_000;

function record(pushId: string, accessId: string, daysAgo: number): PushRecord {
  return {
    pushId, accessId, audienceType: 'token', kind: 'notify', title: 't', content: 'c', customContent: '',
    message: { title: 't', content: 'c' }, platform: 'android', environment: 'product', expireTime: 3600, createdAt: NOW - daysAgo * DAY_MS,
  };
}

async function setup(historyDays: number) {
  const stores = openMemoryStores();
  for (const accessId of ['a1', 'a2']) {
    await stores.apps.create({ accessId, accessKey: `k-${accessId}`, secretKey: `s-${accessId}`, name: accessId, createdAt: 0 });
  }
  const metrics = new Metrics();
  const expiry = new PushHistoryExpiry({ pushes: stores.pushes, apps: stores.apps, metrics, log: createLogger('silent'), historyDays, intervalMs: 60_000, now: () => NOW });
  const pruned = async () => (await metrics.historyPruned.get()).values[0]?.value ?? 0;
  return { stores, expiry, pruned };
}

describe('PushHistoryExpiry', () => {
  it('forgets every push past the history across apps and pages, keeps recent ones, and counts them', async () => {
    const { stores, expiry, pruned } = await setup(30);
    let id = 1000;
    for (let i = 0; i < 2_300; i++) await stores.pushes.create(record(String(id++), i % 2 ? 'a1' : 'a2', 31 + (i % 5)), ['t']);
    const kept = [String(id++), String(id++)];
    await stores.pushes.create(record(kept[0]!, 'a1', 29));
    await stores.pushes.create(record(kept[1]!, 'a2', 0));
    await stores.pushes.addCounters(new Map([['1000', { arrived: 1 }], [kept[0]!, { arrived: 1 }]]));
    const count = await expiry.prune();
    expect(count.pushes).toBe(2_300);
    expect(await pruned()).toBe(2_300);
    expect(await stores.pushes.get('1000')).toBeUndefined();
    expect(await stores.pushes.counters('1000')).toMatchObject({ arrived: 0 });
    expect((await stores.pushes.list('a1', 0, NOW + 1, 10)).map((p) => p.pushId)).toEqual([kept[0]]);
    expect((await stores.pushes.list('a2', 0, NOW + 1, 10)).map((p) => p.pushId)).toEqual([kept[1]]);
    expect(await stores.pushes.counters(kept[0]!)).toMatchObject({ arrived: 1 });
    expect((await expiry.prune()).pushes).toBe(0);
  });

  it('trims the settled log, whatever the history setting, and leaves what is not settled', async () => {
    for (const days of [30, 0]) {
      const { stores, expiry, pruned } = await setup(days); // the memory store trims only when asked
      for (let i = 1; i <= 2_500; i++) await stores.pushes.create(record(String(i), 'a1', 1), ['t']);
      await stores.pushes.addCounters(new Map(), { checkpoint: '2400', acked: [] });
      expect(await expiry.prune()).toEqual({ pushes: 0, logEntries: 2_400 });
      expect(await pruned()).toBe(0);
      expect((await stores.pushes.entriesAfter(undefined, 1000)).length).toBe(100);
      expect(await stores.pushes.get('1')).toBeDefined();
    }
  });

  it('keeps every push with 0 days (never)', async () => {
    const { stores, expiry } = await setup(0);
    await stores.pushes.create(record('1', 'a1', 10_000));
    expect((await expiry.prune()).pushes).toBe(0);
    expect(await stores.pushes.get('1')).toBeDefined();
  });

  it('joins a pass in progress instead of starting a second', async () => {
    const { stores, expiry } = await setup(30);
    await stores.pushes.create(record('1', 'a1', 40));
    const [a, b] = await Promise.all([expiry.prune(), expiry.prune()]);
    expect([a.pushes, b.pushes]).toEqual([1, 1]);
  });
});
