// Delivery semantics end to end: REST push in, real device sockets out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawDevice } from '../helpers/raw-device.js';
import { startTestServer, type TestApp, type TestServer } from '../helpers/server.js';

let t: TestServer;
let app: TestApp;

beforeAll(async () => {
  t = await startTestServer();
  app = await t.createApp();
});
afterAll(() => t.stop());

interface Session { token: string; tokenSecret: string }

async function connect(session?: Session, deviceId = 'dev') {
  const device = await RawDevice.connect(t.url);
  device.hello([{ accessId: app.accessId, accessKey: app.accessKey, token: session?.token ?? '', tokenSecret: session?.tokenSecret ?? '' }], deviceId);
  const s = (await device.next('welcome')).welcome!.apps![0]!;
  return { device, session: { token: s.token!, tokenSecret: s.tokenSecret! } };
}

function push(token: string, content: string, extra: Record<string, unknown> = {}) {
  return t.post('/v3/push/app', app, {
    audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: 't', content }, ...extra,
  });
}

async function pushOk(token: string, content: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await push(token, content, extra);
  expect(res.json.ret_code, JSON.stringify(res.json)).toBe(0);
  return res.json.push_id as string;
}

function stats(pushId: string) {
  return t.post('/v3/statistics/get_push_task_stat_channel', app, { pushId });
}

async function closeAndWait(device: RawDevice) {
  device.close();
  await device.closed;
}

/**
 * Proves the device's offline queue held nothing: a fresh push goes out after
 * the queue (the gateway sends the queue first, then live traffic, and ids
 * sort in push order), so it must be the first push the device gets.
 */
async function expectQueueEmpty(device: RawDevice, token: string) {
  const marker = await pushOk(token, 'marker');
  const first = (await device.next('push')).push!;
  expect(first.pushId, `got ${first.content} before the marker`).toBe(marker);
  device.send({ ack: { messageIds: [first.messageId!] } });
}

describe('live delivery', () => {
  it('delivers to a connected device, which acks; the ack is counted as arrived', async () => {
    const { device, session } = await connect();
    const pushId = await pushOk(session.token, 'hello live');
    const frame = (await device.next('push')).push!;
    expect(frame.content).toBe('hello live');
    expect(frame.pushId).toBe(pushId);
    expect(frame.token).toBe(session.token);
    expect(frame.accessId).toBe(app.accessId);
    device.send({ ack: { messageIds: [frame.messageId!] } });
    device.send({ click: { messageId: frame.messageId!, accessId: app.accessId, action: 'open', clickedAt: Date.now() } });
    // Through the statistics API, as the app server reads it.
    await expect.poll(async () => JSON.stringify((await stats(pushId)).json.homingCounters))
      .toBe(JSON.stringify({ targets: 1, online: 1, offline: 0, arrived: 1, clicked: 1, expired: 0, failed: {} }));
    const all = (await stats(pushId)).json.pushStatDataAll.find((c: { channel: string }) => c.channel === 'all');
    expect(all.pushState).toMatchObject({ pushActiveUv: 1, pushOnlineUv: 1, verifySvcUv: 1, clickUv: 1 });
    await closeAndWait(device);
  });
});

describe('offline storage', () => {
  it('redelivers messages left unacked when the socket closed', async () => {
    const first = await connect();
    await pushOk(first.session.token, 'not acked');
    expect((await first.device.next('push')).push!.content).toBe('not acked');
    await closeAndWait(first.device);
    const again = await connect(first.session);
    const frame = (await again.device.next('push')).push!;
    expect(frame.content).toBe('not acked');
    again.device.send({ ack: { messageIds: [frame.messageId!] } });
    await closeAndWait(again.device);
    await t.server.router.pushService.record(app.accessId, frame.pushId!); // let the ack land
    await expect.poll(() => t.server.stores.offline.depth()).toBe(0);
    const third = await connect(first.session);
    await expectQueueEmpty(third.device, first.session.token);
    await closeAndWait(third.device);
  });

  it('delivers the offline queue first, then live traffic, in push order', async () => {
    const { device, session } = await connect();
    await closeAndWait(device);
    const offlineIds = [];
    for (let i = 0; i < 5; i++) offlineIds.push(await pushOk(session.token, `offline ${i}`));
    const again = await connect(session);
    const liveId = await pushOk(session.token, 'live after');
    const got = [];
    for (let i = 0; i < 6; i++) got.push((await again.device.next('push')).push!);
    expect(got.map((p) => p.content)).toEqual(['offline 0', 'offline 1', 'offline 2', 'offline 3', 'offline 4', 'live after']);
    expect(got.map((p) => p.pushId)).toEqual([...offlineIds, liveId]);
    again.device.send({ ack: { messageIds: got.map((p) => p.messageId!) } });
    await closeAndWait(again.device);
  });

  it('never delivers an expired message and counts it as expired', async () => {
    const { device, session } = await connect();
    await closeAndWait(device);
    const pushId = await pushOk(session.token, 'short lived', { expire_time: 3600 });
    t.clock.offsetMs += 3600_000 + 1000;
    const again = await connect(session);
    await expectQueueEmpty(again.device, session.token);
    expect(again.device.framesOf('push').map((f) => f.push!.pushId)).not.toContain(pushId);
    await expect.poll(async () => (await t.server.router.pushService.record(app.accessId, pushId))?.counters.expired).toBe(1);
    await closeAndWait(again.device);
    t.clock.offsetMs = 0;
  });

  it('with expire_time 0 delivers only to devices online now', async () => {
    const { device, session } = await connect();
    await closeAndWait(device);
    const res = await push(session.token, 'now or never', { expire_time: 0 });
    expect(res.json.ret_code).toBe(0);
    const again = await connect(session);
    await expectQueueEmpty(again.device, session.token);
    const counters = (await t.server.router.pushService.record(app.accessId, res.json.push_id))!.counters;
    expect(counters.failed).toEqual({ offline_and_no_expire_time: 1 });
    await closeAndWait(again.device);
  });
});

describe('token_list', () => {
  it('reaches online and offline devices and reuses a push_id\'s content', async () => {
    const online = await connect(undefined, 'list-online');
    const offline = await connect(undefined, 'list-offline');
    await closeAndWait(offline.device);
    const res = await t.post('/v3/push/app', app, {
      audience_type: 'token_list', token_list: [online.session.token, offline.session.token], push_id: '0',
      message_type: 'message', message: { title: 'list', content: 'to many' },
    });
    expect(res.json.ret_code).toBe(0);
    const pushId = res.json.push_id as string;
    expect((await online.device.next('push')).push!.content).toBe('to many');
    const back = await connect(offline.session, 'list-offline');
    expect((await back.device.next('push')).push!.pushId).toBe(pushId);
    const third = await connect(undefined, 'list-third');
    const reuse = await t.post('/v3/push/app', app, {
      audience_type: 'token_list', token_list: [third.session.token], push_id: pushId, message_type: 'message', message: { title: 'ignored', content: 'ignored' },
    });
    expect(reuse.json.ret_code, reuse.json.err_msg).toBe(0);
    expect(reuse.json.push_id).toBe(pushId);
    expect((await third.device.next('push')).push!.content).toBe('to many');
    for (const d of [online.device, back.device, third.device]) await closeAndWait(d);
  });
});
