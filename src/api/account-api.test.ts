// The account API through REST against a real server, tokens registered by
// real device sockets: batchoperate 1–5 with per-item results, query 1–2, the
// account types and list limits (a refused request writes nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerToken } from '../../test/helpers/register.js';
import { startTestServer, type TestApp, type TestServer } from '../../test/helpers/server.js';
import { RetCode } from '../errors.js';

describe('account API', () => {
  let server: TestServer;
  let app: TestApp;
  let other: TestApp;
  let t: string[];
  let foreign: string;

  const batch = (body: unknown, as: TestApp = app) => server.post('/v3/device/account/batchoperate', as, body).then((r) => r.json);
  const query = (body: unknown, as: TestApp = app) => server.post('/v3/device/account/query', as, body).then((r) => r.json);
  const tokensOf = (account: string, accountType = 0) => server.server.stores.accounts.tokensOf(app.accessId, { account, accountType });

  beforeAll(async () => {
    server = await startTestServer();
    [app, other] = await Promise.all([server.createApp('accounts'), server.createApp('other')]);
    t = await Promise.all(['a', 'b', 'c'].map((d) => registerToken(server, app, `account-device-${d}`)));
    foreign = await registerToken(server, other, 'foreign-device');
  });
  afterAll(() => server?.stop());

  it('binds (1) with a result per token, skipping tokens that are not the app\'s', async () => {
    const json = await batch({
      operator_type: 1,
      platform: 'android',
      seq: 12,
      token_accounts: [
        { token: t[0], account_list: [{ account: '926@126.com', account_type: 2 }, { account: '1527000000', account_type: 1 }] },
        { token: 'ghost', account_list: [{ account: 'x1', account_type: 1 }] },
        { token: foreign, account_list: [{ account: '926@126.com', account_type: 2 }] },
        { token: t[1], account_list: [{ account: '926@126.com', account_type: 2 }] },
      ],
    });
    expect(json).toEqual({ seq: 12, ret_code: 0, err_msg: '', result: ['ok', 'token_not_exists', 'token_not_exists', 'ok'] });
    expect(await tokensOf('926@126.com', 2)).toEqual([t[1], t[0]]);
    expect(await tokensOf('x1', 1)).toEqual([]);
    expect(await server.server.stores.accounts.tokensOf(other.accessId, { account: '926@126.com', accountType: 2 })).toEqual([]);
  });

  it('queries tokens of accounts (1) latest first, and accounts of tokens (2)', async () => {
    const byAccount = await query({ operator_type: 1, account_list: [{ account: '926@126.com', account_type: 2 }, { account: 'nobody', account_type: 0 }, 'bare-string'] });
    expect(byAccount).toEqual({
      seq: 0,
      ret_code: 0,
      err_msg: '',
      result: ['ok', 'account_not_exists', 'account_not_exists'],
      account_tokens: [
        { account: '926@126.com', account_type: 2, token_list: [t[1], t[0]] },
        { account: 'nobody', account_type: 0, token_list: [] },
        { account: 'bare-string', account_type: 0, token_list: [] },
      ],
    });
    const byToken = await query({ operator_type: 2, token_list: [t[0], 'ghost'], seq: 3 });
    expect(byToken).toEqual({
      seq: 3,
      ret_code: 0,
      err_msg: '',
      result: ['ok', 'token_not_exists'],
      token_accounts: [
        { token: t[0], account_list: [{ account: '926@126.com', account_type: 2 }, { account: '1527000000', account_type: 1 }] },
        { token: 'ghost', account_list: [] },
      ],
    });
  });

  it('replaces (2), unbinds some (3) and all accounts of tokens (4), and all tokens of accounts (5)', async () => {
    await batch({ operator_type: 2, token_accounts: [{ token: t[2], account_list: [{ account: 'userA' }, { account: 'userB' }] }] });
    await batch({ operator_type: 2, token_accounts: [{ token: t[2], account_list: [{ account: 'userB' }, { account: 'userC', account_type: 2001 }] }] });
    expect(await server.server.stores.accounts.accountsOf(app.accessId, t[2]!)).toEqual([
      { account: 'userB', accountType: 0 },
      { account: 'userC', accountType: 2001 },
    ]);
    expect(await tokensOf('userA')).toEqual([]);
    expect((await batch({ operator_type: 3, token_accounts: [{ token: t[2], account_list: [{ account: 'userB' }] }] })).result).toEqual(['ok']);
    expect(await tokensOf('userB')).toEqual([]);
    await batch({ operator_type: 1, token_accounts: [{ token: t[0], account_list: [{ account: 'userC', account_type: 2001 }] }] });
    expect((await batch({ operator_type: 4, token_list: [t[2], 'ghost'] })).result).toEqual(['ok', 'token_not_exists']);
    expect(await server.server.stores.accounts.accountsOf(app.accessId, t[2]!)).toEqual([]);
    expect(await tokensOf('userC', 2001)).toEqual([t[0]]);
    const dropped = await batch({ operator_type: 5, account_list: [{ account: '926@126.com', account_type: 2 }, { account: 'never', account_type: 1 }] });
    expect(dropped).toEqual({ seq: 0, ret_code: 0, err_msg: '', result: ['ok', 'account_not_exists'] });
    expect(await tokensOf('926@126.com', 2)).toEqual([]);
    expect(await server.server.stores.accounts.accountsOf(app.accessId, t[0]!)).toEqual([
      { account: '1527000000', accountType: 1 },
      { account: 'userC', accountType: 2001 },
    ]);
  });

  describe('refuses, writing nothing', () => {
    const refused = async (body: Record<string, unknown>, code: number, path = '/v3/device/account/batchoperate') => {
      const before = await Promise.all(t.map((token) => server.server.stores.accounts.accountsOf(app.accessId, token)));
      const json = (await server.post(path, app, { seq: 8, ...body })).json;
      expect(json).toMatchObject({ seq: 8, ret_code: code });
      expect(Object.keys(json).sort()).toEqual(['err_msg', 'ret_code', 'seq']);
      expect(await Promise.all(t.map((token) => server.server.stores.accounts.accountsOf(app.accessId, token)))).toEqual(before);
      return json.err_msg as string;
    };
    const bind = (account: unknown) => ({ operator_type: 1, token_accounts: [{ token: t[0], account_list: [{ account: 'fine-one' }, account] }] });

    it('missing or bad operator_type and lists', async () => {
      await refused({ token_accounts: [] }, RetCode.MISSING_PARAMETER);
      await refused({ operator_type: 6, token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 1 }, RetCode.MISSING_PARAMETER);
      await refused({ operator_type: 1, token_accounts: [{ token: t[0] }] }, RetCode.MISSING_PARAMETER);
      await refused({ operator_type: 1, token_accounts: [{ token: t[0], account_list: [] }] }, RetCode.MISSING_PARAMETER);
      await refused({ operator_type: 1, token_accounts: ['nope'] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 4 }, RetCode.MISSING_PARAMETER);
      await refused({ operator_type: 5, account_list: [] }, RetCode.MISSING_PARAMETER);
      await refused({ token_list: [t[0]] }, RetCode.MISSING_PARAMETER, '/v3/device/account/query');
      await refused({ operator_type: 3, token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER, '/v3/device/account/query');
      await refused({ operator_type: 1 }, RetCode.MISSING_PARAMETER, '/v3/device/account/query');
      await refused({ operator_type: 2, token_list: ['t'.repeat(65)] }, RetCode.ILLEGAL_PARAMETER, '/v3/device/account/query');
    });

    it('more than 20 tokens or accounts in a call, more than 3 accounts for one token', async () => {
      const many = Array.from({ length: 21 }, (_, i) => ({ token: t[i % 3], account_list: [{ account: `user${i}` }] }));
      expect(await refused({ operator_type: 1, token_accounts: many }, RetCode.ILLEGAL_PARAMETER)).toContain('at most 20');
      await refused({ operator_type: 4, token_list: Array.from({ length: 21 }, () => t[0]) }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 5, account_list: Array.from({ length: 21 }, (_, i) => ({ account: `u${i}` })) }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 1, account_list: Array.from({ length: 21 }, (_, i) => `u${i}`) }, RetCode.ILLEGAL_PARAMETER, '/v3/device/account/query');
      const four = ['u1', 'u2', 'u3', 'u4'].map((account) => ({ account }));
      expect(await refused({ operator_type: 2, token_accounts: [{ token: t[0], account_list: four }] }, RetCode.ILLEGAL_PARAMETER)).toContain('at most 3');
    });

    it('account types XG does not list, and accounts of 1 or over 100 characters', async () => {
      for (const type of [3, 999, 1012, 1998, -1, 1.5, '1']) await refused(bind({ account: 'typed', account_type: type }), RetCode.ILLEGAL_PARAMETER);
      for (const account of ['x', '', 'y'.repeat(101), 42]) await refused(bind({ account }), RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 5, account_list: [{ account: 'ok-name', account_type: 1013 }] }, RetCode.ILLEGAL_PARAMETER);
    });

    it('accepts every listed account type and the boundary lengths', async () => {
      const types = [0, 1, 2, 1000, 1005, 1011, 1999, 2000, 2001, 99999];
      for (const type of types) expect((await batch(bind({ account: 'typed', account_type: type }))).result).toEqual(['ok']);
      expect((await batch(bind({ account: 'xy' }))).result).toEqual(['ok']);
      expect((await batch(bind({ account: 'y'.repeat(100) }))).result).toEqual(['ok']);
      await batch({ operator_type: 4, token_list: [t[0]] });
    });
  });
});
