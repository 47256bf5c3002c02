// AudienceResolver over the in-memory stores: which registered tokens each
// audience reaches, each once, never another app's or a removed device's.
import { beforeEach, describe, expect, it } from 'vitest';
import { openMemoryStores } from '../src/stores/index.js';
import type { TagExpression } from '../src/stores/tag-expression.js';
import type { DeviceStore, Stores } from '../src/stores/types.js';
import { AudienceResolver } from './audience-resolver.js';

let stores: Stores;
let resolver: AudienceResolver;

const tag = (name: string): TagExpression => ({ kind: 'tag', tag: name });
const sorted = (tokens: string[]) => [...tokens].sort();

async function device(token: string, accessId = 'app') {
  await stores.devices.put({ token, accessId, tokenSecretHash: '', deviceId: token, platform: 'android', createdAt: 0, lastSeenAt: 0 });
}

async function bind(token: string, account: string, accountType = 0) {
  await stores.accounts.update('app', [{ kind: 'append', token, accounts: [{ account, accountType }] }]);
}

beforeEach(async () => {
  stores = openMemoryStores();
  for (const t of ['t1', 't2', 't3', 't4', 't5']) await device(t);
  await device('foreign', 'other');
  // A page of 2 makes `all` walk several pages.
  resolver = new AudienceResolver({ ...stores, scanPage: 2 });
});

describe('all', () => {
  it('is every registered device of the app, across scan pages, and no other app\'s', async () => {
    const { tokens } = await resolver.resolve('app', { kind: 'all' });
    expect(sorted(tokens)).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect((await resolver.resolve('other', { kind: 'all' })).tokens).toEqual(['foreign']);
    expect((await resolver.resolve('empty', { kind: 'all' })).tokens).toEqual([]);
  });

  it('lists a device once when the app\'s index shows it twice (Redis SSCAN may)', async () => {
    const inner = stores.devices;
    const twice: DeviceStore = {
      get: (t) => inner.get(t),
      getMany: (t) => inner.getMany(t),
      put: (d) => inner.put(d),
      removeUnused: (t, b) => inner.removeUnused(t, b),
      scan: (c, l) => inner.scan(c, l),
      countOfApp: (a) => inner.countOfApp(a),
      async tokensOfApp(accessId, cursor, limit) {
        const page = await inner.tokensOfApp(accessId, cursor, limit);
        return { tokens: [...page.tokens, ...page.tokens], cursor: page.cursor };
      },
    };
    const { tokens } = await new AudienceResolver({ ...stores, devices: twice, scanPage: 2 }).resolve('app', { kind: 'all' });
    expect(sorted(tokens)).toEqual(['t1', 't2', 't3', 't4', 't5']);
  });

  it('reads the app\'s index, not every device record', async () => {
    let scanned = 0;
    const counting: DeviceStore = Object.assign(Object.create(stores.devices) as DeviceStore, {
      scan: async (c: string, l: number) => {
        scanned++;
        return stores.devices.scan(c, l);
      },
    });
    const { tokens } = await new AudienceResolver({ ...stores, devices: counting, scanPage: 2 }).resolve('app', { kind: 'all' });
    expect(sorted(tokens)).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(scanned).toBe(0);
  });

  it('leaves out devices removed as unused', async () => {
    await stores.devices.removeUnused(['t2', 't4'], 1);
    expect(sorted((await resolver.resolve('app', { kind: 'all' })).tokens)).toEqual(['t1', 't3', 't5']);
  });
});

describe('tag', () => {
  beforeEach(async () => {
    // `gone` has no device record any more (expired between sweeps); `foreign` is another app's.
    await stores.tags.update('app', [
      { kind: 'add', token: 't1', tags: ['vip', 'beta'] },
      { kind: 'add', token: 't2', tags: ['vip'] },
      { kind: 'add', token: 't3', tags: ['beta'] },
      { kind: 'add', token: 'gone', tags: ['vip', 'beta'] },
      { kind: 'add', token: 'foreign', tags: ['vip'] },
    ]);
  });

  it.each<[string, TagExpression, string[]]>([
    ['one tag', tag('vip'), ['t1', 't2']],
    ['AND', { kind: 'and', operands: [tag('vip'), tag('beta')] }, ['t1']],
    ['OR, a device with both tags once', { kind: 'or', operands: [tag('vip'), tag('beta')] }, ['t1', 't2', 't3']],
    ['AND NOT', { kind: 'and', operands: [tag('vip'), { kind: 'not', operand: tag('beta') }] }, ['t2']],
    ['NOT alone: the app\'s other registered devices', { kind: 'not', operand: tag('vip') }, ['t3', 't4', 't5']],
    ['an unknown tag', tag('nobody'), []],
  ])('%s', async (_name, expression, expected) => {
    const { tokens } = await resolver.resolve('app', { kind: 'tag', expression });
    expect(sorted(tokens)).toEqual(expected);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});

describe('accounts', () => {
  beforeEach(async () => {
    await bind('t1', 'alice');
    await bind('t2', 'alice');
    await bind('gone', 'alice'); // the latest binding, but no device any more
    await bind('t2', 'bob');
    await bind('t3', 'alice', 1); // same name, another account type: another account
  });

  it('pushType 0 reaches each account\'s latest registered device; 1 all of them', async () => {
    const alice = { account: 'alice', accountType: 0 };
    expect(await resolver.resolve('app', { kind: 'accounts', accounts: [alice], pushType: 0 })).toEqual({ tokens: ['t2'], accountsWithoutDevices: [] });
    const all = await resolver.resolve('app', { kind: 'accounts', accounts: [alice], pushType: 1 });
    expect(all.tokens).toEqual(['t2', 't1']);
  });

  it('reaches a device bound to several listed accounts once, and names the accounts without a device, in order', async () => {
    const accounts = [
      { account: 'ghost', accountType: 0 },
      { account: 'alice', accountType: 0 },
      { account: 'bob', accountType: 0 },
      { account: 'alice', accountType: 0 },
      { account: 'bob', accountType: 2 },
    ];
    const { tokens, accountsWithoutDevices } = await resolver.resolve('app', { kind: 'accounts', accounts, pushType: 1 });
    expect(sorted(tokens)).toEqual(['t1', 't2']);
    expect(accountsWithoutDevices).toEqual([{ account: 'ghost', accountType: 0 }, { account: 'bob', accountType: 2 }]);
    expect((await resolver.resolve('app', { kind: 'accounts', accounts: [{ account: 'alice', accountType: 1 }], pushType: 0 })).tokens).toEqual(['t3']);
  });

  it('never reaches another app\'s accounts', async () => {
    const outcome = await resolver.resolve('other', { kind: 'accounts', accounts: [{ account: 'alice', accountType: 0 }], pushType: 1 });
    expect(outcome).toEqual({ tokens: [], accountsWithoutDevices: [{ account: 'alice', accountType: 0 }] });
  });
});
