// The tag API through REST against a real server (uWS, LMDB), with tokens
// registered by real device sockets: every operator_type, both pair formats,
// the queries, and every limit with its code (nothing written on a refusal).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerToken } from '../../test/helpers/register.js';
import { startTestServer, type TestApp, type TestServer } from '../../test/helpers/server.js';
import { RetCode } from '../errors.js';
import { MAX_TAGS_PER_APP, type TagOp } from '../stores/audience-types.js';

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('tag API', () => {
  let server: TestServer;
  let app: TestApp;
  let other: TestApp;
  let t: string[];
  let foreign: string;

  const tag = (body: unknown, path = '/v3/device/tag', as: TestApp = app) => server.post(path, as, body).then((r) => r.json);
  const tagsOf = (token: string) => server.server.stores.tags.tagsOf(app.accessId, token);

  beforeAll(async () => {
    server = await startTestServer();
    [app, other] = await Promise.all([server.createApp('tags'), server.createApp('other')]);
    t = await Promise.all(names('tag-device-', 4).map((id) => registerToken(server, app, id)));
    foreign = await registerToken(server, other, 'foreign-device');
  });
  afterAll(() => server?.stop());

  it('adds and removes one tag on one token (1, 2), echoing seq', async () => {
    expect(await tag({ operator_type: 1, platform: 'android', tag_list: ['vip', 'ignored'], token_list: [t[0], t[1]], seq: 9007199254740993 })).toEqual({
      seq: 9007199254740993, ret_code: 0, err_msg: '',
    });
    expect(await tagsOf(t[0]!)).toEqual(['vip']);
    expect(await tagsOf(t[1]!)).toEqual([]);
    expect((await tag({ operator_type: 2, tag_list: ['vip'], token_list: [t[0]], seq: 3 })).ret_code).toBe(0);
    expect(await tagsOf(t[0]!)).toEqual([]);
  });

  it('adds, removes, clears and replaces several tags on one token (3, 4, 5, 6)', async () => {
    await tag({ operator_type: 3, tag_list: ['a', 'b', 'level:1', 'city:sz'], token_list: [t[0]] });
    expect(await tagsOf(t[0]!)).toEqual(['a', 'b', 'city:sz', 'level:1']);
    await tag({ operator_type: 4, tag_list: ['a', 'zz'], token_list: [t[0]] });
    expect(await tagsOf(t[0]!)).toEqual(['b', 'city:sz', 'level:1']);
    await tag({ operator_type: 6, tag_list: ['level:2'], token_list: [t[0]] });
    expect(await tagsOf(t[0]!)).toEqual(['b', 'city:sz', 'level:2']);
    await tag({ operator_type: 6, tag_list: ['x', 'level:3'], token_list: [t[0]] });
    expect(await tagsOf(t[0]!)).toEqual(['level:3', 'x']);
    await tag({ operator_type: 5, tag_list: ['anything'], token_list: [t[0]] });
    expect(await tagsOf(t[0]!)).toEqual([]);
  });

  it('adds and removes one tag on many tokens (7, 8)', async () => {
    await tag({ operator_type: 7, tag_list: ['many'], token_list: t });
    expect(await server.server.stores.tags.tokensOf(app.accessId, 'many')).toEqual([...t].sort());
    await tag({ operator_type: 8, tag_list: ['many'], token_list: [t[0], t[1]] });
    expect(await server.server.stores.tags.tokensOf(app.accessId, 'many')).toEqual([t[2], t[3]].sort());
  });

  it('takes tag-token pairs as arrays (XG docs) and as objects (Java SDK, TPNS) (9, 10)', async () => {
    expect((await tag({ operator_type: 9, tag_token_list: [['p1', t[0]], ['p2', t[1]]] })).ret_code).toBe(0);
    expect((await tag({ operator_type: 9, tag_token_list: [{ tag: 'p3', token: t[0] }] })).ret_code).toBe(0);
    expect(await tagsOf(t[0]!)).toEqual(['p1', 'p3']);
    expect(await tagsOf(t[1]!)).toEqual(['p2']);
    await tag({ operator_type: 10, tag_token_list: [{ tag: 'p1', token: t[0] }, ['p2', t[1]]] });
    expect(await tagsOf(t[0]!)).toEqual(['p3']);
    expect(await tagsOf(t[1]!)).toEqual([]);
  });

  it('answers the queries: app tags paged, a token\'s tags, a tag\'s device count', async () => {
    await tag({ operator_type: 7, tag_list: ['q-common'], token_list: [t[2], t[3]] });
    const all = await tag({ start: 0, limit: 200 }, '/v3/device/tag/query_app_tags');
    expect(all.ret_code).toBe(0);
    expect(all.result.total).toBe(all.result.tags.length);
    expect(all.result.tags).toContain('q-common');
    const page = await tag({ start: 1, limit: 2, seq: 5 }, '/v3/device/tag/query_app_tags');
    expect(page).toEqual({ seq: 5, ret_code: 0, err_msg: '', result: { total: all.result.total, tags: all.result.tags.slice(1, 3) } });
    expect((await tag({ token: t[2] }, '/v3/device/tag/query_token_tags')).result).toEqual({ tags: ['many', 'q-common'] });
    expect((await tag({ device_token: t[2] }, '/v3/device/tag/query_token_tags')).result).toEqual({ tags: ['many', 'q-common'] });
    expect((await tag({ tag: 'q-common' }, '/v3/device/tag/query_tag_token_num')).result).toEqual({ device_num: 2 });
    expect((await tag({ tag: 'never-used' }, '/v3/device/tag/query_tag_token_num')).result).toEqual({ device_num: 0 });
    expect((await tag({ token: foreign }, '/v3/device/tag/query_token_tags')).ret_code).toBe(RetCode.DEVICE_NOT_REGISTERED);
    expect((await tag({ limit: 201 }, '/v3/device/tag/query_app_tags')).ret_code).toBe(RetCode.ILLEGAL_PARAMETER);
    expect((await tag({}, '/v3/device/tag/query_tag_token_num')).ret_code).toBe(RetCode.MISSING_PARAMETER);
  });

  it('deletes tags from every device (delete_all_device), in this app only', async () => {
    await tag({ operator_type: 7, tag_list: ['doomed'], token_list: [t[0], t[1]] });
    await tag({ operator_type: 1, tag_list: ['doomed'], token_list: [foreign] }, '/v3/device/tag', other);
    expect(await tag({ tag_list: ['doomed', 'unknown'], seq: 4 }, '/v3/device/tag/delete_all_device')).toEqual({ seq: 4, ret_code: 0, err_msg: '', result: { removed: 2 } });
    expect(await server.server.stores.tags.tokensOf(app.accessId, 'doomed')).toEqual([]);
    expect(await server.server.stores.tags.tokensOf(other.accessId, 'doomed')).toEqual([foreign]);
  });

  describe('refuses, writing nothing', () => {
    const refused = async (body: Record<string, unknown>, code: number, path?: string) => {
      const before = await Promise.all(t.map(tagsOf));
      const json = await tag({ seq: 77, ...body }, path);
      expect(json).toMatchObject({ seq: 77, ret_code: code });
      expect(json.err_msg).not.toBe('');
      expect(Object.keys(json).sort()).toEqual(['err_msg', 'ret_code', 'seq']);
      expect(await Promise.all(t.map(tagsOf))).toEqual(before);
      return json.err_msg as string;
    };

    it('missing or bad operator_type, lists and platform', async () => {
      await refused({ tag_list: ['a'], token_list: [t[0]] }, RetCode.MISSING_PARAMETER);
      await refused({ operator_type: 11, tag_list: ['a'], token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: '1', tag_list: ['a'], token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 1, token_list: [t[0]] }, RetCode.MISSING_PARAMETER);
      await refused({ operator_type: 1, tag_list: [], token_list: [t[0]] }, RetCode.MISSING_PARAMETER);
      await refused({ operator_type: 7, tag_list: ['a'] }, RetCode.MISSING_PARAMETER);
      await refused({ operator_type: 9 }, RetCode.MISSING_PARAMETER);
      await refused({ operator_type: 1, tag_list: 'a', token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 1, platform: 'windows', tag_list: ['a'], token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 9, tag_token_list: [['a', t[0], 'extra']] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 9, tag_token_list: [{ tag: 'a' }] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ tag_list: [] }, RetCode.MISSING_PARAMETER, '/v3/device/tag/delete_all_device');
    });

    it('lists over 20 entries', async () => {
      expect(await refused({ operator_type: 3, tag_list: names('x', 21), token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER)).toContain('at most 20');
      await refused({ operator_type: 7, tag_list: ['x'], token_list: [...t, ...names('z', 17)] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 9, tag_token_list: names('x', 21).map((x) => [x, t[0]]) }, RetCode.ILLEGAL_PARAMETER);
      await refused({ tag_list: names('x', 21) }, RetCode.ILLEGAL_PARAMETER, '/v3/device/tag/delete_all_device');
    });

    it('tags over 50 characters, with spaces or empty; tokens over 64 characters', async () => {
      expect(await tag({ operator_type: 1, tag_list: ['x'.repeat(50)], token_list: [t[3]] })).toMatchObject({ ret_code: 0 });
      expect(await refused({ operator_type: 1, tag_list: ['x'.repeat(51)], token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER)).toContain('50');
      await refused({ operator_type: 3, tag_list: ['ok', 'has space'], token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 3, tag_list: ['ok', 'tab\there'], token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 3, tag_list: ['ok', ''], token_list: [t[0]] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 9, tag_token_list: [['ok', t[0]], ['bad tag', t[1]]] }, RetCode.ILLEGAL_PARAMETER);
      await refused({ operator_type: 1, tag_list: ['a'], token_list: ['t'.repeat(65)] }, RetCode.ILLEGAL_PARAMETER);
      await tag({ operator_type: 2, tag_list: ['x'.repeat(50)], token_list: [t[3]] });
    });

    it('tokens that are not registered devices of the app (10110 names them)', async () => {
      const msg = await refused({ operator_type: 7, tag_list: ['x'], token_list: [t[0], 'ghost', foreign] }, RetCode.DEVICE_NOT_REGISTERED);
      expect(msg).toContain('ghost');
      expect(msg).toContain(foreign);
      await refused({ operator_type: 9, tag_token_list: [['x', t[0]], ['y', 'ghost']] }, RetCode.DEVICE_NOT_REGISTERED);
    });

    it('a device\'s tag 101 with 91', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await tag({ operator_type: 3, tag_list: names(`d${i}-`, 20), token_list: [t[1]] })).ret_code).toBe(0);
      }
      expect(await tagsOf(t[1]!)).toHaveLength(100);
      await refused({ operator_type: 9, tag_token_list: [['fits', t[0]], ['one-too-many', t[1]]] }, RetCode.TOO_MANY_TAGS_ON_DEVICE);
      await tag({ operator_type: 5, token_list: [t[1]] });
    });

    it('the app\'s tag 10,001 with 92', async () => {
      const fresh = await server.createApp('full');
      const token = await registerToken(server, fresh, 'full-device');
      const ops: TagOp[] = [];
      // Seeded through the store: 9,999 tags on unregistered tokens, then REST takes the app to the limit.
      for (let i = 0; i < 100; i++) ops.push({ kind: 'add', token: `seed${i}`, tags: names(`s${i}-`, i === 99 ? 99 : 100) });
      expect(await server.server.stores.tags.update(fresh.accessId, ops)).toEqual({ ok: true });
      expect((await tag({ operator_type: 1, tag_list: ['the-last'], token_list: [token] }, '/v3/device/tag', fresh)).ret_code).toBe(0);
      expect(await server.server.stores.tags.tagCount(fresh.accessId)).toBe(MAX_TAGS_PER_APP);
      const json = await tag({ operator_type: 3, tag_list: ['s0-0', 'one-more'], token_list: [token], seq: 1 }, '/v3/device/tag', fresh);
      expect(json).toMatchObject({ seq: 1, ret_code: RetCode.TOO_MANY_TAGS_IN_APP });
      expect(await server.server.stores.tags.tagsOf(fresh.accessId, token)).toEqual(['the-last']);
      // An existing tag still binds.
      expect((await tag({ operator_type: 1, tag_list: ['s0-0'], token_list: [token] }, '/v3/device/tag', fresh)).ret_code).toBe(0);
    });

    it('without valid credentials, or with a body that is not JSON', async () => {
      expect((await server.post('/v3/device/tag', undefined, { operator_type: 1, seq: 2 })).json).toEqual({ seq: 2, ret_code: RetCode.AUTH_FAILED, err_msg: expect.any(String) });
      expect((await server.post('/v3/device/tag', app, '{"operator_type":')).json).toMatchObject({ seq: 0, ret_code: RetCode.NOT_JSON });
      expect((await server.post('/v3/device/tag', app, '[1]')).json).toMatchObject({ ret_code: RetCode.NOT_JSON });
    });
  });
});
