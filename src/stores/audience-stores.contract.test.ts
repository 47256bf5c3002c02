// The contract suite for TagStore and AccountStore: every implementation (memory,
// and LMDB under every durability mode) runs every case. Cases that need
// persistence are skipped for the memory stores, with the reason in their title.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { implementations, type Implementation } from './contract-fixtures.js';
import { MAX_ACCOUNTS_PER_TOKEN, MAX_TAGS_PER_APP, MAX_TAGS_PER_TOKEN, MAX_TOKENS_PER_ACCOUNT, type AccountRef, type TagOp } from './audience-types.js';
import type { Stores } from './types.js';

const tagsNamed = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
const phone = (n: string): AccountRef => ({ account: n, accountType: 1 });
const mail = (n: string): AccountRef => ({ account: n, accountType: 2 });

describe.each(implementations)('$name audience stores', (impl) => {
  let backing: ReturnType<Implementation['prepare']>;
  let stores: Stores;
  const durable = impl.persistent
    ? it
    : (title: string, fn: () => Promise<void>) => it.skip(`${title} (skipped: ${impl.name} stores keep nothing by design)`, fn);

  beforeEach(async () => {
    backing = impl.prepare();
    stores = await backing.open();
  });
  afterEach(async () => {
    await stores.close();
    backing.cleanup();
  });
  afterAll(() => impl.teardown?.());

  describe('TagStore', () => {
    it('adds, removes and clears, and answers both directions sorted', async () => {
      const ok = await stores.tags.update('app', [
        { kind: 'add', token: 't2', tags: ['vip', 'beijing', 'vip'] },
        { kind: 'add', token: 't1', tags: ['vip'] },
        { kind: 'add', token: 't3', tags: ['gone'] },
        { kind: 'remove', token: 't2', tags: ['beijing', 'never-there'] },
        { kind: 'add', token: 't2', tags: ['male'] },
        { kind: 'clear', token: 't3' },
      ]);
      expect(ok).toEqual({ ok: true });
      expect(await stores.tags.tagsOf('app', 't2')).toEqual(['male', 'vip']);
      expect(await stores.tags.tokensOf('app', 'vip')).toEqual(['t1', 't2']);
      expect(await stores.tags.tokensOf('app', 'beijing')).toEqual([]);
      expect(await stores.tags.tagsOf('app', 't3')).toEqual([]);
      expect(await stores.tags.tokenCount('app', 'vip')).toBe(2);
      expect(await stores.tags.tokenCount('app', 'gone')).toBe(0);
      expect(await stores.tags.tagCount('app')).toBe(2);
      expect(await stores.tags.listTags('app', 0, 10)).toEqual(['male', 'vip']);
      expect(await stores.tags.tagsOf('app', 'nobody')).toEqual([]);
    });

    it('keeps apps apart, also when a tag is a prefix of another', async () => {
      await stores.tags.update('app', [{ kind: 'add', token: 't1', tags: ['a', 'ab'] }]);
      await stores.tags.update('app2', [{ kind: 'add', token: 't9', tags: ['a'] }]);
      await stores.tags.update('ap', [{ kind: 'add', token: 't8', tags: ['p'] }]);
      expect(await stores.tags.tokensOf('app', 'a')).toEqual(['t1']);
      expect(await stores.tags.tokensOf('app2', 'a')).toEqual(['t9']);
      expect(await stores.tags.listTags('app', 0, 10)).toEqual(['a', 'ab']);
      expect(await stores.tags.listTags('ap', 0, 10)).toEqual(['p']);
      expect(await stores.tags.tagCount('app2')).toBe(1);
      expect(await stores.tags.tagsOf('app2', 't1')).toEqual([]);
    });

    it('replaces all tags, or only the classes named when every new tag is class:value (TPNS)', async () => {
      await stores.tags.update('app', [{ kind: 'add', token: 't1', tags: ['level:1', 'city:sz', 'vip'] }]);
      await stores.tags.update('app', [{ kind: 'set', token: 't1', tags: ['level:2'] }]);
      expect(await stores.tags.tagsOf('app', 't1')).toEqual(['city:sz', 'level:2', 'vip']);
      await stores.tags.update('app', [{ kind: 'set', token: 't1', tags: ['level:3', 'plain'] }]);
      expect(await stores.tags.tagsOf('app', 't1')).toEqual(['level:3', 'plain']);
      await stores.tags.update('app', [{ kind: 'set', token: 't1', tags: [] }]);
      expect(await stores.tags.tagsOf('app', 't1')).toEqual([]);
      expect(await stores.tags.tagCount('app')).toBe(0);
      expect(await stores.tags.listTags('app', 0, 10)).toEqual([]);
    });

    it(`refuses a token's tag ${MAX_TAGS_PER_TOKEN + 1} and writes nothing of that update`, async () => {
      const hundred = tagsNamed('t', MAX_TAGS_PER_TOKEN);
      expect(await stores.tags.update('app', [{ kind: 'add', token: 'tok', tags: hundred }])).toEqual({ ok: true });
      const refused = await stores.tags.update('app', [
        { kind: 'add', token: 'other', tags: ['x'] },
        { kind: 'add', token: 'tok', tags: ['one-too-many'] },
      ]);
      expect(refused).toEqual({ ok: false, limit: 'tags_per_token', token: 'tok' });
      expect(await stores.tags.tagsOf('app', 'tok')).toEqual(hundred);
      expect(await stores.tags.tagsOf('app', 'other')).toEqual([]);
      // A full token can still swap a tag within one update.
      const swapped = await stores.tags.update('app', [
        { kind: 'remove', token: 'tok', tags: [hundred[0]!] },
        { kind: 'add', token: 'tok', tags: ['swapped-in'] },
      ]);
      expect(swapped).toEqual({ ok: true });
      expect(await stores.tags.tokenCount('app', 'swapped-in')).toBe(1);
    });

    it(`refuses the app's tag ${MAX_TAGS_PER_APP + 1}, but not more tokens on existing tags`, async () => {
      const ops: TagOp[] = [];
      for (let i = 0; i < MAX_TAGS_PER_APP / MAX_TAGS_PER_TOKEN; i++) {
        ops.push({ kind: 'add', token: `tok${i}`, tags: tagsNamed(`g${i}-`, MAX_TAGS_PER_TOKEN) });
      }
      expect(await stores.tags.update('app', ops)).toEqual({ ok: true });
      expect(await stores.tags.tagCount('app')).toBe(MAX_TAGS_PER_APP);
      expect(await stores.tags.update('app', [{ kind: 'add', token: 'new', tags: ['brand-new'] }])).toEqual({ ok: false, limit: 'tags_per_app' });
      expect(await stores.tags.tagsOf('app', 'new')).toEqual([]);
      expect(await stores.tags.update('app', [{ kind: 'add', token: 'new', tags: ['g0-00000'] }])).toEqual({ ok: true });
      expect(await stores.tags.tokenCount('app', 'g0-00000')).toBe(2);
      // Another app has its own budget.
      expect(await stores.tags.update('app2', [{ kind: 'add', token: 'x', tags: ['brand-new'] }])).toEqual({ ok: true });
      // Freeing one tag makes room for one.
      await stores.tags.deleteTags('app', ['g1-00001']);
      expect(await stores.tags.update('app', [{ kind: 'add', token: 'new', tags: ['brand-new'] }])).toEqual({ ok: true });
      expect(await stores.tags.tagCount('app')).toBe(MAX_TAGS_PER_APP);
    });

    it('holds the limits when updates race', async () => {
      const results = await Promise.all([
        stores.tags.update('app', [{ kind: 'add', token: 'tok', tags: tagsNamed('a', 60) }]),
        stores.tags.update('app', [{ kind: 'add', token: 'tok', tags: tagsNamed('b', 60) }]),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await stores.tags.tagsOf('app', 'tok')).toHaveLength(60);
      expect(await stores.tags.tagCount('app')).toBe(60);
    });

    it('deletes tags from every device of the app, and counts the bindings removed', async () => {
      await stores.tags.update('app', [
        { kind: 'add', token: 't1', tags: ['a', 'b', 'keep'] },
        { kind: 'add', token: 't2', tags: ['a'] },
        { kind: 'add', token: 't3', tags: ['b', 'keep'] },
      ]);
      await stores.tags.update('other', [{ kind: 'add', token: 'o1', tags: ['a'] }]);
      expect(await stores.tags.deleteTags('app', ['a', 'b', 'a', 'unknown'])).toBe(4);
      expect(await stores.tags.tagsOf('app', 't1')).toEqual(['keep']);
      expect(await stores.tags.tagsOf('app', 't2')).toEqual([]);
      expect(await stores.tags.tokensOf('app', 'a')).toEqual([]);
      expect(await stores.tags.listTags('app', 0, 10)).toEqual(['keep']);
      expect(await stores.tags.tagCount('app')).toBe(1);
      expect(await stores.tags.tokensOf('other', 'a')).toEqual(['o1']);
      expect(await stores.tags.deleteTags('app', ['a'])).toBe(0);
    });

    it('lists tags in code point order, paged', async () => {
      const tags = ['zeta', 'Alpha', '北京', '😀', 'a:b', 'alpha', '\uffee'];
      await stores.tags.update('app', [{ kind: 'add', token: 't', tags }]);
      const sorted = [...tags].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
      expect(await stores.tags.listTags('app', 0, 100)).toEqual(sorted);
      expect(await stores.tags.tagsOf('app', 't')).toEqual(sorted);
      expect(await stores.tags.listTags('app', 2, 3)).toEqual(sorted.slice(2, 5));
      expect(await stores.tags.listTags('app', 6, 3)).toEqual(sorted.slice(6));
      expect(await stores.tags.listTags('app', 7, 3)).toEqual([]);
      expect(await stores.tags.listTags('app', 0, 0)).toEqual([]);
    });

    durable('keeps tags across a reopen', async () => {
      await stores.tags.update('app', [{ kind: 'add', token: 't1', tags: ['a', 'b'] }]);
      await stores.close();
      stores = await backing.open();
      expect(await stores.tags.tagsOf('app', 't1')).toEqual(['a', 'b']);
      expect(await stores.tags.tokensOf('app', 'b')).toEqual(['t1']);
      expect(await stores.tags.tagCount('app')).toBe(2);
    });
  });

  describe('AccountStore', () => {
    it('binds accounts by name and type, latest device first, oldest account first', async () => {
      await stores.accounts.update('app', [
        { kind: 'append', token: 'old-phone', accounts: [phone('13800000000'), mail('13800000000')] },
        { kind: 'append', token: 'new-phone', accounts: [phone('13800000000')] },
      ]);
      expect(await stores.accounts.tokensOf('app', phone('13800000000'))).toEqual(['new-phone', 'old-phone']);
      expect(await stores.accounts.tokensOf('app', mail('13800000000'))).toEqual(['old-phone']);
      expect(await stores.accounts.tokensOf('app', { account: '13800000000', accountType: 0 })).toEqual([]);
      expect(await stores.accounts.accountsOf('app', 'old-phone')).toEqual([phone('13800000000'), mail('13800000000')]);
      expect(await stores.accounts.tokensOf('other-app', phone('13800000000'))).toEqual([]);
      // Binding again makes that device the latest.
      await stores.accounts.update('app', [{ kind: 'append', token: 'old-phone', accounts: [phone('13800000000')] }]);
      expect(await stores.accounts.tokensOf('app', phone('13800000000'))).toEqual(['old-phone', 'new-phone']);
      expect(await stores.accounts.accountsOf('app', 'old-phone')).toEqual([mail('13800000000'), phone('13800000000')]);
    });

    it(`keeps ${MAX_ACCOUNTS_PER_TOKEN} accounts per token, evicting the oldest on both sides`, async () => {
      const accounts = ['u1', 'u2', 'u3', 'u4'].map(phone);
      await stores.accounts.update('app', [{ kind: 'append', token: 't', accounts: accounts.slice(0, MAX_ACCOUNTS_PER_TOKEN) }]);
      await stores.accounts.update('app', [{ kind: 'append', token: 't', accounts: [accounts[MAX_ACCOUNTS_PER_TOKEN]!] }]);
      expect(await stores.accounts.accountsOf('app', 't')).toEqual(accounts.slice(1));
      expect(await stores.accounts.tokensOf('app', accounts[0]!)).toEqual([]);
      expect(await stores.accounts.tokensOf('app', accounts[3]!)).toEqual(['t']);
    });

    it(`keeps ${MAX_TOKENS_PER_ACCOUNT} devices per account, evicting the oldest binding`, async () => {
      const user = phone('user');
      for (let i = 0; i <= MAX_TOKENS_PER_ACCOUNT; i++) {
        await stores.accounts.update('app', [{ kind: 'append', token: `t${i}`, accounts: [user] }]);
      }
      const tokens = await stores.accounts.tokensOf('app', user);
      expect(tokens).toHaveLength(MAX_TOKENS_PER_ACCOUNT);
      expect(tokens[0]).toBe(`t${MAX_TOKENS_PER_ACCOUNT}`);
      expect(tokens).not.toContain('t0');
      expect(await stores.accounts.accountsOf('app', 't0')).toEqual([]);
      expect(await stores.accounts.accountsOf('app', 't1')).toEqual([user]);
    });

    it('replaces, removes, clears a token and drops an account', async () => {
      const [a, b, c] = [phone('aa'), phone('bb'), mail('cc')];
      await stores.accounts.update('app', [
        { kind: 'append', token: 't1', accounts: [a, b] },
        { kind: 'append', token: 't2', accounts: [a, c] },
        { kind: 'append', token: 't3', accounts: [b] },
      ]);
      await stores.accounts.update('app', [{ kind: 'replace', token: 't1', accounts: [c] }]);
      expect(await stores.accounts.accountsOf('app', 't1')).toEqual([c]);
      expect(await stores.accounts.tokensOf('app', a)).toEqual(['t2']);
      expect(await stores.accounts.tokensOf('app', c)).toEqual(['t1', 't2']);
      await stores.accounts.update('app', [{ kind: 'remove', token: 't2', accounts: [c, phone('never')] }]);
      expect(await stores.accounts.accountsOf('app', 't2')).toEqual([a]);
      await stores.accounts.update('app', [{ kind: 'clear', token: 't2' }]);
      expect(await stores.accounts.accountsOf('app', 't2')).toEqual([]);
      expect(await stores.accounts.tokensOf('app', a)).toEqual([]);
      await stores.accounts.update('app', [{ kind: 'drop', account: b }]);
      expect(await stores.accounts.tokensOf('app', b)).toEqual([]);
      expect(await stores.accounts.accountsOf('app', 't3')).toEqual([]);
      expect(await stores.accounts.accountsOf('app', 't1')).toEqual([c]);
    });

    it('applies racing updates one after another', async () => {
      const user = phone('racer');
      await Promise.all(Array.from({ length: 10 }, (_, i) => stores.accounts.update('app', [{ kind: 'append', token: `t${i}`, accounts: [user] }])));
      expect((await stores.accounts.tokensOf('app', user)).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`).sort());
    });

    it('hands out copies', async () => {
      await stores.accounts.update('app', [{ kind: 'append', token: 't', accounts: [phone('copy')] }]);
      (await stores.accounts.tokensOf('app', phone('copy'))).push('mutated');
      (await stores.accounts.accountsOf('app', 't'))[0]!.account = 'mutated';
      expect(await stores.accounts.tokensOf('app', phone('copy'))).toEqual(['t']);
      expect(await stores.accounts.accountsOf('app', 't')).toEqual([phone('copy')]);
    });

    durable('keeps accounts across a reopen', async () => {
      await stores.accounts.update('app', [{ kind: 'append', token: 't1', accounts: [phone('kept')] }]);
      await stores.close();
      stores = await backing.open();
      expect(await stores.accounts.tokensOf('app', phone('kept'))).toEqual(['t1']);
      expect(await stores.accounts.accountsOf('app', 't1')).toEqual([phone('kept')]);
    });
  });
});
