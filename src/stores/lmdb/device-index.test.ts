// Data dirs written before the per-app device index (`app-devices`) get it
// built once, when the stores open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { afterEach, describe, expect, it } from 'vitest';
import { device } from '../contract-fixtures.js';
import { openEmbeddedStores } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('LMDB per-app device index', () => {
  it('is built at open for devices stored before it, and kept from then on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'homing-device-index-'));
    dirs.push(dir);
    // A data dir from before the index: device records only.
    const old = open({ path: dir, noSubdir: false, maxDbs: 32 });
    const devices = old.openDB({ name: 'devices' });
    for (const token of ['a1', 'a2', 'a3']) await devices.put(token, device(token, 1));
    await devices.put('b1', { ...device('b1', 1), accessId: 'other' });
    await old.close();

    let stores = await openEmbeddedStores(dir);
    try {
      expect(await stores.devices.countOfApp('app')).toBe(3);
      expect((await stores.devices.tokensOfApp('other', '', 10)).tokens).toEqual(['b1']);
      await stores.devices.put(device('a4', 2));
      await stores.devices.removeUnused(['a1'], 5);
    } finally {
      await stores.close();
    }
    // Not built again over what it holds: a removal stays removed.
    stores = await openEmbeddedStores(dir);
    try {
      expect((await stores.devices.tokensOfApp('app', '', 10)).tokens).toEqual(['a2', 'a3', 'a4']);
    } finally {
      await stores.close();
    }
  });
});
