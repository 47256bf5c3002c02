// The data dir as users name it: dots in the last part work, and an unusable
// path stops start-up with a message naming HOMING_DATA_DIR before LMDB opens.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { openEmbeddedStores } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'homing-datadir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const app = { accessId: '1500000001', accessKey: 'AKEY00000001', secretKey: 'secret', name: 'dots', createdAt: 1 };

describe('embedded data dir', () => {
  it.each(['homing.d', '.homing', 'v1.2.3'])('keeps its files inside a dir named %s, across a reopen', async (name) => {
    const dir = join(root, name);
    const stores = await openEmbeddedStores(dir);
    await stores.apps.create(app);
    await stores.close();
    expect(readdirSync(dir)).toContain('data.mdb');
    const reopened = await openEmbeddedStores(dir);
    try {
      expect(await reopened.apps.get(app.accessId)).toMatchObject({ name: 'dots' });
    } finally {
      await reopened.close();
    }
  });

  it('refuses a regular file, naming HOMING_DATA_DIR, and leaves the file alone', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a dir');
    const opening = openEmbeddedStores(file);
    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    await expect(opening).rejects.toThrow(`HOMING_DATA_DIR ${file} cannot be used: it exists and is not a directory`);
    expect(existsSync(`${file}-lock`)).toBe(false);
  });

  it('refuses a path below a regular file', async () => {
    const file = join(root, 'another-file');
    writeFileSync(file, 'not a dir');
    await expect(openEmbeddedStores(join(file, 'data'))).rejects.toThrow(/HOMING_DATA_DIR .* a part of its path is a regular file/);
  });
});
