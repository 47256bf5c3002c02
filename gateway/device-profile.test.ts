// A device setting its own tags and accounts over a real socket (raw protocol
// frames, real server), each change read back through the REST API at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountOperation, TagOperation, type DecodedServerFrame } from '../proto/codec.js';
import { RawDevice } from '../test/helpers/raw-device.js';
import { startTestServer, type TestApp, type TestServer } from '../test/helpers/server.js';
import { DeviceError, RetCode } from '../src/errors.js';
import { MAX_TAGS_PER_TOKEN, type TagOp } from '../src/stores/audience-types.js';

describe('device tag and account frames', () => {
  let server: TestServer;
  let appA: TestApp;
  let appB: TestApp;
  let device: RawDevice;
  let tokenA: string;
  let tokenB: string;
  let nextId = 1;

  /** Sends a change and waits for the Result carrying its request id. */
  async function change(frame: { tagChange?: object; accountChange?: object }): Promise<DecodedServerFrame['result']> {
    const requestId = nextId++;
    const body = frame.tagChange ? { tagChange: { requestId, ...frame.tagChange } } : { accountChange: { requestId, ...frame.accountChange } };
    device.send(body);
    for (;;) {
      const result = (await device.next('result')).result!;
      if (result.requestId === requestId) return result;
    }
  }
  const tags = (accessId: string, tagOps: { operation: TagOperation; tags: string[] }) => change({ tagChange: { accessId, ...tagOps } });
  const restTags = async (app: TestApp, token: string) => (await server.post('/v3/device/tag/query_token_tags', app, { token })).json.result.tags;
  const restAccounts = async (app: TestApp, token: string) =>
    (await server.post('/v3/device/account/query', app, { operator_type: 2, token_list: [token] })).json.token_accounts[0].account_list;

  beforeAll(async () => {
    server = await startTestServer();
    [appA, appB] = await Promise.all([server.createApp('profile-a'), server.createApp('profile-b')]);
    device = await RawDevice.connect(server.url);
    device.hello([
      { accessId: appA.accessId, accessKey: appA.accessKey },
      { accessId: appB.accessId, accessKey: appB.accessKey },
    ]);
    const welcome = (await device.next('welcome')).welcome!;
    [tokenA, tokenB] = welcome.apps!.map((s) => s.token!);
  });
  afterAll(async () => {
    device?.close();
    await server?.stop();
  });

  it('adds, sets and removes its own tags, per app, visible to REST when the Result arrives', async () => {
    expect(await tags(appA.accessId, { operation: TagOperation.TAG_ADD, tags: ['vip', 'city:sz'] })).toMatchObject({ code: 0, message: '' });
    expect(await restTags(appA, tokenA)).toEqual(['city:sz', 'vip']);
    expect(await restTags(appB, tokenB)).toEqual([]);
    await tags(appB.accessId, { operation: TagOperation.TAG_SET, tags: ['b-only'] });
    expect(await restTags(appB, tokenB)).toEqual(['b-only']);
    await tags(appA.accessId, { operation: TagOperation.TAG_SET, tags: ['city:bj'] });
    expect(await restTags(appA, tokenA)).toEqual(['city:bj', 'vip']);
    await tags(appA.accessId, { operation: TagOperation.TAG_REMOVE, tags: ['vip', 'not-there'] });
    expect(await restTags(appA, tokenA)).toEqual(['city:bj']);
    expect((await tags(appA.accessId, { operation: TagOperation.TAG_SET, tags: [] }))!.code).toBe(0);
    expect(await restTags(appA, tokenA)).toEqual([]);
  });

  it('answers bad requests with a code and keeps the socket open, changing nothing', async () => {
    await tags(appA.accessId, { operation: TagOperation.TAG_ADD, tags: ['kept'] });
    const refusals: Array<[Parameters<typeof tags>[1] & { accessId?: string }, number]> = [
      [{ operation: TagOperation.TAG_ADD, tags: ['has space'] }, RetCode.ILLEGAL_PARAMETER],
      [{ operation: TagOperation.TAG_ADD, tags: ['x'.repeat(51)] }, RetCode.ILLEGAL_PARAMETER],
      [{ operation: TagOperation.TAG_ADD, tags: [] }, RetCode.MISSING_PARAMETER],
      [{ operation: TagOperation.TAG_OPERATION_UNSPECIFIED, tags: ['a'] }, RetCode.ILLEGAL_PARAMETER],
      [{ operation: TagOperation.TAG_SET, tags: Array.from({ length: MAX_TAGS_PER_TOKEN + 1 }, (_, i) => `t${i}`) }, RetCode.ILLEGAL_PARAMETER],
      [{ accessId: 'not-on-this-socket', operation: TagOperation.TAG_ADD, tags: ['a'] }, RetCode.ILLEGAL_PARAMETER],
    ];
    for (const [request, code] of refusals) {
      const result = await change({ tagChange: { accessId: appA.accessId, ...request } });
      expect(result, JSON.stringify(request).slice(0, 80)).toMatchObject({ code });
      expect(result!.message).not.toBe('');
    }
    expect(await restTags(appA, tokenA)).toEqual(['kept']);
    device.send({ ping: { clientTime: 5 } });
    expect((await device.next('pong')).pong!.clientTime).toBe(5);
    expect(device.framesOf('error')).toEqual([]);
  });

  it('gets 91 past 100 tags on the device and 92 past 10,000 tags in the app', async () => {
    const hundred = Array.from({ length: MAX_TAGS_PER_TOKEN }, (_, i) => `h${i}`);
    expect((await tags(appA.accessId, { operation: TagOperation.TAG_SET, tags: hundred }))!.code).toBe(0);
    expect(await tags(appA.accessId, { operation: TagOperation.TAG_ADD, tags: ['one-more'] })).toMatchObject({ code: RetCode.TOO_MANY_TAGS_ON_DEVICE });
    expect(await restTags(appA, tokenA)).toHaveLength(MAX_TAGS_PER_TOKEN);

    const ops: TagOp[] = Array.from({ length: 100 }, (_, i) => ({ kind: 'add', token: `seed${i}`, tags: Array.from({ length: i === 99 ? 99 : 100 }, (_, j) => `s${i}-${j}`) }));
    // 9,999 seeded, plus this device's own tag: the app is at its limit.
    expect(await server.server.stores.tags.update(appB.accessId, ops)).toEqual({ ok: true });
    expect(await tags(appB.accessId, { operation: TagOperation.TAG_ADD, tags: ['brand-new'] })).toMatchObject({ code: RetCode.TOO_MANY_TAGS_IN_APP });
    expect(await tags(appB.accessId, { operation: TagOperation.TAG_ADD, tags: ['s0-0'] })).toMatchObject({ code: 0 });
    expect(await restTags(appB, tokenB)).toEqual(['b-only', 's0-0']);
  });

  it('binds, appends and removes its own accounts, the oldest evicted past 3', async () => {
    const acct = (account: string, accountType = 1) => ({ account, accountType });
    const wire = (account: string, account_type = 1) => ({ account, account_type });
    expect((await change({ accountChange: { accessId: appA.accessId, operation: AccountOperation.ACCOUNT_BIND, accounts: [acct('13800000000')] } }))!.code).toBe(0);
    expect(await restAccounts(appA, tokenA)).toEqual([wire('13800000000')]);
    await change({ accountChange: { accessId: appA.accessId, operation: AccountOperation.ACCOUNT_APPEND, accounts: [acct('a@b.c', 2), acct('u2', 2001), acct('u3', 2001)] } });
    expect(await restAccounts(appA, tokenA)).toEqual([wire('a@b.c', 2), wire('u2', 2001), wire('u3', 2001)]);
    const byAccount = await server.post('/v3/device/account/query', appA, { operator_type: 1, account_list: [{ account: 'u3', account_type: 2001 }] });
    expect(byAccount.json.account_tokens[0].token_list).toEqual([tokenA]);
    await change({ accountChange: { accessId: appA.accessId, operation: AccountOperation.ACCOUNT_REMOVE, accounts: [acct('u2', 2001)] } });
    expect(await restAccounts(appA, tokenA)).toEqual([wire('a@b.c', 2), wire('u3', 2001)]);
    const refused = [
      { operation: AccountOperation.ACCOUNT_APPEND, accounts: [acct('x')] },
      { operation: AccountOperation.ACCOUNT_APPEND, accounts: [acct('typed', 3)] },
      { operation: AccountOperation.ACCOUNT_APPEND, accounts: [] },
      { operation: AccountOperation.ACCOUNT_BIND, accounts: ['a1', 'a2', 'a3', 'a4'].map((a) => acct(a)) },
      { operation: 9, accounts: [acct('fine')] },
    ];
    for (const request of refused) {
      expect((await change({ accountChange: { accessId: appA.accessId, ...request } }))!.code).not.toBe(0);
    }
    expect(await restAccounts(appA, tokenA)).toEqual([wire('a@b.c', 2), wire('u3', 2001)]);
    await change({ accountChange: { accessId: appA.accessId, operation: AccountOperation.ACCOUNT_BIND, accounts: [] } });
    expect(await restAccounts(appA, tokenA)).toEqual([]);
  });

  it('refuses a change before the welcome like any other frame (4102)', async () => {
    const early = await RawDevice.connect(server.url);
    early.send({ tagChange: { requestId: 1, accessId: appA.accessId, operation: TagOperation.TAG_ADD, tags: ['x'] } });
    expect((await early.closed).code).toBe(DeviceError.HELLO_REQUIRED);
  });
});
