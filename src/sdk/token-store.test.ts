// One contract suite, run against every TokenStore implementation.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTokenStore } from './file-token-store.js';
import { MemoryTokenStore, WebStorageTokenStore, type TokenStore, type WebStorageLike } from './token-store.js';

class MapStorage implements WebStorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'homing-tokens-')), 'nested', 'tokens.json');

const implementations: Array<[string, () => TokenStore]> = [
  ['MemoryTokenStore', () => new MemoryTokenStore()],
  ['WebStorageTokenStore', () => new WebStorageTokenStore(new MapStorage())],
  ['FileTokenStore', () => new FileTokenStore(tempFile())],
];

describe.each(implementations)('TokenStore contract: %s', (_name, create) => {
  it('returns nothing for an app it has not stored', async () => {
    expect(await create().get('1500000001')).toBeUndefined();
  });

  it('stores, replaces and deletes per accessId', async () => {
    const store = create();
    await store.set('a', { token: 't1', tokenSecret: 's1' });
    await store.set('b', { token: 't2', tokenSecret: 's2' });
    await store.set('a', { token: 't3', tokenSecret: 's3' });
    expect(await store.get('a')).toEqual({ token: 't3', tokenSecret: 's3' });
    expect(await store.get('b')).toEqual({ token: 't2', tokenSecret: 's2' });
    await store.delete('a');
    await store.delete('never-stored');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toEqual({ token: 't2', tokenSecret: 's2' });
  });

  it('hands out copies: changing a returned value changes nothing stored', async () => {
    const store = create();
    const value = { token: 't', tokenSecret: 's' };
    await store.set('a', value);
    value.token = 'changed';
    const read = await store.get('a');
    read!.tokenSecret = 'changed';
    expect(await store.get('a')).toEqual({ token: 't', tokenSecret: 's' });
  });

  it('keeps seen ids beside the tokens, in order, and replaces them whole', async () => {
    const store = create();
    await store.set('a', { token: 't', tokenSecret: 's' });
    expect(await store.getSeen!()).toEqual([]);
    await store.setSeen!([{ id: 'a\n1', until: 10 }, { id: 'a\n2', until: 20 }]);
    await store.setSeen!([{ id: 'a\n2', until: 20 }, { id: 'a\n3', until: 30 }]);
    expect(await store.getSeen!()).toEqual([{ id: 'a\n2', until: 20 }, { id: 'a\n3', until: 30 }]);
    expect(await store.get('a')).toEqual({ token: 't', tokenSecret: 's' });
  });

  it('keeps the last of concurrent writes', async () => {
    const store = create();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`app${i % 3}`, { token: `t${i}`, tokenSecret: `s${i}` })));
    expect(await store.get('app0')).toEqual({ token: 't18', tokenSecret: 's18' });
    expect(await store.get('app2')).toEqual({ token: 't17', tokenSecret: 's17' });
  });
});

describe('FileTokenStore', () => {
  it('persists across instances, in a file readable by its owner only', async () => {
    const path = tempFile();
    await new FileTokenStore(path).set('a', { token: 't', tokenSecret: 's' });
    expect(await new FileTokenStore(path).get('a')).toEqual({ token: 't', tokenSecret: 's' });
    await new FileTokenStore(path).setSeen([{ id: 'a\n1', until: 5 }]);
    expect(await new FileTokenStore(path).getSeen()).toEqual([{ id: 'a\n1', until: 5 }]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ tokens: { a: { token: 't', tokenSecret: 's' } }, seen: [['a\n1', 5]] });
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('reads a file of the first version (the tokens object alone)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'homing-tokens-')), 'tokens.json');
    writeFileSync(path, '{"a": {"token": "t", "tokenSecret": "s"}}');
    const store = new FileTokenStore(path);
    expect(await store.get('a')).toEqual({ token: 't', tokenSecret: 's' });
    expect(await store.getSeen()).toEqual([]);
  });

  it('reads a damaged file as empty and damaged entries as absent', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'homing-tokens-')), 'tokens.json');
    writeFileSync(path, '{"a": {"token": "t", "tokenSecret": "s"}, "b": {"token": 7}, "c": "x"}');
    const store = new FileTokenStore(path);
    expect(await store.get('a')).toEqual({ token: 't', tokenSecret: 's' });
    expect(await store.get('b')).toBeUndefined();
    writeFileSync(path, '{ not json');
    expect(await new FileTokenStore(path).get('a')).toBeUndefined();
  });
});

describe('WebStorageTokenStore', () => {
  it('keeps one key per app under its prefix and ignores damaged entries', async () => {
    const storage = new MapStorage();
    const store = new WebStorageTokenStore(storage, 'p.');
    await store.set('a', { token: 't', tokenSecret: 's' });
    expect([...storage.items.keys()]).toEqual(['p.a']);
    storage.setItem('p.b', 'not json');
    expect(await store.get('b')).toBeUndefined();
  });

  it('writes seen ids synchronously, so that an ack sent right after finds them stored', () => {
    const storage = new MapStorage();
    const store = new WebStorageTokenStore(storage, 'p.', 'p.seen');
    expect(store.setSeen([{ id: 'a\n1', until: 7 }])).toBeUndefined();
    expect(storage.getItem('p.seen')).toBe('[["a\\n1",7]]');
  });

  it('reads damaged seen ids as none', async () => {
    const storage = new MapStorage();
    const store = new WebStorageTokenStore(storage);
    storage.setItem('homing.seen', '{ not json');
    expect(await store.getSeen()).toEqual([]);
    storage.setItem('homing.seen', '[["ok", 1], ["no-until"], [3, 4], "x"]');
    expect(await store.getSeen()).toEqual([{ id: 'ok', until: 1 }]);
  });
});
