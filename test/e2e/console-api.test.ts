// The console's /api/ against a real server: sign-in, roles, CSRF, apps,
// sending through the REST API, history, detail, trace, device debug and the
// live figures stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawDevice } from '../helpers/raw-device.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const ADMIN = 'admin-token-0123456789abcdef';
const OPERATOR = 'operator-token-0123456789abcdef';
const VIEWER = 'viewer-token-0123456789abcdef';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ HOMING_ADMIN_TOKEN: ADMIN, HOMING_OPERATOR_TOKEN: OPERATOR, HOMING_VIEWER_TOKEN: VIEWER });
});
afterAll(() => t.stop());

async function call(method: string, path: string, opts: { token?: string; cookie?: string; body?: unknown; origin?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(t.httpUrl + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

describe('/api/ sign-in and roles', () => {
  it('answers anonymous calls 401 and unknown tokens 401', async () => {
    expect((await call('GET', '/api/apps')).status).toBe(401);
    expect((await call('GET', '/api/apps', { token: 'not-a-token-at-all-xx' })).status).toBe(401);
    expect((await call('POST', '/api/session', { body: { token: 'wrong-token-0123456789' } })).status).toBe(401);
    expect((await call('POST', '/api/session', { body: 'nope' })).status).toBe(400);
  });

  it('signs in with a token: an HttpOnly SameSite=Strict cookie that opens the API; sign-out ends it', async () => {
    const signIn = await call('POST', '/api/session', { body: { token: OPERATOR } });
    expect(signIn.status).toBe(200);
    expect(signIn.json).toEqual({ role: 'operator' });
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    expect((await call('GET', '/api/session', { cookie })).json).toEqual({ role: 'operator' });
    const out = await call('DELETE', '/api/session', { cookie });
    expect(out.status).toBe(204);
    expect((await call('GET', '/api/session', { cookie })).status).toBe(401);
  });

  it('refuses a cookie-authenticated change without this host as Origin (CSRF)', async () => {
    const cookie = (await call('POST', '/api/session', { body: { token: ADMIN } })).headers.get('set-cookie')!.split(';')[0]!;
    const host = new URL(t.httpUrl).host;
    expect((await call('POST', '/api/apps', { cookie, body: { name: 'x' } })).status).toBe(403);
    expect((await call('POST', '/api/apps', { cookie, body: { name: 'x' }, origin: 'https://evil.example' })).status).toBe(403);
    const ok = await call('POST', '/api/apps', { cookie, body: { name: 'csrf ok' }, origin: `http://${host}` });
    expect(ok.status).toBe(201);
  });

  it('lets only an admin create apps, shows the keys once, and never in the list', async () => {
    expect((await call('POST', '/api/apps', { token: OPERATOR, body: { name: 'op' } })).status).toBe(403);
    expect((await call('POST', '/api/apps', { token: VIEWER, body: { name: 'v' } })).status).toBe(403);
    expect((await call('POST', '/api/apps', { token: ADMIN, body: { name: '' } })).status).toBe(400);
    const created = await call('POST', '/api/apps', { token: ADMIN, body: { name: 'shop' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'shop', accessId: expect.stringMatching(/^\d+$/), accessKey: expect.any(String), secretKey: expect.any(String) });
    const listed = await call('GET', '/api/apps', { token: VIEWER });
    expect(listed.status).toBe(200);
    const entry = listed.json.apps.find((a: { accessId: string }) => a.accessId === created.json.accessId);
    expect(Object.keys(entry).sort()).toEqual(['accessId', 'createdAt', 'name']);
    expect(JSON.stringify(listed.json)).not.toContain(created.json.secretKey);
  });

  it('answers 404 for unknown paths and 405 for a wrong method', async () => {
    expect((await call('GET', '/api/nothing', { token: VIEWER })).status).toBe(404);
    expect((await call('PUT', '/api/apps', { token: ADMIN, body: {} })).status).toBe(405);
  });
});

describe('/api/ sending, history, trace, device debug', () => {
  it('sends through the REST API, and shows the push in history, its counters, its trace and the device', async () => {
    const app = (await call('POST', '/api/apps', { token: ADMIN, body: { name: 'flow' } })).json;
    const device = await RawDevice.connect(t.url);
    device.hello([{ accessId: app.accessId, accessKey: app.accessKey, token: '', tokenSecret: '' }]);
    const token = (await device.next('welcome')).welcome!.apps![0]!.token!;
    const body = { audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: 'Hi', content: 'from the console' } };

    expect((await call('POST', `/api/apps/${app.accessId}/pushes`, { token: VIEWER, body })).status).toBe(403);
    const bad = await call('POST', `/api/apps/${app.accessId}/pushes`, { token: OPERATOR, body: { audience_type: 'token' } });
    expect(bad.status).toBe(400);
    expect(bad.json.ret_code).toBe(10102);
    const sent = await call('POST', `/api/apps/${app.accessId}/pushes`, { token: OPERATOR, body });
    expect(sent.status).toBe(200);
    expect(sent.json.ret_code).toBe(0);
    const pushId = sent.json.push_id as string;
    const frame = (await device.next('push')).push!;
    expect(frame.content).toBe('from the console');
    device.send({ ack: { messageIds: [frame.messageId!] } });

    await expect.poll(async () => (await call('GET', `/api/apps/${app.accessId}/pushes/${pushId}`, { token: VIEWER })).json.push?.counters.arrived).toBe(1);
    const history = await call('GET', `/api/apps/${app.accessId}/pushes?message_type=notify`, { token: VIEWER });
    expect(history.json.pushes.map((p: { pushId: string }) => p.pushId)).toEqual([pushId]);
    expect((await call('GET', `/api/apps/${app.accessId}/pushes?message_type=message`, { token: VIEWER })).json.pushes).toEqual([]);
    expect((await call('GET', `/api/apps/${app.accessId}/pushes?limit=0`, { token: VIEWER })).status).toBe(400);

    await expect.poll(async () => (await call('GET', `/api/apps/${app.accessId}/pushes/${pushId}/trace?token=${token}`, { token: VIEWER })).json.traces[0].steps.map((s: { step: string }) => s.step).join(' '))
      .toBe('accepted routed sent acked');
    expect((await call('GET', `/api/apps/${app.accessId}/pushes/1/trace?token=${token}`, { token: VIEWER })).status).toBe(404);

    const debug = await call('GET', `/api/apps/${app.accessId}/devices/${token}`, { token: VIEWER });
    expect(debug.json.device).toMatchObject({ token, connected: true, node: 'test-node', offlineQueue: { depth: 0, more: false }, tags: [], accounts: [] });
    expect((await call('GET', `/api/apps/${app.accessId}/devices/unknown-token`, { token: VIEWER })).status).toBe(404);
    device.close();
    await device.closed;
    await expect.poll(async () => (await call('GET', `/api/apps/${app.accessId}/devices/${token}`, { token: VIEWER })).json.device.connected).toBe(false);
  });

  it('streams live figures as server-sent events, resuming after Last-Event-ID', async () => {
    const first = await call('GET', '/api/live', { token: VIEWER });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const ids = [...String(first.json).matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(0);
    const data = JSON.parse(/^data: (.*)$/m.exec(String(first.json))![1]!);
    expect(data).toMatchObject({ node: 'test-node', connectedDevices: expect.any(Number), pushesPerSecond: expect.any(Number), deliveriesPerSecond: expect.any(Number) });
    const next = await fetch(`${t.httpUrl}/api/live`, { headers: { authorization: `Bearer ${VIEWER}`, 'last-event-id': String(ids.at(-1)) } });
    const later = [...(await next.text()).matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(later.every((id) => id > ids.at(-1)!)).toBe(true);
  });
});

describe('/api/ without tokens configured', () => {
  it('answers 503 and says how to turn the console on', async () => {
    const off = await startTestServer();
    try {
      const res = await fetch(`${off.httpUrl}/api/apps`);
      expect(res.status).toBe(503);
      expect((await res.json()).error).toMatch(/HOMING_ADMIN_TOKEN/);
    } finally {
      await off.stop();
    }
  });
});
