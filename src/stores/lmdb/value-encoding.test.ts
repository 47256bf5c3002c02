// Data dirs written before values were stored as plain msgpack maps (lmdb-js's
// default then: msgpackr records defined inside each value) still read back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { afterEach, describe, expect, it } from 'vitest';
import { newPushRecord } from '../records.js';
import { openEmbeddedStores } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const record = (pushId: string) =>
  newPushRecord(
    { kind: 'notify', title: 'T', content: 'C', customContent: '', message: { title: 'T', content: 'C', android: { n_id: 1 } }, platform: 'all', environment: 'product', expireTime: 3600 },
    pushId,
    '1500000001',
    'token',
    1_700_000_000_000,
  );

describe('LMDB value encoding', () => {
  it('reads records written with msgpackr records, and writes new ones beside them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'homing-encoding-'));
    dirs.push(dir);
    const old = open({ path: dir, noSubdir: false, maxDbs: 32 });
    const pushes = old.openDB({ name: 'pushes' });
    const counters = old.openDB({ name: 'push-counters' });
    await pushes.put('100', record('100'));
    await counters.put('100', { targets: 2, online: 1, offline: 1, arrived: 1, clicked: 0, expired: 0, failed: { token_not_registered: 1 } });
    await old.close();

    const stores = await openEmbeddedStores(dir);
    try {
      expect(await stores.pushes.get('100')).toEqual(record('100'));
      expect(await stores.pushes.counters('100')).toMatchObject({ targets: 2, arrived: 1, failed: { token_not_registered: 1 } });
      await stores.pushes.create(record('200'), ['tok']);
      await stores.pushes.addCounters(new Map([['100', { arrived: 1 }]]));
      expect(await stores.pushes.get('200')).toEqual(record('200'));
      expect((await stores.pushes.counters('100')).arrived).toBe(2);
      expect(await stores.pushes.list('1500000001', 0, Number.MAX_SAFE_INTEGER, 10)).toHaveLength(1); // '100' was written without its app index
    } finally {
      await stores.close();
    }
  });
});
