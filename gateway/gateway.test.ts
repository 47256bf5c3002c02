// The gateway through real uWS sockets: registration on the shared channel,
// resume, heartbeats, and every kind of bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeClientFrame } from '../proto/codec.js';
import { hardFrameLimit } from './uws/device-sockets.js';
import { DeviceError } from '../src/errors.js';
import { RawDevice } from '../test/helpers/raw-device.js';
import { startTestServer, type TestApp, type TestServer } from '../test/helpers/server.js';

let t: TestServer;
let appA: TestApp;
let appB: TestApp;

beforeAll(async () => {
  t = await startTestServer({ HOMING_MAX_FRAME_BYTES: '1024', HOMING_MAX_APPS_PER_SOCKET: '3' });
  appA = await t.createApp('A');
  appB = await t.createApp('B');
});
afterAll(() => t.stop());

async function registered(apps: TestApp[], deviceId = 'dev') {
  const device = await RawDevice.connect(t.url);
  device.hello(apps.map((a) => ({ accessId: a.accessId, accessKey: a.accessKey })), deviceId);
  const welcome = (await device.next('welcome')).welcome!;
  return { device, welcome };
}

/** A healthy socket proves the process and other devices carried on. */
async function stillServing(device: RawDevice) {
  const mark = Date.now();
  device.send({ ping: { clientTime: mark } });
  // Earlier pings may have pongs still unread: wait for ours.
  for (;;) {
    const pong = await device.next('pong');
    if (Number(pong.pong!.clientTime) === mark) return;
  }
}

describe('registration on one shared socket', () => {
  it('gives two apps on one socket two distinct tokens', async () => {
    const { device, welcome } = await registered([appA, appB]);
    expect(welcome.apps!.map((a) => a.accessId)).toEqual([appA.accessId, appB.accessId]);
    const [a, b] = welcome.apps!;
    expect(a!.token).toMatch(/^[0-9a-f]{40}$/);
    expect(b!.token).toMatch(/^[0-9a-f]{40}$/);
    expect(a!.token).not.toBe(b!.token);
    expect(a!.tokenSecret).not.toBe('');
    expect(a!.resumed).toBe(false);
    expect(welcome.heartbeatIntervalMs).toBe(t.config.heartbeatSeconds * 1000);
    expect(welcome.nodeId).toBe('test-node');
    expect(welcome.maxFrameBytes).toBe(1024);
    device.close();
  });

  it('keeps tokens when a device resumes with token and secret', async () => {
    const first = await registered([appA, appB]);
    first.device.close();
    await first.device.closed;
    const device = await RawDevice.connect(t.url);
    device.hello(first.welcome.apps!.map((s, i) => ({
      accessId: s.accessId, accessKey: [appA, appB][i]!.accessKey, token: s.token, tokenSecret: s.tokenSecret,
    })));
    const welcome = (await device.next('welcome')).welcome!;
    expect(welcome.apps!.map((s) => s.token)).toEqual(first.welcome.apps!.map((s) => s.token));
    expect(welcome.apps!.every((s) => s.resumed)).toBe(true);
    device.close();
  });

  it('refuses a resume with a wrong token secret', async () => {
    const first = await registered([appA]);
    const device = await RawDevice.connect(t.url);
    device.hello([{ accessId: appA.accessId, accessKey: appA.accessKey, token: first.welcome.apps![0]!.token, tokenSecret: 'guess' }]);
    const error = (await device.next('error')).error!;
    expect(error.code).toBe(DeviceError.BAD_TOKEN_SECRET);
    expect(error.accessId).toBe(appA.accessId);
    expect(error.retryable).toBe(false);
    expect((await device.closed).code).toBe(DeviceError.BAD_TOKEN_SECRET);
    await stillServing(first.device);
    first.device.close();
  });

  it('answers a resume with a token it never issued with UNKNOWN_TOKEN naming the app', async () => {
    const device = await RawDevice.connect(t.url);
    device.hello([
      { accessId: appA.accessId, accessKey: appA.accessKey },
      { accessId: appB.accessId, accessKey: appB.accessKey, token: 'f'.repeat(40), tokenSecret: 'whatever' },
    ]);
    const error = (await device.next('error')).error!;
    expect(error.code).toBe(DeviceError.UNKNOWN_TOKEN);
    expect(error.accessId).toBe(appB.accessId);
    expect((await device.closed).code).toBe(DeviceError.UNKNOWN_TOKEN);
  });

  it('refuses to resume another app\'s token', async () => {
    const first = await registered([appA]);
    const s = first.welcome.apps![0]!;
    const device = await RawDevice.connect(t.url);
    device.hello([{ accessId: appB.accessId, accessKey: appB.accessKey, token: s.token, tokenSecret: s.tokenSecret }]);
    expect((await device.closed).code).toBe(DeviceError.BAD_TOKEN_SECRET);
    first.device.close();
  });

  it('replaces an older socket holding the same token', async () => {
    const first = await registered([appA]);
    const s = first.welcome.apps![0]!;
    const second = await RawDevice.connect(t.url);
    second.hello([{ accessId: appA.accessId, accessKey: appA.accessKey, token: s.token, tokenSecret: s.tokenSecret }]);
    await second.next('welcome');
    expect((await first.device.closed).code).toBe(DeviceError.REPLACED);
    await stillServing(second);
    second.close();
  });

  it('answers ping with pong before and after hello', async () => {
    const device = await RawDevice.connect(t.url);
    await stillServing(device);
    device.hello([{ accessId: appA.accessId, accessKey: appA.accessKey }]);
    await device.next('welcome');
    await stillServing(device);
    device.close();
  });
});

describe('bad input closes only the offending socket', () => {
  let bystander: RawDevice;
  beforeAll(async () => {
    bystander = (await registered([appA], 'bystander')).device;
  });
  afterAll(() => bystander.close());

  const cases: Array<[string, number, (d: RawDevice) => void]> = [
    ['a frame that is not protobuf', DeviceError.MALFORMED_FRAME, (d) => d.sendRaw(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]))],
    ['a text frame', DeviceError.UNKNOWN_FRAME, (d) => d.sendRaw('{"hello":{}}')],
    ['an ack before hello', DeviceError.HELLO_REQUIRED, (d) => d.send({ ack: { messageIds: ['1'] } })],
    ['an unknown app', DeviceError.UNKNOWN_APP, (d) => d.hello([{ accessId: '1599999999', accessKey: 'AXXXXXXXXXXX' }])],
    ['a wrong access key', DeviceError.BAD_ACCESS_KEY, (d) => d.hello([{ accessId: appA.accessId, accessKey: 'Awrongwrong1' }])],
    ['an oversized frame', DeviceError.FRAME_TOO_LARGE, (d) => d.send({ ack: { messageIds: ['x'.repeat(2000)] } })],
    ['too many apps', DeviceError.TOO_MANY_APPS, (d) => d.hello([appA, appB, appA, appB].map((a) => ({ accessId: a.accessId, accessKey: a.accessKey })))],
    ['no apps', DeviceError.TOO_MANY_APPS, (d) => d.hello([])],
    ['the same app twice', DeviceError.BAD_HELLO, (d) => d.hello([appA, appA].map((a) => ({ accessId: a.accessId, accessKey: a.accessKey })))],
    ['a hello without device id', DeviceError.BAD_HELLO, (d) => d.hello([{ accessId: appA.accessId, accessKey: appA.accessKey }], '')],
    ['a token without secret', DeviceError.BAD_HELLO, (d) => d.hello([{ accessId: appA.accessId, accessKey: appA.accessKey, token: 'abc' }])],
  ];

  for (const [what, code, act] of cases) {
    it(`answers ${what} with error ${code} and closes`, async () => {
      const device = await RawDevice.connect(t.url);
      act(device);
      const error = (await device.next('error')).error!;
      expect(error.code).toBe(code);
      expect(error.message).not.toBe('');
      expect((await device.closed).code).toBe(code);
      await stillServing(bystander);
    });
  }

  it('answers a second hello with DUPLICATE_HELLO', async () => {
    const { device } = await registered([appA]);
    device.hello([{ accessId: appA.accessId, accessKey: appA.accessKey }]);
    expect((await device.next('error')).error!.code).toBe(DeviceError.DUPLICATE_HELLO);
    expect((await device.closed).code).toBe(DeviceError.DUPLICATE_HELLO);
    await stillServing(bystander);
  });

  it('drops a frame beyond the hard limit without reading it, others unharmed', async () => {
    const device = await RawDevice.connect(t.url);
    const counted = async () => ({
      framesIn: (await t.server.metrics.framesIn.get()).values.reduce((sum, v) => sum + v.value, 0),
      errors: (await t.server.metrics.deviceErrors.get()).values.reduce((sum, v) => sum + v.value, 0),
    });
    const before = await counted();
    const frame = encodeClientFrame({ ack: { messageIds: ['x'.repeat(100_000)] } });
    expect(frame.byteLength).toBeGreaterThan(hardFrameLimit(t.config.maxFrameBytes));
    device.sendRaw(Buffer.from(frame));
    const closed = await device.closed;
    // uWS itself refused the frame by dropping the connection (no close frame, so 1006):
    // the gateway never saw it, so it sent no Error frame (4106) and counted nothing.
    expect(closed.code).toBe(1006);
    expect(device.frames).toEqual([]);
    expect(await counted()).toEqual(before);
    await stillServing(bystander);
  });
});

describe('heartbeats', () => {
  it('closes a socket that stays silent past the heartbeat window and its grace, never sooner; keeps one that pings', async () => {
    const hb = await startTestServer({ HOMING_HEARTBEAT_SECONDS: '4' });
    try {
      const app = await hb.createApp();
      const regs = [{ accessId: app.accessId, accessKey: app.accessKey }];
      const pinging = await RawDevice.connect(hb.url);
      pinging.hello(regs, 'pinging');
      const interval = (await pinging.next('welcome')).welcome!.heartbeatIntervalMs!;
      const timer = setInterval(() => pinging.send({ ping: {} }), interval / 2);
      const silent = await RawDevice.connect(hb.url);
      // The gateway cannot have heard the hello before it was sent: the promised
      // silence (docs/protocol.md: interval + max(4 s, interval / 2)) starts after this.
      const lastSentAt = Date.now();
      silent.hello(regs, 'silent');
      await silent.next('welcome');
      const closed = await silent.closed;
      const silentFor = Date.now() - lastSentAt;
      clearInterval(timer);
      // Dropped by the idle timeout (no close frame), and not before the promise:
      // uWS's 4-second tick used to drop it up to 4 s early.
      expect(closed.code).toBe(1006);
      expect(silentFor).toBeGreaterThanOrEqual(interval + Math.max(4000, interval / 2));
      await stillServing(pinging);
      pinging.close();
    } finally {
      await hb.stop();
    }
  }, 40_000);
});

describe('graceful stop', () => {
  it('sends goaway and closes with GOING_AWAY', async () => {
    const s = await startTestServer();
    const app = await s.createApp();
    const device = await RawDevice.connect(s.url);
    device.hello([{ accessId: app.accessId, accessKey: app.accessKey }]);
    await device.next('welcome');
    await s.stop();
    const goaway = (await device.next('goaway')).goaway!;
    expect(goaway.reconnectAfterMs).toBeGreaterThan(0);
    expect((await device.closed).code).toBe(DeviceError.GOING_AWAY);
  });
});

describe('connection cap', () => {
  it('answers upgrades past HOMING_MAX_CONNECTIONS with 503 and keeps serving the others', async () => {
    const capped = await startTestServer({ HOMING_MAX_CONNECTIONS: '2' });
    try {
      const first = await RawDevice.connect(capped.url);
      const second = await RawDevice.connect(capped.url);
      await expect(RawDevice.connect(capped.url)).rejects.toThrow(/503/);
      const metrics = await (await fetch(`${capped.httpUrl}/metrics`)).text();
      expect(metrics).toMatch(/homing_connections_refused_total 1/);
      await stillServing(first);
      second.close();
      await second.closed;
      const third = await RawDevice.connect(capped.url);
      await stillServing(third);
      first.close();
      third.close();
    } finally {
      await capped.stop();
    }
  });
});
