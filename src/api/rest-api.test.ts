import { describe, expect, it } from 'vitest';
import { ApiError, RetCode } from '../errors.js';
import type { Logger } from '../log.js';
import { basicAuthorization, tpnsSign } from './auth.js';
import { createRestApi } from './rest-api.js';
import { APP, authed, request, testApi, testConfig } from './test-fakes.js';

const PUSH = '/v3/push/app';
const notify = { title: 'hello', content: 'world' };
const single = (token: string, extra: Record<string, unknown> = {}) => ({ audience_type: 'token', token_list: [token], message_type: 'notify', message: notify, ...extra });
const list = (tokens: string[], extra: Record<string, unknown> = {}) => ({ audience_type: 'token_list', token_list: tokens, push_id: '0', message_type: 'notify', message: notify, ...extra });

async function restCount(metrics: ReturnType<typeof testApi>['metrics'], path: string, retCode: number): Promise<number> {
  const { values } = await metrics.restRequests.get();
  return values.find((v) => v.labels.path === path && v.labels.ret_code === String(retCode))?.value ?? 0;
}

describe('POST /v3/push/app', () => {
  it('answers 0 with a string push_id, the echoed seq and environment', async () => {
    const t = testApi();
    t.pushes.online.add('tokA');
    const res = await t.call(authed(PUSH, single('tokA', { seq: 77, environment: 'dev' })));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ seq: 77, ret_code: 0, err_msg: '', push_id: '1000', environment: 'dev' });
    expect(t.pushes.tasks[0]).toMatchObject({ accessId: APP.accessId, audienceType: 'token', tokens: ['tokA'] });
    expect(await restCount(t.metrics, PUSH, 0)).toBe(1);
    expect((await t.metrics.pushesAccepted.get()).values[0]).toMatchObject({ labels: { audience_type: 'token' }, value: 1 });
  });

  it('echoes an int64 seq beyond 2^53 digit for digit', async () => {
    const t = testApi();
    t.pushes.offline.add('tokA');
    const res = await t.call(authed(PUSH, `{"seq":9223372036854775807,${JSON.stringify(single('tokA')).slice(1)}`));
    expect(res.text.startsWith('{"seq":9223372036854775807,"ret_code":0,')).toBe(true);
  });

  it('treats expire_time 0 with the device away as delivered (online only), not as a failure', async () => {
    const t = testApi();
    t.pushes.offline.add('tokA');
    const res = await t.call(authed(PUSH, single('tokA', { expire_time: 0 })));
    expect(res.json.ret_code).toBe(0);
    expect(t.pushes.tasks[0]?.content.expireTime).toBe(0);
  });

  it('answers 10110 when the single token is not registered', async () => {
    const t = testApi();
    const res = await t.call(authed(PUSH, single('ghost', { seq: 5 })));
    expect(res.json).toMatchObject({ seq: 5, ret_code: RetCode.DEVICE_NOT_REGISTERED, push_id: '1000' });
    expect(res.json.result).toBeUndefined();
  });

  it('answers 10304 listing the unregistered tokens as JSON text in result', async () => {
    const t = testApi();
    t.pushes.online.add('a');
    t.pushes.offline.add('c');
    const res = await t.call(authed(PUSH, list(['a', 'ghost1', 'c', 'ghost2'])));
    expect(res.json).toMatchObject({ ret_code: RetCode.TOKEN_LIST_PARTLY_FAILED, push_id: '1000', result: '["ghost1","ghost2"]' });
    expect(JSON.parse(res.json.result as string)).toEqual(['ghost1', 'ghost2']);
    expect(await t.metrics.pushesAccepted.get()).toMatchObject({ values: [] });
  });

  it('answers 10305 when no token is registered', async () => {
    const t = testApi();
    const res = await t.call(authed(PUSH, list(['x', 'y'])));
    expect(res.json).toMatchObject({ ret_code: RetCode.TOKEN_LIST_ALL_FAILED, result: '["x","y"]' });
  });

  it('reuses a token_list push_id, and answers 10205 for an unknown one', async () => {
    const t = testApi();
    t.pushes.online.add('a').add('b');
    const first = await t.call(authed(PUSH, list(['a'])));
    const again = await t.call(authed(PUSH, { audience_type: 'token_list', token_list: ['b'], push_id: first.json.push_id }));
    expect(again.json).toMatchObject({ ret_code: 0, push_id: first.json.push_id });
    expect(t.pushes.tasks[1]?.reusePushId).toBe(first.json.push_id);
    const unknown = await t.call(authed(PUSH, list(['a'], { push_id: '999999', seq: 3 })));
    expect(unknown.json).toMatchObject({ seq: 3, ret_code: RetCode.PUSH_TASK_NOT_FOUND, push_id: '0' });
  });

  it('answers 10100 when the push service fails unexpectedly, and logs it', async () => {
    const t = testApi();
    t.pushes.throwNext = new Error('bus down');
    const res = await t.call(authed(PUSH, single('tokA', { seq: 9 })));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ seq: 9, ret_code: RetCode.BUSY, push_id: '0' });
    expect(t.logLines.some((l) => l.includes('bus down') && l.includes('"level":50'))).toBe(true);
  });

  it('passes an ApiError from the push service through with its code', async () => {
    const t = testApi();
    t.pushes.throwNext = new ApiError(RetCode.PUSH_TASK_NOT_FOUND, 'push task expired');
    const res = await t.call(authed(PUSH, single('tokA')));
    expect(res.json).toMatchObject({ ret_code: RetCode.PUSH_TASK_NOT_FOUND, err_msg: 'push task expired' });
  });

  it.each([
    ['10102 missing parameter', { audience_type: 'token', message_type: 'notify', message: notify }, RetCode.MISSING_PARAMETER],
    ['10103 illegal parameter', single('tokA', { expire_time: 999_999 }), RetCode.ILLEGAL_PARAMETER],
    ['10103 audience not supported yet', { ...single('tokA'), audience_type: 'package_token_push' }, RetCode.ILLEGAL_PARAMETER],
    ['10115 account push without an account', { ...single('tokA'), audience_type: 'account', account_list: [] }, RetCode.ACCOUNT_EMPTY],
    ['10103 seq not an int64', single('tokA', { seq: 'abc' }), RetCode.ILLEGAL_PARAMETER],
    ['10117 message too large', single('tokA', { message: { title: 't', content: 'x'.repeat(5000) } }), RetCode.CONTENT_TOO_LARGE],
    ['10107 body is a JSON array', [single('tokA')], RetCode.NOT_JSON],
  ])('answers %s as HTTP 200 with err_msg', async (_name, body, code) => {
    const t = testApi();
    const res = await t.call(authed(PUSH, body));
    expect(res.status).toBe(200);
    expect(res.json.ret_code).toBe(code);
    expect(res.json.err_msg).not.toBe('');
    expect(res.json.push_id).toBe('0');
    expect(t.pushes.tasks).toHaveLength(0);
  });

  it('answers 10107 with seq 0 for a body that is not JSON', async () => {
    const t = testApi();
    const res = await t.call(authed(PUSH, '{"seq": 4, "audience_type": '));
    expect(res.json).toMatchObject({ seq: 0, ret_code: RetCode.NOT_JSON, push_id: '0', environment: 'product' });
  });

  it('answers a body over the cap with 10117 before auth', async () => {
    const t = testApi();
    const res = await t.call({ ...request(PUSH, ''), bodyTooLarge: true });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ seq: 0, ret_code: RetCode.CONTENT_TOO_LARGE, push_id: '0' });
    expect(String(res.json.err_msg)).toContain('1048576');
  });
});

describe('per-app push rate limit', () => {
  it('answers 10101 past HOMING_PUSH_REQUESTS_PER_APP_PER_SECOND, creating nothing, and recovers as the bucket refills', async () => {
    const clock = { now: 1_700_000_000_000 };
    const t = testApi(() => clock.now, { HOMING_PUSH_REQUESTS_PER_APP_PER_SECOND: '2' });
    t.pushes.online.add('tokA');
    expect((await t.call(authed(PUSH, single('tokA')))).json.ret_code).toBe(0);
    expect((await t.call(authed(PUSH, 'not json'))).json.ret_code).toBe(RetCode.NOT_JSON); // spends one too
    const limited = await t.call(authed(PUSH, single('tokA', { seq: 8, environment: 'dev' })));
    expect(limited.status).toBe(200);
    expect(limited.json).toMatchObject({ seq: 8, ret_code: RetCode.RATE_LIMITED, push_id: '0', environment: 'dev' });
    expect(String(limited.json.err_msg)).toContain('retry in 1 s');
    expect(t.pushes.tasks).toHaveLength(1);
    expect(await restCount(t.metrics, PUSH, RetCode.RATE_LIMITED)).toBe(1);
    // Statistics are not push calls, and unauthenticated calls spend nothing.
    expect((await t.call(authed('/v3/statistics/get_push_record', { pushId: '1000' }))).json.retCode).toBe(0);
    expect((await t.call(request(PUSH, single('tokA'), { authorization: basicAuthorization(APP.accessId, 'wrong') }))).json.ret_code).toBe(RetCode.AUTH_FAILED);
    clock.now += 500; // one call back
    expect((await t.call(authed(PUSH, single('tokA')))).json.ret_code).toBe(0);
    expect((await t.call(authed(PUSH, single('tokA')))).json.ret_code).toBe(RetCode.RATE_LIMITED);
  });

  it('is off with 0', async () => {
    const t = testApi(undefined, { HOMING_PUSH_REQUESTS_PER_APP_PER_SECOND: '0' });
    t.pushes.online.add('tokA');
    for (let i = 0; i < 50; i++) expect((await t.call(authed(PUSH, single('tokA')))).json.ret_code).toBe(0);
  });
});

describe('per-app all/tag push rate limit', () => {
  const all = { audience_type: 'all', message_type: 'notify', message: notify };
  const tag = { ...all, audience_type: 'tag', tag_list: { tags: ['vip'], op: 'OR' } };

  it('answers 10101 past HOMING_BROADCASTS_PER_APP_PER_MINUTE, creating nothing; token and account pushes are not counted', async () => {
    const clock = { now: 1_700_000_000_000 };
    const t = testApi(() => clock.now, { HOMING_BROADCASTS_PER_APP_PER_MINUTE: '2' });
    t.pushes.online.add('tokA');
    expect((await t.call(authed(PUSH, all))).json.ret_code).toBe(0);
    // The fake matches no device: 10010005, but the push was made and spends the budget.
    expect((await t.call(authed(PUSH, tag))).json.ret_code).toBe(RetCode.PUSH_TARGET_NOT_FOUND);
    // An invalid one spends nothing.
    expect((await t.call(authed(PUSH, { ...tag, tag_list: { tags: ['a b'], op: 'OR' } }))).json.ret_code).toBe(RetCode.ILLEGAL_PARAMETER);
    const limited = await t.call(authed(PUSH, { ...all, seq: 5 }));
    expect(limited.json).toMatchObject({ seq: 5, ret_code: RetCode.RATE_LIMITED, push_id: '0' });
    expect(String(limited.json.err_msg)).toContain('all/tag pushes a minute');
    expect((await t.call(authed(PUSH, tag))).json.ret_code).toBe(RetCode.RATE_LIMITED);
    expect(t.pushes.tasks).toHaveLength(2);
    expect((await t.call(authed(PUSH, single('tokA')))).json.ret_code).toBe(0);
    expect((await t.call(authed(PUSH, { ...all, audience_type: 'account', account_list: ['alice'] }))).json.ret_code).toBe(RetCode.ACCOUNT_NOT_FOUND);
    clock.now += 30_000; // one call back
    expect((await t.call(authed(PUSH, all))).json.ret_code).toBe(0);
    expect((await t.call(authed(PUSH, all))).json.ret_code).toBe(RetCode.RATE_LIMITED);
  });

  it('is off with 0', async () => {
    const t = testApi(undefined, { HOMING_BROADCASTS_PER_APP_PER_MINUTE: '0' });
    for (let i = 0; i < 100; i++) expect((await t.call(authed(PUSH, all))).json.ret_code).toBe(0);
  });
});

describe('auth through the handler', () => {
  it('answers 10104 for a wrong secret and 10606 for an unknown app, echoing seq', async () => {
    const t = testApi();
    const wrong = await t.call(request(PUSH, single('a', { seq: 11 }), { authorization: basicAuthorization(APP.accessId, 'nope') }));
    expect(wrong.json).toMatchObject({ seq: 11, ret_code: RetCode.AUTH_FAILED, push_id: '0' });
    const unknown = await t.call(request(PUSH, single('a'), { authorization: basicAuthorization('2100000001', 'x') }));
    expect(unknown.json.ret_code).toBe(RetCode.APP_NOT_REGISTERED);
    expect(t.pushes.tasks).toHaveLength(0);
  });

  it('accepts a TPNS-signed push and refuses one with an expired timestamp', async () => {
    const nowMs = 1_700_000_000_000;
    const t = testApi(() => nowMs);
    t.pushes.online.add('tokA');
    const body = JSON.stringify(single('tokA'));
    const sign = (ts: number) => ({ accessid: APP.accessId, timestamp: String(ts), sign: tpnsSign(String(ts), APP.accessId, body, APP.secretKey) });
    const ok = await t.call(request(PUSH, body, sign(nowMs / 1000 - 30)));
    expect(ok.json.ret_code).toBe(0);
    const expired = await t.call(request(PUSH, body, sign(nowMs / 1000 - 601)));
    expect(expired.json).toMatchObject({ ret_code: RetCode.AUTH_FAILED });
    expect(String(expired.json.err_msg)).toContain('TimeStamp');
  });

  it('checks auth before the body, so an unauthorised bad body gets 10104', async () => {
    const t = testApi();
    const res = await t.call(request(PUSH, 'not json'));
    expect(res.json.ret_code).toBe(RetCode.AUTH_FAILED);
  });

  it('never logs the secret or the Authorization header', async () => {
    const t = testApi();
    t.pushes.online.add('tokA');
    await t.call(authed(PUSH, single('tokA')));
    await t.call(request(PUSH, single('tokA'), { authorization: basicAuthorization(APP.accessId, 'wrong-secret-value') }));
    t.pushes.throwNext = new Error('boom');
    await t.call(authed(PUSH, single('tokA')));
    const all = t.logLines.join('');
    expect(all).not.toContain(APP.secretKey);
    expect(all).not.toContain('wrong-secret-value');
    expect(all).not.toContain(basicAuthorization(APP.accessId, APP.secretKey).slice(6));
    const pushLines = t.logLines.filter((l) => l.includes('push handled'));
    expect(pushLines).toHaveLength(1);
    expect(pushLines[0]).toContain('"push_id":"1000"');
  });
});

describe('routing', () => {
  it('answers an unknown /v3 path with HTTP 200 and 19404, under one metrics label', async () => {
    const t = testApi();
    for (const path of ['/v3/push/nope', '/v3/device/tag', '/random']) {
      const res = await t.call(authed(path, {}));
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ seq: 0, ret_code: RetCode.NOT_FOUND, push_id: '0' });
    }
    expect(await restCount(t.metrics, 'unknown', RetCode.NOT_FOUND)).toBe(3);
  });

  it('answers a non-POST method with 19404 in the route\'s style', async () => {
    const t = testApi();
    const push = await t.call(request(PUSH, '', {}, 'GET'));
    expect(push.json).toMatchObject({ ret_code: RetCode.NOT_FOUND, push_id: '0' });
    const stats = await t.call(request('/v3/statistics/get_push_record', '', {}, 'GET'));
    expect(stats.json).toMatchObject({ retCode: RetCode.NOT_FOUND });
  });

  it('tolerates a doubled or trailing slash from a hand-built base URL', async () => {
    const t = testApi();
    t.pushes.online.add('tokA');
    expect((await t.call(authed('//v3/push/app', single('tokA')))).json.ret_code).toBe(0);
    expect((await t.call(authed('/v3/push/app/', single('tokA')))).json.ret_code).toBe(0);
  });

  it('never throws, even when logging and the push service both fail', async () => {
    const t = testApi();
    // Every log call throws, as a logger whose sink has failed might.
    let logCalls = 0;
    const broken: Logger = new Proxy({} as Logger, {
      get: (_target, key) => {
        if (key === 'child') return () => broken;
        if (key === 'isLevelEnabled') return () => true;
        return () => {
          logCalls++;
          throw new Error('log sink down');
        };
      },
    });
    const api = createRestApi({ apps: t.apps, pushService: t.pushes, config: testConfig(), log: broken, metrics: t.metrics });
    t.pushes.online.add('tokA');
    t.pushes.throwNext = new Error('router down');
    const res = await api(authed(PUSH, single('tokA', { seq: 4 })));
    expect(res.status).toBe(200);
    expect(JSON.parse(String(res.body))).toMatchObject({ seq: 0, ret_code: RetCode.BUSY, push_id: '0' });
    // Both failures happened: the push service was called and threw, and logging it threw twice
    // (once where the push failed, once in the last-resort handler).
    expect(t.pushes.tasks).toHaveLength(1);
    expect(logCalls).toBe(2);
    expect(await restCount(t.metrics, PUSH, RetCode.BUSY)).toBe(1);
  });

  it('never throws when the request itself is broken', async () => {
    const t = testApi();
    const broken = { ...authed(PUSH, single('tokA')), get path(): string { throw new Error('adapter bug'); } };
    const res = await t.api(broken);
    expect(res.status).toBe(200);
    expect(JSON.parse(String(res.body))).toMatchObject({ ret_code: RetCode.BUSY });
    expect(t.logLines.some((l) => l.includes('adapter bug'))).toBe(true);
  });
});
