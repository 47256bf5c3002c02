// POST /v3/statistics/trace end to end: REST pushes in, a real device socket
// out, and the steps each delivery took read back through the REST API.
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

async function connect(session?: { token: string; tokenSecret: string }) {
  const device = await RawDevice.connect(t.url);
  device.hello([{ accessId: app.accessId, accessKey: app.accessKey, token: session?.token ?? '', tokenSecret: session?.tokenSecret ?? '' }]);
  const s = (await device.next('welcome')).welcome!.apps![0]!;
  return { device, session: { token: s.token!, tokenSecret: s.tokenSecret! } };
}

async function push(tokens: string[], content: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { json } = await t.post('/v3/push/app', app, {
    audience_type: tokens.length === 1 ? 'token' : 'token_list', token_list: tokens, message_type: 'notify', message: { title: 't', content }, ...extra,
  });
  expect([0, 10304]).toContain(json.ret_code);
  return json.push_id as string;
}

async function trace(pushId: string, token: string) {
  const { status, json } = await t.post('/v3/statistics/trace', app, { push_id: pushId, token });
  expect(status).toBe(200);
  expect(json.retCode, JSON.stringify(json)).toBe(0);
  return json.traces[0] as { token: string; traced: boolean; steps: Array<{ step: string; at: number; time: string; node?: string; channel?: string; reason?: string }> };
}

const stepNames = async (pushId: string, token: string) => (await trace(pushId, token)).steps.map((s) => s.step).join(' ');

describe('POST /v3/statistics/trace', () => {
  it('shows a live delivery accepted, routed to its node, sent, acked and clicked, in order with times', async () => {
    const { device, session } = await connect();
    const pushId = await push([session.token], 'live');
    const frame = (await device.next('push')).push!;
    device.send({ ack: { messageIds: [frame.messageId!] } });
    device.send({ click: { messageId: frame.messageId!, accessId: app.accessId, action: 'open', clickedAt: Date.now() } });
    await expect.poll(() => stepNames(pushId, session.token)).toBe('accepted routed sent acked clicked');
    const { steps, traced, token } = await trace(pushId, session.token);
    expect({ traced, token }).toEqual({ traced: true, token: session.token });
    expect(steps[1]).toMatchObject({ step: 'routed', node: 'test-node', channel: 'long_connection' });
    expect(steps[2]).toMatchObject({ step: 'sent', node: 'test-node' });
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.at).toBeGreaterThanOrEqual(steps[i - 1]!.at);
    expect(new Date(steps[0]!.time).getTime()).toBe(steps[0]!.at);
    device.close();
    await device.closed;
  });

  it('shows a push to a device that was away: routed to offline storage, then sent and acked when it came back', async () => {
    const first = await connect();
    first.device.close();
    await first.device.closed;
    const pushId = await push([first.session.token], 'while away');
    expect(await stepNames(pushId, first.session.token)).toBe('accepted routed');
    expect((await trace(pushId, first.session.token)).steps[1]).toMatchObject({ channel: 'offline', reason: 'not_connected' });
    const { device } = await connect(first.session);
    const frame = (await device.next('push')).push!;
    expect(frame.pushId).toBe(pushId);
    device.send({ ack: { messageIds: [frame.messageId!] } });
    await expect.poll(() => stepNames(pushId, first.session.token)).toBe('accepted routed sent acked');
    device.close();
    await device.closed;
  });

  it('names why a delivery failed: an unregistered token, an offline device with expire_time 0', async () => {
    const away = await connect();
    away.device.close();
    await away.device.closed;
    const pushId = await push([away.session.token, 'no-such-token-0000'], 'mixed', { expire_time: 0 });
    expect((await trace(pushId, 'no-such-token-0000')).steps.map((s) => [s.step, s.reason ?? ''])).toEqual([['accepted', ''], ['failed', 'token_not_registered']]);
    expect((await trace(pushId, away.session.token)).steps.at(-1)).toMatchObject({ step: 'failed', reason: 'offline_and_no_expire_time' });
  });

  it('answers traced: false for a token the push never named', async () => {
    const { device, session } = await connect();
    const pushId = await push([session.token], 'one');
    expect(await trace(pushId, 'some-other-token')).toEqual({ token: 'some-other-token', traced: false, steps: [] });
    device.close();
    await device.closed;
  });

  it('traces the devices of an account', async () => {
    const { device, session } = await connect();
    const bound = await t.post('/v3/device/account/batchoperate', app, {
      operator_type: 1, token_accounts: [{ token: session.token, account_list: [{ account: 'user-42@example.com', account_type: 2 }] }],
    });
    expect(bound.json.ret_code).toBe(0);
    const pushId = await push([session.token], 'to the account');
    const { json } = await t.post('/v3/statistics/trace', app, { push_id: pushId, account: 'user-42@example.com', account_type: 2 });
    expect(json.traces.map((x: { token: string; traced: boolean }) => [x.token, x.traced])).toEqual([[session.token, true]]);
    device.close();
    await device.closed;
  });

  it('refuses bad input with the statistics ret_codes and hides other apps\' pushes', async () => {
    const other = await t.createApp('other');
    const { device, session } = await connect();
    const pushId = await push([session.token], 'mine');
    const ask = async (a: TestApp | undefined, body: unknown) => (await t.post('/v3/statistics/trace', a, body)).json.retCode;
    expect(await ask(app, { token: session.token })).toBe(10102);
    expect(await ask(app, { push_id: pushId })).toBe(10102);
    expect(await ask(app, { push_id: 'abc', token: session.token })).toBe(10103);
    expect(await ask(app, { push_id: pushId, token: session.token, account: 'x' })).toBe(10102);
    expect(await ask(app, { push_id: '999999999', token: session.token })).toBe(10205);
    expect(await ask(other, { push_id: pushId, token: session.token })).toBe(10205);
    expect(await ask(undefined, { push_id: pushId, token: session.token })).toBe(10104);
    device.close();
    await device.closed;
  });
});
