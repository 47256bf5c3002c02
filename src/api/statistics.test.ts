import { describe, expect, it } from 'vitest';
import { RetCode } from '../errors.js';
import { basicAuthorization } from './auth.js';
import { APP, authed, request, testApi } from './test-fakes.js';

const RECORD = '/v3/statistics/get_push_record';
const CHANNEL = '/v3/statistics/get_push_task_stat_channel';

async function withPushes() {
  const t = testApi();
  t.pushes.online.add('on1').add('on2');
  t.pushes.offline.add('off1');
  t.pushes.now = Date.UTC(2024, 4, 1, 8, 30, 15);
  const message = { title: 'Sale', content: 'Today only', xg_media_resources: 'https://img.example/a.png', android: { ring: 1, custom_content: { k: 'v' } } };
  const first = await t.call(authed('/v3/push/app', { audience_type: 'token_list', token_list: ['on1', 'on2', 'off1', 'ghost'], message_type: 'notify', message, expire_time: 3600 }));
  t.pushes.now = Date.UTC(2024, 4, 3, 0, 0, 0);
  const second = await t.call(authed('/v3/push/app', { audience_type: 'token', token_list: ['on1'], message_type: 'message', message: { title: 'cmd', content: 'sync' } }));
  return { t, first: String(first.json.push_id), second: String(second.json.push_id) };
}

describe('get_push_record', () => {
  it('returns one push in the TPNS shape', async () => {
    const { t, first } = await withPushes();
    const res = await t.call(authed(RECORD, { pushId: first }));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      retCode: 0,
      errMsg: 'NO_ERROR',
      pushRecordData: [
        {
          date: '2024-05-01 08:30:15',
          pushId: first,
          title: 'Sale',
          content: 'Today only',
          status: 'PUSH_FINISHED',
          pushType: 'token_list',
          targetList: null,
          tagSet: null,
          uploadId: 0,
          groupId: '',
          expireTime: 3600,
          messageType: 'notify',
          xgMediaResources: 'https://img.example/a.png',
          environment: 'product',
          pushConfig: { android: { ring: 1, custom_content: '{"k":"v"}' }, ios: null },
          multiPkg: false,
          source: 'api',
          audienceType: 'token_list',
          platform: 'all',
          customContent: '{"k":"v"}',
        },
      ],
    });
  });

  it('accepts a numeric pushId and reports a single-token push as token_list', async () => {
    const { t, second } = await withPushes();
    const res = await t.call(authed(RECORD, { pushId: Number(second) }));
    expect(res.json.pushRecordData).toMatchObject([{ pushId: second, pushType: 'token_list', audienceType: 'token', messageType: 'message' }]);
  });

  it('answers 10205 for an unknown push or another app\'s push', async () => {
    const { t, first } = await withPushes();
    expect((await t.call(authed(RECORD, { pushId: '424242' }))).json).toEqual({ retCode: RetCode.PUSH_TASK_NOT_FOUND, errMsg: 'push task not found' });
    const other = { ...APP, accessId: '1500000777', secretKey: 'other-secret' };
    await t.apps.create(other);
    expect((await t.call(authed(RECORD, { pushId: first }, other))).json.retCode).toBe(RetCode.PUSH_TASK_NOT_FOUND);
  });

  it('lists pushes in a date range, newest first, with filters and pages', async () => {
    const { t, first, second } = await withPushes();
    const all = await t.call(authed(RECORD, { startDate: '2024-05-01', endDate: '2024-05-03' }));
    expect(all.json).toMatchObject({ retCode: 0, count: 2 });
    expect((all.json.pushRecordData as Array<{ pushId: string }>).map((r) => r.pushId)).toEqual([second, first]);
    const endExclusive = await t.call(authed(RECORD, { startDate: '2024-05-01', endDate: '2024-05-02' }));
    expect(endExclusive.json).toMatchObject({ count: 1, pushRecordData: [{ pushId: first }] });
    const notifyOnly = await t.call(authed(RECORD, { startDate: '2024-05-01', endDate: '2024-05-31', msgType: 'notify', pushType: 'token' }));
    expect(notifyOnly.json).toMatchObject({ count: 1, pushRecordData: [{ pushId: first }] });
    const page2 = await t.call(authed(RECORD, { startDate: '2024-05-01', endDate: '2024-05-31', offset: 1, limit: 1 }));
    expect(page2.json).toMatchObject({ count: 2, pushRecordData: [{ pushId: first }] });
    const page1 = await t.call(authed(RECORD, { startDate: '2024-05-01', endDate: '2024-05-31', offset: 0, limit: 1 }));
    expect(page1.json.count).toBeGreaterThan(1);
  });

  it.each([
    ['nothing to query', {}, RetCode.MISSING_PARAMETER],
    ['endDate missing', { startDate: '2024-05-01' }, RetCode.MISSING_PARAMETER],
    ['bad date', { startDate: '2024-02-30', endDate: '2024-03-01' }, RetCode.ILLEGAL_PARAMETER],
    ['reversed range', { startDate: '2024-05-02', endDate: '2024-05-01' }, RetCode.ILLEGAL_PARAMETER],
    ['limit over 200', { startDate: '2024-05-01', endDate: '2024-05-02', limit: 201 }, RetCode.ILLEGAL_PARAMETER],
    ['bad msgType', { startDate: '2024-05-01', endDate: '2024-05-02', msgType: 'toast' }, RetCode.ILLEGAL_PARAMETER],
    ['bad pushId', { pushId: 'abc' }, RetCode.ILLEGAL_PARAMETER],
  ])('answers %s in camelCase', async (_name, body, code) => {
    const t = testApi();
    const res = await t.call(authed(RECORD, body));
    expect(res.status).toBe(200);
    expect(res.json.retCode).toBe(code);
    expect(typeof res.json.errMsg).toBe('string');
    expect(res.json.ret_code).toBeUndefined();
  });

  it('answers auth failures and bad JSON in camelCase too', async () => {
    const t = testApi();
    const wrong = await t.call(request(RECORD, { pushId: '1' }, { authorization: basicAuthorization(APP.accessId, 'nope') }));
    expect(wrong.json).toMatchObject({ retCode: RetCode.AUTH_FAILED });
    expect((await t.call(authed(RECORD, '{'))).json).toMatchObject({ retCode: RetCode.NOT_JSON });
    expect((await t.call({ ...request(RECORD, ''), bodyTooLarge: true })).json).toMatchObject({ retCode: RetCode.CONTENT_TOO_LARGE });
  });
});

describe('get_push_task_stat_channel', () => {
  it('maps our counters onto the TPNS pushState fields, with the raw counters alongside', async () => {
    const { t, first } = await withPushes();
    const counters = t.pushes.records.get(first)!.counters;
    counters.arrived = 2;
    counters.clicked = 1;
    counters.expired = 1;
    const res = await t.call(authed(CHANNEL, { pushId: first }));
    const state = { pushActiveUv: 4, pushOnlineUv: 2, verifySvcUv: 2, verifyUv: 0, clickUv: 1, cleanupUv: 0 };
    expect(res.json).toEqual({
      retCode: 0,
      errMsg: 'NO_ERROR',
      pushStatDataAll: [
        { channel: 'xg', pushState: { ...state, callbackVerifySvcUv: 0 } },
        { channel: 'all', pushState: { ...state, callbackVerifySvcUv: 2 } },
      ],
      homingCounters: { targets: 4, online: 2, offline: 1, arrived: 2, clicked: 1, expired: 1, failed: { token_not_registered: 1 } },
    });
  });

  it('lists apns and fcm when targets went there, their failures by reason prefix, and sums them in all', async () => {
    const { t, first } = await withPushes();
    Object.assign(t.pushes.records.get(first)!.counters, {
      targets: 7, online: 1, offline: 1, arrived: 1, clicked: 0, expired: 0, apns: 1, fcm: 2,
      failed: { token_not_registered: 0, apns_unregistered: 1, fcm_unregistered: 1 },
    });
    const res = await t.call(authed(CHANNEL, { pushId: first }));
    const zero = { verifySvcUv: 0, callbackVerifySvcUv: 0, verifyUv: 0, clickUv: 0, cleanupUv: 0 };
    expect(res.json.pushStatDataAll).toEqual([
      { channel: 'xg', pushState: { pushActiveUv: 2, pushOnlineUv: 1, verifySvcUv: 1, callbackVerifySvcUv: 0, verifyUv: 0, clickUv: 0, cleanupUv: 0 } },
      { channel: 'apns', pushState: { pushActiveUv: 2, pushOnlineUv: 1, ...zero } },
      { channel: 'fcm', pushState: { pushActiveUv: 3, pushOnlineUv: 2, ...zero } },
      { channel: 'all', pushState: { pushActiveUv: 7, pushOnlineUv: 4, verifySvcUv: 1, callbackVerifySvcUv: 1, verifyUv: 0, clickUv: 0, cleanupUv: 0 } },
    ]);
    expect(res.json.homingCounters).toMatchObject({ apns: 1, fcm: 2 });
  });

  it('answers 10102 without pushId and 10205 for an unknown one', async () => {
    const t = testApi();
    expect((await t.call(authed(CHANNEL, {}))).json.retCode).toBe(RetCode.MISSING_PARAMETER);
    expect((await t.call(authed(CHANNEL, { pushId: '5' }))).json.retCode).toBe(RetCode.PUSH_TASK_NOT_FOUND);
  });

  it('answers 10100 when the store behind the push service fails', async () => {
    const t = testApi();
    t.pushes.record = async () => {
      throw new Error('store down');
    };
    expect((await t.call(authed(CHANNEL, { pushId: '5' }))).json).toEqual({ retCode: RetCode.BUSY, errMsg: 'system busy, retry later' });
  });
});
