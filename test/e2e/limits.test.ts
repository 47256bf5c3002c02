// Limits against abuse, end to end on a real server: device records expire
// when unused (never while connected), push history past its setting is
// forgotten and the settled log trimmed, /metrics can move to its own listener,
// and /healthz keeps the node id to itself unless asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceError, RetCode } from '../../src/errors.js';
import { RawDevice } from '../helpers/raw-device.js';
import { startTestServer, type TestApp, type TestServer } from '../helpers/server.js';

const DAY_MS = 86_400_000;

describe('device expiry', () => {
  let t: TestServer;
  let app: TestApp;

  beforeAll(async () => {
    t = await startTestServer({ HOMING_DEVICE_EXPIRE_DAYS: '30' });
    app = await t.createApp();
  });
  afterAll(() => t.stop());

  async function register(deviceId: string) {
    const device = await RawDevice.connect(t.url);
    device.hello([{ accessId: app.accessId, accessKey: app.accessKey }], deviceId);
    const session = (await device.next('welcome')).welcome!.apps![0]!;
    return { device, token: session.token!, tokenSecret: session.tokenSecret! };
  }

  async function expiredCount(): Promise<number> {
    return (await t.server.metrics.devicesExpired.get()).values[0]?.value ?? 0;
  }

  it('removes a device unused past the period, keeps a connected one and one seen lately', async () => {
    const away = await register('away');
    away.device.close();
    await away.device.closed;
    const online = await register('online');
    await t.server.stores.tags.update(app.accessId, [{ kind: 'add', token: away.token, tags: ['vip'] }, { kind: 'add', token: online.token, tags: ['vip'] }]);
    await t.server.stores.accounts.update(app.accessId, [{ kind: 'append', token: away.token, accounts: [{ account: 'alice', accountType: 0 }] }]);
    const before = await expiredCount();

    t.clock.offsetMs += 20 * DAY_MS;
    const recent = await register('recent'); // seen 20 days after the others
    recent.device.close();
    await recent.device.closed;
    expect(await t.server.deviceExpiry.sweep()).toBe(0);

    t.clock.offsetMs += 11 * DAY_MS; // 31 days after the first two, 11 after `recent`
    expect(await t.server.deviceExpiry.sweep()).toBe(1);
    expect(await expiredCount()).toBe(before + 1);
    expect(await t.server.stores.devices.getMany([away.token, online.token, recent.token])).toEqual([
      undefined, expect.objectContaining({ token: online.token }), expect.objectContaining({ token: recent.token }),
    ]);

    // Its tags and accounts went with it.
    expect(await t.server.stores.tags.tokensOf(app.accessId, 'vip')).toEqual([online.token]);
    expect(await t.server.stores.accounts.accountsOf(app.accessId, away.token)).toEqual([]);

    // The expired token is unknown everywhere: pushes answer 10110, its resume gets 4111.
    const push = await t.post('/v3/push/app', app, { audience_type: 'token', token_list: [away.token], message_type: 'notify', message: { title: 't', content: 'c' } });
    expect(push.json.ret_code).toBe(RetCode.DEVICE_NOT_REGISTERED);
    const back = await RawDevice.connect(t.url);
    back.hello([{ accessId: app.accessId, accessKey: app.accessKey, token: away.token, tokenSecret: away.tokenSecret }], 'away');
    expect((await back.next('error')).error!.code).toBe(DeviceError.UNKNOWN_TOKEN);
    expect((await back.closed).code).toBe(DeviceError.UNKNOWN_TOKEN);

    online.device.close();
    await online.device.closed;
    t.clock.offsetMs = 0;
  });
});

describe('push history', () => {
  let t: TestServer;
  let app: TestApp;
  beforeAll(async () => {
    t = await startTestServer({ HOMING_PUSH_HISTORY_DAYS: '30' });
    app = await t.createApp();
  });
  afterAll(() => t.stop());

  const record = async (pushId: string) => (await t.post('/v3/statistics/get_push_record', app, { pushId })).json;

  it('drops settled push log entries with the checkpoint and forgets pushes past HOMING_PUSH_HISTORY_DAYS, counted in /metrics', async () => {
    const device = await RawDevice.connect(t.url);
    device.hello([{ accessId: app.accessId, accessKey: app.accessKey }], 'history');
    const token = (await device.next('welcome')).welcome!.apps![0]!.token!;
    const pushIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.post('/v3/push/app', app, { audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: `t${i}`, content: 'c' } });
      expect(res.json.ret_code).toBe(0);
      pushIds.push(String(res.json.push_id));
      const frame = await device.next('push');
      device.send({ ack: { messageIds: [frame.push!.messageId!] } });
    }
    await expect.poll(async () => (await t.server.stores.pushes.counters(pushIds[2]!)).arrived).toBe(1);
    // The checkpoint passes the acked pushes, and their log entries go with it,
    // whatever their age; the pushes stay for the statistics.
    await t.server.router.flush();
    await expect.poll(() => t.server.stores.pushes.entriesAfter(undefined, 10)).toEqual([]);
    expect(await t.server.pushHistory.prune()).toEqual({ pushes: 0, logEntries: 0 });
    expect((await record(pushIds[0]!)).retCode).toBe(0);

    t.clock.offsetMs += 29 * DAY_MS;
    expect((await t.server.pushHistory.prune()).pushes).toBe(0);
    t.clock.offsetMs += 2 * DAY_MS;
    expect(await t.server.pushHistory.prune()).toEqual({ pushes: 3, logEntries: 0 });
    for (const pushId of pushIds) expect((await record(pushId)).retCode).toBe(RetCode.PUSH_TASK_NOT_FOUND);
    const metrics = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(metrics).toContain('homing_push_history_pruned_total 3');

    // A push made now is still known.
    const fresh = await t.post('/v3/push/app', app, { audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: 'new', content: 'c' } });
    expect((await record(String(fresh.json.push_id))).retCode).toBe(0);
    device.close();
    await device.closed;
    t.clock.offsetMs = 0;
  });
});

describe('registration limits over real sockets', () => {
  it('refuses new registrations past the per-address limit with an Error frame and close 4004, never a resume', async () => {
    const t = await startTestServer({ HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE: '2' });
    try {
      const app = await t.createApp();
      const sessions = [];
      for (let i = 0; i < 2; i++) {
        const device = await RawDevice.connect(t.url);
        device.hello([{ accessId: app.accessId, accessKey: app.accessKey }], `dev-${i}`);
        sessions.push((await device.next('welcome')).welcome!.apps![0]!);
        device.close();
        await device.closed;
      }
      const third = await RawDevice.connect(t.url);
      third.hello([{ accessId: app.accessId, accessKey: app.accessKey }], 'dev-2');
      const error = (await third.next('error')).error!;
      expect(error).toMatchObject({ code: DeviceError.REGISTRATION_RATE_LIMITED, retryable: true, accessId: '' });
      expect((await third.closed).code).toBe(DeviceError.REGISTRATION_RATE_LIMITED);
      // Resumes from the same address still go through.
      const again = await RawDevice.connect(t.url);
      again.hello([{ accessId: app.accessId, accessKey: app.accessKey, token: sessions[0]!.token!, tokenSecret: sessions[0]!.tokenSecret! }], 'dev-0');
      expect((await again.next('welcome')).welcome!.apps![0]!.resumed).toBe(true);
      again.close();
      await again.closed;
    } finally {
      await t.stop();
    }
  });
});

describe('/metrics and /healthz exposure', () => {
  it('serves /metrics only on HOMING_METRICS_ADDRESS when set, and names the node in /healthz only when asked', async () => {
    const t = await startTestServer({ HOMING_METRICS_ADDRESS: '127.0.0.1:0', HOMING_HEALTHZ_SHOW_NODE_ID: 'true' });
    try {
      expect(t.server.metricsPort).toBeGreaterThan(0);
      expect(t.server.metricsPort).not.toBe(t.server.port);
      const scraped = await fetch(`http://127.0.0.1:${t.server.metricsPort}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('homing_devices_expired_total');
      expect((await fetch(`http://127.0.0.1:${t.server.metricsPort}/healthz`)).status).toBe(404);
      const main = await fetch(`${t.httpUrl}/metrics`);
      expect(main.status).toBe(200);
      expect(await main.json()).toMatchObject({ ret_code: RetCode.NOT_FOUND });
      expect(await (await fetch(`${t.httpUrl}/healthz`)).json()).toEqual({ status: 'ok', node_id: 'test-node', sockets: 0 });
    } finally {
      await t.stop();
    }
  });

  it('refuses to start when the metrics address cannot be bound, naming it', async () => {
    const first = await startTestServer({ HOMING_METRICS_ADDRESS: '127.0.0.1:0' });
    try {
      await expect(startTestServer({ HOMING_METRICS_ADDRESS: `127.0.0.1:${first.server.metricsPort}` })).rejects.toThrow(/cannot listen for metrics on 127\.0\.0\.1:\d+/);
    } finally {
      await first.stop();
    }
  });
});
