// The delivery engine over real sockets and real LMDB: acks that overtake the
// push's own commit, a slow reader with a long queue, the per-token bound, and
// counts that add up after a stream.
import { decodeServerFrame } from '../../proto/codec.js';
import { afterEach, describe, expect, it } from 'vitest';
import { RawDevice } from '../helpers/raw-device.js';
import { startTestServer, type TestApp, type TestServer } from '../helpers/server.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

interface Session { token: string; tokenSecret: string }

async function connect(server: TestServer, app: TestApp, session?: Session, deviceId = 'dev') {
  const device = await RawDevice.connect(server.url);
  device.hello([{ accessId: app.accessId, accessKey: app.accessKey, token: session?.token ?? '', tokenSecret: session?.tokenSecret ?? '' }], deviceId);
  const s = (await device.next('welcome')).welcome!.apps![0]!;
  return { device, session: { token: s.token!, tokenSecret: s.tokenSecret! } };
}

/** Calls `fn` for every push the device got so far and every later one. */
function onPush(device: RawDevice, fn: (push: NonNullable<ReturnType<typeof decodeServerFrame>['push']>) => void): void {
  for (const f of device.framesOf('push')) fn(f.push!);
  device.ws.on('message', (data: Buffer) => {
    const frame = decodeServerFrame(new Uint8Array(data));
    if (frame.push) fn(frame.push);
  });
}

/** Acks every push the moment it arrives, as a fast device does. */
function ackEverything(device: RawDevice): void {
  onPush(device, (push) => device.send({ ack: { messageIds: [push.messageId!] } }));
}

async function pushTo(server: TestServer, app: TestApp, tokens: string[], content: string, extra: Record<string, unknown> = {}) {
  const res = await server.post('/v3/push/app', app, {
    audience_type: tokens.length === 1 ? 'token' : 'token_list', token_list: tokens, message_type: 'notify', message: { title: 't', content }, ...extra,
  });
  expect(res.json.ret_code, JSON.stringify(res.json)).toBe(0);
  return res.json.push_id as string;
}

async function counters(server: TestServer, app: TestApp, pushId: string) {
  return (await server.server.router.pushService.record(app.accessId, pushId))!.counters;
}

describe('delivery engine', () => {
  it('counts every ack of a fast push stream exactly once and leaves nothing stored', async () => {
    t = await startTestServer();
    const app = await t.createApp();
    const devices = await Promise.all(Array.from({ length: 20 }, (_, i) => connect(t!, app, undefined, `d${i}`)));
    for (const d of devices) ackEverything(d.device);
    // Many pushes in flight at once: acks come back while later appends are still committing.
    const pushIds: string[] = [];
    for (let round = 0; round < 10; round++) {
      pushIds.push(...(await Promise.all(devices.map((d, i) => pushTo(t!, app, [d.session.token], `r${round} d${i}`)))));
    }
    await expect.poll(() => devices.reduce((n, d) => n + d.device.framesOf('push').length, 0)).toBe(200);
    for (const pushId of pushIds) await expect.poll(async () => (await counters(t!, app, pushId)).arrived).toBe(1);
    expect(await t.server.stores.offline.depth()).toBe(0);
    const metrics = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^homing_acks_total 200$/m);
    expect(metrics).toMatch(/^homing_offline_queue_depth 0$/m);
    // Everything settled: the checkpoint passed every push, so a restart would replay nothing.
    await t.server.router.flush();
    expect((await t.server.stores.pushes.progress()).checkpoint).toBe(pushIds.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).at(-1));
  });

  it('gives a slow reader its whole long queue over one connection, in order', async () => {
    t = await startTestServer({ HOMING_MAX_BACKPRESSURE_BYTES: '16384', HOMING_INFLIGHT_WINDOW: '32' });
    const app = await t.createApp();
    const first = await connect(t, app);
    first.device.close();
    await first.device.closed;
    const body = 'x'.repeat(1500);
    const total = 3000;
    for (let i = 0; i < total; i += 100) {
      await Promise.all(Array.from({ length: Math.min(100, total - i) }, (_, j) => pushTo(t!, app, [first.session.token], `${i + j} ${body}`)));
    }
    expect(await t.server.stores.offline.depth()).toBe(total);

    const { device } = await connect(t, app, first.session);
    const seen: number[] = [];
    let pending: string[] = [];
    onPush(device, (push) => {
      seen.push(Number(push.content!.split(' ')[0]));
      pending.push(push.messageId!);
      // A slow link: every 500 frames the reader stops for half a second.
      if (seen.length % 500 === 0) {
        device.ws.pause();
        setTimeout(() => device.ws.resume(), 500);
      }
      if (pending.length >= 16) {
        device.send({ ack: { messageIds: pending } });
        pending = [];
      }
    });
    const flush = setInterval(() => {
      if (pending.length > 0) device.send({ ack: { messageIds: pending } });
      pending = [];
    }, 20);
    try {
      await expect.poll(() => seen.length, { timeout: 60_000 }).toBe(total);
    } finally {
      clearInterval(flush);
      // The last frames' acks may still wait for the next flush tick: send them, as the SDK's batcher would.
      if (pending.length > 0) device.send({ ack: { messageIds: pending } });
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(device.framesOf('error')).toEqual([]);
    expect(device.ws.readyState).toBe(device.ws.OPEN);
    await expect.poll(() => t!.server.stores.offline.depth(), { timeout: 10_000 }).toBe(0);
  }, 90_000);

  it('keeps the newest messages of a full offline queue and counts the dropped ones', async () => {
    t = await startTestServer({ HOMING_MAX_OFFLINE_PER_TOKEN: '5' });
    const app = await t.createApp();
    const first = await connect(t, app);
    first.device.close();
    await first.device.closed;
    const pushIds: string[] = [];
    for (let i = 0; i < 8; i++) pushIds.push(await pushTo(t, app, [first.session.token], `m${i}`));
    expect(await t.server.stores.offline.depth()).toBe(5);
    const { device } = await connect(t, app, first.session);
    await expect.poll(() => device.framesOf('push').map((f) => f.push!.content)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7']);
    for (const pushId of pushIds.slice(0, 3)) {
      await expect.poll(async () => (await counters(t!, app, pushId)).failed).toEqual({ offline_queue_full: 1 });
    }
    expect((await counters(t, app, pushIds[3]!)).failed).toEqual({});
    const metrics = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^homing_offline_overflow_total 3$/m);
  });
});
