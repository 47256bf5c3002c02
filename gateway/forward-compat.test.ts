// What docs/protocol.md promises client authors about frames and hello fields
// this gateway does not know, over real uWS sockets: a newer client's frame type
// gets a non-fatal Error (4112) and the socket carries on; unknown fields and an
// unknown platform are accepted; an empty access_key is a wrong one (4104).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Platform } from '../proto/codec.js';
import { DeviceError } from '../src/errors.js';
import { RawDevice } from '../test/helpers/raw-device.js';
import { startTestServer, type TestApp, type TestServer } from '../test/helpers/server.js';

let t: TestServer;
let app: TestApp;

beforeAll(async () => {
  t = await startTestServer();
  app = await t.createApp();
});
afterAll(() => t.stop());

/** A ping answered with our own mark proves the socket open and every earlier frame handled. */
async function pingPong(device: RawDevice): Promise<void> {
  const mark = Date.now() + Math.random();
  device.send({ ping: { clientTime: Math.floor(mark) } });
  for (;;) {
    const pong = await device.next('pong');
    if (Number(pong.pong!.clientTime) === Math.floor(mark)) return;
  }
}

async function errorsCounted(code: number): Promise<number> {
  const values = (await t.server.metrics.deviceErrors.get()).values;
  return values.filter((v) => Number(v.labels.code) === code).reduce((n, v) => n + v.value, 0);
}

// ClientFrame field 15, length-delimited, carrying a small message: what a newer
// client's frame type looks like to this gateway (the .proto stops at field 6).
const NEWER_FRAME = Buffer.from([0x7a, 0x03, 0x08, 0x96, 0x01]);

describe('a frame type the gateway does not know', () => {
  it('gets Error 4112 without a close, before and after the welcome, and the socket carries on', async () => {
    const before = await errorsCounted(DeviceError.UNSUPPORTED_FRAME);
    const device = await RawDevice.connect(t.url);
    device.sendRaw(NEWER_FRAME);
    const early = (await device.next('error')).error!;
    expect(early.code).toBe(DeviceError.UNSUPPORTED_FRAME);
    expect(early.retryable).toBe(false);
    expect(early.message).not.toBe('');

    device.hello([{ accessId: app.accessId, accessKey: app.accessKey }]);
    const token = (await device.next('welcome')).welcome!.apps![0]!.token!;
    device.sendRaw(NEWER_FRAME);
    device.sendRaw(Buffer.alloc(0)); // no body at all: the same answer
    expect((await device.next('error')).error!.code).toBe(DeviceError.UNSUPPORTED_FRAME);
    expect((await device.next('error')).error!.code).toBe(DeviceError.UNSUPPORTED_FRAME);
    await pingPong(device);

    // Still a working session: a push arrives and its ack is taken.
    const answer = await t.post('/v3/push/app', { ...app }, {
      audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: 't', content: 'after 4112' },
    });
    expect(answer.json.ret_code).toBe(0);
    const push = (await device.next('push')).push!;
    expect(push.content).toBe('after 4112');
    device.send({ ack: { messageIds: [push.messageId!] } });
    await pingPong(device);

    expect(device.framesOf('error')).toHaveLength(3);
    expect(await errorsCounted(DeviceError.UNSUPPORTED_FRAME)).toBe(before + 3);
    device.close();
  });

  it('ignores unknown fields inside a known frame (a newer client\'s Ping)', async () => {
    const device = await RawDevice.connect(t.url);
    // Ping{client_time: 7, field 9: "x"}: the unknown field is skipped, the Pong echoes 7.
    device.sendRaw(Buffer.from([0x12, 0x05, 0x08, 0x07, 0x4a, 0x01, 0x78]));
    const pong = (await device.next('pong')).pong!;
    expect(Number(pong.clientTime)).toBe(7);
    await pingPong(device);
    expect(device.framesOf('error')).toEqual([]);
    device.close();
  });

  it('still closes on a text frame (4101) and on bytes that are not protobuf (4100)', async () => {
    for (const [bytes, code] of [['{"ping":{}}', DeviceError.UNKNOWN_FRAME], [Buffer.from([0x0a, 0x7f]), DeviceError.MALFORMED_FRAME]] as const) {
      const device = await RawDevice.connect(t.url);
      device.sendRaw(bytes);
      expect((await device.next('error')).error!.code).toBe(code);
      expect((await device.closed).code).toBe(code);
    }
  });
});

describe('hello fields a client may get wrong', () => {
  it('accepts a platform it does not know, or none, and records it as unknown', async () => {
    for (const platform of [0, 9] as Platform[]) {
      const device = await RawDevice.connect(t.url);
      device.send({ hello: { sdkVersion: 'newer', deviceId: `platform-${platform}`, platform, apps: [{ accessId: app.accessId, accessKey: app.accessKey }] } });
      const session = (await device.next('welcome')).welcome!.apps![0]!;
      expect(session.resumed).toBe(false);
      expect((await t.server.stores.devices.get(session.token!))?.platform).toBe('unknown');
      device.close();
    }
  });

  it('answers an empty access_key with 4104 naming the app', async () => {
    const device = await RawDevice.connect(t.url);
    device.hello([{ accessId: app.accessId, accessKey: '' }]);
    const error = (await device.next('error')).error!;
    expect(error.code).toBe(DeviceError.BAD_ACCESS_KEY);
    expect(error.accessId).toBe(app.accessId);
    expect((await device.closed).code).toBe(DeviceError.BAD_ACCESS_KEY);
  });
});
