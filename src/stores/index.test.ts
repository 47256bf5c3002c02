// The composition root's switch; the stores themselves are covered by
// stores.contract.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { app } from './contract-fixtures.js';
import { openStores } from './index.js';

describe('openStores', () => {
  it('opens each kind, creating the data dir, and needs one for embedded', async () => {
    const memory = await openStores('memory');
    await memory.apps.create(app('a', 1));
    expect(await memory.apps.get('a')).toBeDefined();
    await memory.close();
    await expect(openStores('embedded')).rejects.toThrow(/data dir/);
    const dir = mkdtempSync(join(tmpdir(), 'homing-store-'));
    try {
      const embedded = await openStores('embedded', join(dir, 'nested'));
      await embedded.apps.create(app('a', 1));
      await embedded.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
