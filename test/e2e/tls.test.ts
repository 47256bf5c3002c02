// TLS on the one port: REST over https, the SDK over wss, and `homing start`
// saying so. The certificate is self-signed and made by the test; clients trust
// it explicitly. Plain HTTP on the same port gets nowhere.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HomingClient } from '../../src/sdk/index.js';
import type { Push } from '../../src/sdk/types.js';
import { freePort, startHomingProcess } from '../helpers/process.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { makeCertificate, type TestCertificate } from '../helpers/tls-cert.js';

const PASSPHRASE = 'tls test passphrase';
let dir: string;
let cert: TestCertificate;
let server: TestServer;
let trusting: Agent;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'homing-tls-'));
  cert = makeCertificate(dir, 'server', PASSPHRASE);
  trusting = new Agent({ connect: { ca: cert.certPem } });
  server = await startTestServer({ HOMING_TLS_CERT_FILE: cert.certFile, HOMING_TLS_KEY_FILE: cert.keyFile, HOMING_TLS_PASSPHRASE: PASSPHRASE });
});
afterAll(async () => {
  await server?.stop();
  await trusting?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS', () => {
  it('serves REST over https and the SDK over wss, on one port', async () => {
    expect(server.httpUrl).toMatch(/^https:/);
    expect(server.url).toMatch(/^wss:/);
    const health = await fetch(`${server.httpUrl}/healthz`, { dispatcher: trusting });
    expect(((await health.json()) as { status: string }).status).toBe('ok');

    const app = await server.createApp('tls');
    // ws with the test's CA: what a device does with a certificate its platform trusts.
    const TrustingWebSocket = class extends WebSocket {
      constructor(url: string) {
        super(url, { ca: cert.certPem });
      }
    };
    const device = new HomingClient({
      url: server.url,
      deviceId: 'tls-device',
      platform: 'android',
      apps: [{ accessId: app.accessId, accessKey: app.accessKey }],
      WebSocket: TrustingWebSocket,
    });
    try {
      const [session] = await device.connect();
      const arrived = new Promise<Push>((resolve) => device.onPush(app.accessId, resolve));
      const res = await fetch(`${server.httpUrl}/v3/push/app`, {
        method: 'POST',
        dispatcher: trusting,
        headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${app.accessId}:${app.secretKey}`).toString('base64')}` },
        body: JSON.stringify({ audience_type: 'token', token_list: [session!.token], message_type: 'notify', message: { title: 't', content: 'over tls' } }),
      });
      const answer = (await res.json()) as { ret_code: number; push_id: string };
      expect(answer.ret_code).toBe(0);
      const push = await arrived;
      expect([push.pushId, push.content]).toEqual([answer.push_id, 'over tls']);
    } finally {
      await device.close();
    }
  });

  it('does not answer plain HTTP or WS on the TLS port', async () => {
    const plain = server.httpUrl.replace('https:', 'http:');
    await expect(fetch(`${plain}/healthz`)).rejects.toThrow();
    const ws = new WebSocket(server.url.replace('wss:', 'ws:'));
    const outcome = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', () => resolve('error'));
    });
    expect(outcome).toBe('error');
  });

  it('homing start prints https and wss addresses', async () => {
    const port = await freePort();
    const running = await startHomingProcess({
      HOMING_PORT: String(port),
      HOMING_HOST: '127.0.0.1',
      HOMING_LOG_LEVEL: 'warn',
      HOMING_DATA_DIR: join(dir, 'cli-data'),
      HOMING_TLS_CERT_FILE: cert.certFile,
      HOMING_TLS_KEY_FILE: cert.keyFile,
      HOMING_TLS_PASSPHRASE: PASSPHRASE,
    });
    try {
      expect(running.stdout).toContain(`https://127.0.0.1:${port}`);
      expect(running.stdout).toContain(`wss://127.0.0.1:${port}/device`);
      expect(running.stdout).not.toContain(PASSPHRASE);
    } finally {
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    }
  });
});
