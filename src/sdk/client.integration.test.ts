// The SDK against the real server (uWS gateway, LMDB, REST API) started
// in-process by the shared test helper: registration, resume, refusal, and
// pushes through REST with acks and duplicate suppression.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeServerFrame } from '../../proto/codec.js';
import { startTestServer, type TestApp, type TestServer } from '../../test/helpers/server.js';
import { DeviceError } from '../errors.js';
import { HomingClient } from './client.js';
import { MemoryTokenStore, type TokenStore } from './token-store.js';
import type { AppCredentials, DisconnectInfo, Push } from './types.js';

describe('HomingClient against the real server', () => {
  let server: TestServer;
  let secrets: TestApp;
  let appA: AppCredentials;
  let appB: AppCredentials;
  const clients: HomingClient[] = [];

  function client(apps: AppCredentials[], tokenStore: TokenStore = new MemoryTokenStore(), deviceId = 'itest-device'): HomingClient {
    const c = new HomingClient({ url: server.url, deviceId, platform: 'android', apps, tokenStore });
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const [a, b] = await Promise.all([server.createApp('sdk-a'), server.createApp('sdk-b')]);
    secrets = a;
    appA = { accessId: a.accessId, accessKey: a.accessKey };
    appB = { accessId: b.accessId, accessKey: b.accessKey };
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.stop();
  });

  it('registers two apps on one socket and gets a token for each', async () => {
    const sessions = await client([appA, appB]).connect();
    expect(sessions.map((s) => s.accessId).sort()).toEqual([appA.accessId, appB.accessId].sort());
    expect(sessions.every((s) => s.token.length > 0 && !s.resumed)).toBe(true);
    expect(sessions[0]!.token).not.toBe(sessions[1]!.token);
  });

  it('resumes the same tokens on reconnect, in the same client and in a new one', async () => {
    const store = new MemoryTokenStore();
    const first = client([appA, appB], store, 'itest-resume');
    const issued = await first.connect();
    await first.close();
    const again = await first.connect();
    expect(again).toEqual(issued.map((s) => ({ ...s, resumed: true })));
    await first.close();
    const restarted = await client([appA, appB], store, 'itest-resume').connect();
    expect(restarted).toEqual(issued.map((s) => ({ ...s, resumed: true })));
  });

  it('is refused with 4105 for a wrong token secret and does not retry', async () => {
    const store = new MemoryTokenStore();
    const [issued] = await client([appA], store, 'itest-refused').connect();
    await store.set(appA.accessId, { token: issued!.token, tokenSecret: 'not-the-secret' });
    const refused = client([appA], store, 'itest-refused-2');
    const disconnects: DisconnectInfo[] = [];
    refused.on('disconnected', (d) => disconnects.push(d));
    await expect(refused.connect()).rejects.toMatchObject({ code: DeviceError.BAD_TOKEN_SECRET });
    expect(refused.state).toBe('closed');
    expect(disconnects).toEqual([expect.objectContaining({ code: DeviceError.BAD_TOKEN_SECRET, willReconnect: false })]);
  });

  it('registers anew, by itself, an app whose stored token the server does not know', async () => {
    const store = new MemoryTokenStore();
    await store.set(appA.accessId, { token: 'e'.repeat(40), tokenSecret: 'lost-with-the-old-data' });
    const device = client([appA, appB], store, 'itest-unknown-token');
    const disconnects: DisconnectInfo[] = [];
    device.on('disconnected', (d) => disconnects.push(d));
    const sessions = await device.connect();
    expect(disconnects).toEqual([expect.objectContaining({ code: DeviceError.UNKNOWN_TOKEN, willReconnect: true })]);
    const a = sessions.find((s) => s.accessId === appA.accessId)!;
    expect(a.token).toMatch(/^[0-9a-f]{40}$/);
    expect(a.token).not.toBe('e'.repeat(40));
    expect(a.resumed).toBe(false);
    expect((await store.get(appA.accessId))?.token).toBe(a.token);
  });

  it('gets a REST push once, acks it, and drops a redelivery of the same message', async () => {
    // The push frames as they came off the socket, before the SDK saw them.
    const onWire: string[] = [];
    class TappedWebSocket extends WebSocket {
      constructor(url: string) {
        super(url);
        this.on('message', (data: Buffer) => {
          const frame = decodeServerFrame(new Uint8Array(data));
          if (frame.push) onWire.push(frame.push.messageId ?? '');
        });
      }
    }
    const device = new HomingClient({ url: server.url, deviceId: 'itest-push', platform: 'android', apps: [appA], tokenStore: new MemoryTokenStore(), WebSocket: TappedWebSocket });
    clients.push(device);
    const [session] = await device.connect();
    const got: Push[] = [];
    device.onPush(appA.accessId, (p) => got.push(p));
    const push = (content: string) =>
      server.post('/v3/push/app', secrets, {
        audience_type: 'token', token_list: [session!.token], message_type: 'notify', message: { title: 't', content },
      });
    const first = (await push('once')).json;
    expect(first.ret_code).toBe(0);
    await expect.poll(() => got.map((p) => p.content)).toEqual(['once']);
    const arrived = async () => (await server.server.router.pushService.record(appA.accessId, first.push_id))?.counters.arrived;
    await expect.poll(arrived).toBe(1);
    // At-least-once: the gateway may send a message again (here: the router's
    // deliver command repeated after the ack); the SDK must not show it twice.
    const stored = got[0]!;
    server.server.gateway.core.handleCommand({
      kind: 'deliver',
      message: {
        pushId: stored.pushId, seq: stored.pushId, accessId: stored.accessId, kind: 'notify',
        title: stored.title, content: stored.content, customContent: stored.customContent, expiresAt: stored.expiresAt, sentAt: stored.sentAt,
      },
      tokens: [stored.token],
    });
    expect((await push('next')).json.ret_code).toBe(0);
    await expect.poll(() => got.map((p) => p.content)).toEqual(['once', 'next']);
    // The duplicate did reach the socket (between the two pushes), and the SDK dropped it.
    expect(onWire).toEqual([stored.messageId, stored.messageId, got[1]!.messageId]);
    // The duplicate was acked again, but counts once and never reached the app.
    const second = (await server.server.stores.pushes.list(appA.accessId, 0, Date.now() + 1, 1))[0]!;
    await expect.poll(async () => (await server.server.router.pushService.record(appA.accessId, second.pushId))?.counters.arrived).toBe(1);
    expect(await arrived()).toBe(1);
    expect(got).toHaveLength(2);
  });
});
