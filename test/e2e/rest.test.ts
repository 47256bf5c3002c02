// The REST surface over a real uWS socket: the HTTP adapter's body handling,
// errors that change nothing, health and metrics.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetCode } from '../../src/errors.js';
import { startTestServer, type TestApp, type TestServer } from '../helpers/server.js';

let t: TestServer;
let app: TestApp;

beforeAll(async () => {
  t = await startTestServer({ HOMING_MAX_BODY_BYTES: String(64 * 1024) });
  app = await t.createApp();
});
afterAll(() => t.stop());

/** Streams a body without content-length (chunked), as some HTTP clients do. */
function postChunked(path: string, chunks: string[]): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.httpUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${app.accessId}:${app.secretKey}`).toString('base64')}` },
    }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const validPush = { audience_type: 'token', token_list: ['f'.repeat(40)], message_type: 'notify', message: { title: 't', content: 'c' } };

describe('REST over HTTP', () => {
  it('answers bad JSON with 10107 and HTTP 200', async () => {
    const res = await t.post('/v3/push/app', app, '{"audience_type":');
    expect(res.status).toBe(200);
    expect(res.json.ret_code).toBe(RetCode.NOT_JSON);
  });

  it('answers a body over the cap with 10117, declared or streamed, and keeps serving', async () => {
    const big = { ...validPush, padding: 'x'.repeat(100 * 1024) };
    expect((await t.post('/v3/push/app', app, big)).json.ret_code).toBe(RetCode.CONTENT_TOO_LARGE);
    const streamed = await postChunked('/v3/push/app', [JSON.stringify(validPush).slice(0, -1), `,"padding":"${'y'.repeat(100 * 1024)}"}`]);
    expect(streamed.ret_code).toBe(RetCode.CONTENT_TOO_LARGE);
    expect((await t.post('/v3/push/app', app, validPush)).json.ret_code).toBe(RetCode.DEVICE_NOT_REGISTERED);
  });

  it('reads a chunked body', async () => {
    const json = JSON.stringify(validPush);
    expect((await postChunked('/v3/push/app', [json.slice(0, 10), json.slice(10)])).ret_code).toBe(RetCode.DEVICE_NOT_REGISTERED);
  });

  it('refuses a wrong secret (10104) and an unknown app (10606), creating no push', async () => {
    const before = await t.server.stores.pushes.list(app.accessId, 0, Date.now() + 1, 100);
    expect((await t.post('/v3/push/app', { ...app, secretKey: 'wrong' }, validPush)).json.ret_code).toBe(RetCode.AUTH_FAILED);
    expect((await t.post('/v3/push/app', { ...app, accessId: '1599999999' }, validPush)).json.ret_code).toBe(RetCode.APP_NOT_REGISTERED);
    expect(await t.server.stores.pushes.list(app.accessId, 0, Date.now() + 1, 100)).toEqual(before);
  });

  it('serves /healthz and Prometheus /metrics', async () => {
    const health = await fetch(`${t.httpUrl}/healthz`);
    // No node id (by default the host name) unless HOMING_HEALTHZ_SHOW_NODE_ID asks (limits.test.ts).
    expect(await health.json()).toEqual({ status: 'ok', sockets: expect.any(Number) });
    const metrics = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(metrics).toContain('homing_connected_sockets');
    expect(metrics).toMatch(/homing_rest_requests_total\{path="\/v3\/push\/app",ret_code="10107"\} [1-9]/);
  });
});
