// all, tag and account pushes end to end: REST in (as an XG SDK or curl sends
// them), real device sockets out. "Exactly once" is checked with a marker: a
// token push sent after the audience push reaches each socket after it, so when
// a device has the marker it has every copy of the earlier push it will get.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetCode } from '../../src/errors.js';
import { RawDevice } from '../helpers/raw-device.js';
import { startTestServer, type TestApp, type TestServer } from '../helpers/server.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.stop());

interface Device {
  device: RawDevice;
  token: string;
  tokenSecret: string;
}

const notify = (content: string) => ({ message_type: 'notify', message: { title: 't', content } });

async function connect(app: TestApp, deviceId: string, resume?: Device): Promise<Device> {
  const device = await RawDevice.connect(t.url);
  device.hello([{ accessId: app.accessId, accessKey: app.accessKey, token: resume?.token ?? '', tokenSecret: resume?.tokenSecret ?? '' }], deviceId);
  const welcome = (await device.next('welcome')).welcome!.apps![0]!;
  return { device, token: welcome.token!, tokenSecret: welcome.tokenSecret! };
}

async function push(app: TestApp, body: Record<string, unknown>) {
  return (await t.post('/v3/push/app', app, { ...notify('hello'), ...body })).json;
}

/** Copies of `pushId` each device got, once a marker pushed after it has reached every one. Acks everything. */
async function copies(app: TestApp, devices: Device[], pushId: string): Promise<number[]> {
  const marker = await push(app, { audience_type: 'token_list', token_list: devices.map((d) => d.token), push_id: '0', ...notify('marker') });
  expect(marker.ret_code).toBe(0);
  return Promise.all(devices.map(async ({ device }) => {
    for (;;) {
      const frame = (await device.next('push')).push!;
      device.send({ ack: { messageIds: [frame.messageId!] } });
      if (frame.pushId === marker.push_id) break;
    }
    return device.framesOf('push').filter((f) => f.push!.pushId === pushId).length;
  }));
}

/** Polled: PushStats.counters can miss a batch that a timed flush is writing at that moment. */
async function counters(app: TestApp, pushId: string) {
  return (await t.post('/v3/statistics/get_push_task_stat_channel', app, { pushId })).json.homingCounters;
}

async function tag(app: TestApp, body: Record<string, unknown>) {
  expect((await t.post('/v3/device/tag', app, body)).json.ret_code).toBe(0);
}

async function bind(app: TestApp, token: string, account: string, accountType = 0) {
  const json = (await t.post('/v3/device/account/batchoperate', app, { operator_type: 1, token_accounts: [{ token, account_list: [{ account, account_type: accountType }] }] })).json;
  expect(json).toMatchObject({ ret_code: 0, result: ['ok'] });
}

describe('all', () => {
  it('reaches every connected device of the app exactly once, an away one when it comes back, and no other app\'s', async () => {
    const [app, other] = await Promise.all([t.createApp('all'), t.createApp('all other')]);
    const online = await Promise.all([0, 1, 2, 3, 4].map((i) => connect(app, `all-${i}`)));
    const away = await connect(app, 'all-away');
    away.device.close();
    await away.device.closed;
    const foreign = await connect(other, 'all-foreign');

    const answer = await push(app, { audience_type: 'all', platform: 'all', token_list: [], account_list: [], seq: 12 });
    expect(answer).toEqual({ seq: 12, ret_code: 0, err_msg: '', push_id: answer.push_id, environment: 'product' });
    expect(answer.push_id).not.toBe('0');

    expect(await copies(app, online, answer.push_id)).toEqual([1, 1, 1, 1, 1]);
    expect(await copies(other, [foreign], answer.push_id)).toEqual([0]);
    const back = await connect(app, 'all-away', away);
    expect((await back.device.next('push')).push).toMatchObject({ pushId: answer.push_id, content: 'hello', token: away.token });
    expect(await copies(app, [back], answer.push_id)).toEqual([1]);

    // A broadcast keeps no per-device state: the away device got it from the
    // app's broadcast log on reconnect, which is not counted as offline storage.
    await expect.poll(() => counters(app, answer.push_id)).toMatchObject({ targets: 6, online: 5, failed: {} });
    const record = (await t.post('/v3/statistics/get_push_record', app, { pushId: answer.push_id })).json;
    expect(record.pushRecordData[0]).toMatchObject({ pushId: answer.push_id, pushType: 'all', audienceType: 'all' });
    for (const d of [...online, back, foreign]) d.device.close();
  });

  it('is accepted with no target for an app without devices', async () => {
    const app = await t.createApp('all empty');
    const answer = await push(app, { audience_type: 'all' });
    expect(answer.ret_code).toBe(0);
    await expect.poll(() => counters(app, answer.push_id)).toMatchObject({ targets: 0 });
  });
});

describe('tag', () => {
  let app: TestApp;
  let d: Device[];

  beforeAll(async () => {
    app = await t.createApp('tags');
    d = await Promise.all([0, 1, 2, 3].map((i) => connect(app, `tag-${i}`)));
    // d0: vip + city:sz, d1: vip, d2: city:sz, d3: none.
    await tag(app, { operator_type: 7, tag_list: ['vip'], token_list: [d[0]!.token, d[1]!.token] });
    await tag(app, { operator_type: 9, tag_token_list: [['city:sz', d[0]!.token], { tag: 'city:sz', token: d[2]!.token }] });
  });
  afterAll(() => d.forEach((x) => x.device.close()));

  const item = (tags: string[], extra: Record<string, unknown> = {}) => ({ tags, tags_operator: 'OR', tag_type: 'xg_user_define', ...extra });

  it.each<[string, Record<string, unknown>, number[]]>([
    ['tag_list AND', { tag_list: { tags: ['vip', 'city:sz'], op: 'AND' } }, [1, 0, 0, 0]],
    ['tag_list OR: a device with both tags gets one copy', { tag_list: { tags: ['vip', 'city:sz'], op: 'OR' } }, [1, 1, 1, 0]],
    ['tag_list of one tag', { tag_list: { tags: ['vip'], op: 'OR' } }, [1, 1, 0, 0]],
    ['tag_rules vip AND NOT city:sz', { tag_rules: [{ tag_items: [item(['vip']), item(['city:sz'], { is_not: true, items_operator: 'AND' })], operator: 'OR' }] }, [0, 1, 0, 0]],
    ['tag_rules NOT vip: every other device of the app', { tag_rules: [{ tag_items: [item(['vip'])], is_not: true }] }, [0, 0, 1, 1]],
    ['tag_rules OR of two rules, the second negated', { tag_rules: [{ tag_items: [item(['city:sz'])] }, { tag_items: [item(['vip', 'city:sz'])], operator: 'OR', is_not: 'true' }] }, [1, 0, 1, 1]],
    ['tag_rules win over tag_list', { tag_list: { tags: ['vip'], op: 'OR' }, tag_rules: [{ tag_items: [item(['city:sz'])] }] }, [1, 0, 1, 0]],
  ])('%s', async (_name, audience, expected) => {
    const answer = await push(app, { audience_type: 'tag', ...audience });
    expect(answer).toMatchObject({ ret_code: 0, err_msg: '' });
    expect(answer.result).toBeUndefined();
    expect(await copies(app, d, answer.push_id)).toEqual(expected);
    const targets = expected.reduce((a, b) => a + b, 0);
    await expect.poll(() => counters(app, answer.push_id)).toMatchObject({ targets, online: targets, failed: {} });
  });

  it('answers 10010005 for an expression no device matches, delivering nothing', async () => {
    for (const audience of [{ tag_list: { tags: ['nobody'], op: 'OR' } }, { tag_list: { tags: ['vip', 'city:sz', 'nobody'], op: 'AND' } }]) {
      const answer = await push(app, { audience_type: 'tag', ...audience });
      expect(answer).toMatchObject({ ret_code: RetCode.PUSH_TARGET_NOT_FOUND, err_msg: 'no registered device matches the tag expression' });
      expect(await copies(app, d, answer.push_id)).toEqual([0, 0, 0, 0]);
      await expect.poll(() => counters(app, answer.push_id)).toMatchObject({ targets: 0 });
    }
  });

  it('follows tag changes at once', async () => {
    await tag(app, { operator_type: 1, tag_list: ['late'], token_list: [d[3]!.token] });
    const answer = await push(app, { audience_type: 'tag', tag_list: { tags: ['late'], op: 'OR' } });
    expect(await copies(app, d, answer.push_id)).toEqual([0, 0, 0, 1]);
  });
});

describe('account and account_list', () => {
  let app: TestApp;
  let d: Device[];

  beforeAll(async () => {
    app = await t.createApp('accounts');
    d = await Promise.all([0, 1, 2].map((i) => connect(app, `account-${i}`)));
    // alice: d0, then d1 (the latest); bob: d2 and d1; carol (a phone number, type 1): d0.
    await bind(app, d[0]!.token, 'alice');
    await bind(app, d[1]!.token, 'alice');
    await bind(app, d[2]!.token, 'bob');
    await bind(app, d[1]!.token, 'bob');
    await bind(app, d[0]!.token, '13800000000', 1);
  });
  afterAll(() => d.forEach((x) => x.device.close()));

  it('account_push_type 0 reaches the account\'s latest device, 1 all of them', async () => {
    const latest = await push(app, { audience_type: 'account', account_list: ['alice'], account_push_type: 0 });
    expect(latest).toMatchObject({ ret_code: 0 });
    expect(latest.result).toBeUndefined();
    expect(await copies(app, d, latest.push_id)).toEqual([0, 1, 0]);
    const all = await push(app, { audience_type: 'account', account_list: [{ account: 'alice', account_type: 0 }], account_push_type: 1 });
    expect(await copies(app, d, all.push_id)).toEqual([1, 1, 0]);
    await expect.poll(() => counters(app, all.push_id)).toMatchObject({ targets: 2, online: 2 });
  });

  it('account_list reaches each device once, and later calls with its push_id reuse the content', async () => {
    const first = await push(app, { audience_type: 'account_list', account_list: ['alice', 'bob', 'alice'], account_push_type: 1, push_id: '0', ...notify('shared') });
    expect(first).toMatchObject({ ret_code: 0 });
    expect(await copies(app, d, first.push_id)).toEqual([1, 1, 1]);
    // An XG SDK's later call: same push_id, the account typed by account_type, no message.
    const again = await push(app, { audience_type: 'account_list', account_list: ['13800000000'], account_type: 1, push_id: first.push_id, message: undefined, message_type: undefined });
    expect(again).toMatchObject({ ret_code: 0, push_id: first.push_id });
    expect(await copies(app, d, first.push_id)).toEqual([2, 1, 1]);
    expect(d[0]!.device.framesOf('push').filter((f) => f.push!.pushId === first.push_id).map((f) => f.push!.content)).toEqual(['shared', 'shared']);
    await expect.poll(() => counters(app, first.push_id)).toMatchObject({ targets: 4, online: 4 });
    const unknown = await push(app, { audience_type: 'account_list', account_list: ['alice'], push_id: '999999999999' });
    expect(unknown).toMatchObject({ ret_code: RetCode.PUSH_TASK_NOT_FOUND, push_id: '0' });
  });

  it('answers 10116, 10302 and 10303 for accounts without a device, naming them, and reaches the rest', async () => {
    const single = await push(app, { audience_type: 'account', account_list: ['ghost'] });
    expect(single).toMatchObject({ ret_code: RetCode.ACCOUNT_NOT_FOUND });
    expect(single.push_id).not.toBe('0');
    // The type is part of the account: alice was bound with type 0.
    expect(await push(app, { audience_type: 'account', account_list: ['alice'], account_type: 1 })).toMatchObject({ ret_code: RetCode.ACCOUNT_NOT_FOUND });

    const partly = await push(app, { audience_type: 'account_list', account_list: ['ghost', 'alice', 'ghost2'], push_id: '0' });
    expect(partly).toMatchObject({ ret_code: RetCode.ACCOUNT_LIST_PARTLY_FAILED, result: '["ghost","ghost2"]' });
    expect(await copies(app, d, partly.push_id)).toEqual([0, 1, 0]);
    const none = await push(app, { audience_type: 'account_list', account_list: ['ghost', 'ghost2'], push_id: '0' });
    expect(none).toMatchObject({ ret_code: RetCode.ACCOUNT_LIST_ALL_FAILED, result: '["ghost","ghost2"]' });
    await expect.poll(() => counters(app, none.push_id)).toMatchObject({ targets: 0 });
  });
});

describe('limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await t.createApp('limits');
  });

  const accounts = (n: number) => Array.from({ length: n }, (_, i) => `user${i}`);

  it.each<[string, Record<string, unknown>, number]>([
    ['1001 accounts', { audience_type: 'account_list', account_list: accounts(1001) }, RetCode.ILLEGAL_PARAMETER],
    ['no account_list', { audience_type: 'account' }, RetCode.ACCOUNT_EMPTY],
    ['an empty account_list', { audience_type: 'account_list', account_list: [] }, RetCode.ACCOUNT_EMPTY],
    ['a one-character account', { audience_type: 'account', account_list: ['a'] }, RetCode.ILLEGAL_PARAMETER],
    ['an account type XG does not list', { audience_type: 'account', account_list: ['alice'], account_type: 3 }, RetCode.ILLEGAL_PARAMETER],
    ['account_push_type 2', { audience_type: 'account', account_list: ['alice'], account_push_type: 2 }, RetCode.ILLEGAL_PARAMETER],
    ['no tag_list', { audience_type: 'tag' }, RetCode.MISSING_PARAMETER],
    ['a tag_list over 512 characters', { audience_type: 'tag', tag_list: { tags: Array.from({ length: 11 }, (_, i) => `t${i}`.padEnd(50, 'x')), op: 'OR' } }, RetCode.ILLEGAL_PARAMETER],
    ['a tag of 51 characters', { audience_type: 'tag', tag_list: { tags: ['x'.repeat(51)], op: 'OR' } }, RetCode.ILLEGAL_PARAMETER],
    ['an op other than AND/OR', { audience_type: 'tag', tag_list: { tags: ['vip'], op: 'NOT' } }, RetCode.ILLEGAL_PARAMETER],
    ['over 100 tags in one expression', { audience_type: 'tag', tag_rules: [{ tag_items: Array.from({ length: 101 }, (_, i) => ({ tags: [`t${i}`], tags_operator: 'OR', items_operator: 'OR' })) }] }, RetCode.ILLEGAL_PARAMETER],
    ['a package push', { audience_type: 'package_account_push', upload_id: 1 }, RetCode.ILLEGAL_PARAMETER],
  ])('refuses %s, creating nothing', async (_name, body, code) => {
    const answer = await push(app, body);
    expect(answer).toMatchObject({ ret_code: code, push_id: '0' });
    expect(answer.err_msg).not.toBe('');
  });

  it('limits all and tag pushes per app to HOMING_BROADCASTS_PER_APP_PER_MINUTE with 10101; other pushes and apps go on', async () => {
    const limited = await startTestServer({ HOMING_BROADCASTS_PER_APP_PER_MINUTE: '2' });
    try {
      const [a, b] = await Promise.all([limited.createApp('limited'), limited.createApp('unlimited')]);
      const post = (as: TestApp, body: Record<string, unknown>) => limited.post('/v3/push/app', as, { ...notify('x'), ...body }).then((r) => r.json);
      expect((await post(a, { audience_type: 'all' })).ret_code).toBe(0);
      expect((await post(a, { audience_type: 'tag', tag_list: { tags: ['nobody'], op: 'OR' } })).ret_code).toBe(RetCode.PUSH_TARGET_NOT_FOUND);
      const refused = await post(a, { audience_type: 'all', seq: 3 });
      expect(refused).toMatchObject({ seq: 3, ret_code: RetCode.RATE_LIMITED, push_id: '0' });
      expect(refused.err_msg).toMatch(/over 2 all\/tag pushes a minute for this app; retry in \d+ s/);
      expect((await post(a, { audience_type: 'tag', tag_list: { tags: ['vip'], op: 'OR' } })).ret_code).toBe(RetCode.RATE_LIMITED);
      expect((await post(a, { audience_type: 'account', account_list: ['alice'] })).ret_code).toBe(RetCode.ACCOUNT_NOT_FOUND);
      expect((await post(b, { audience_type: 'all' })).ret_code).toBe(0);
      const today = new Date().toISOString().slice(0, 10);
      const listed = (await limited.post('/v3/statistics/get_push_record', a, { startDate: today, endDate: today, pushType: 'all' })).json;
      expect(listed.count).toBe(1);
    } finally {
      await limited.stop();
    }
  });
});
