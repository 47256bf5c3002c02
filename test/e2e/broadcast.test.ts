// Broadcasts (all, single tag) over uWS topics with real sockets: one publish
// per node reaches every subscribed device once, tag topics follow tag changes,
// and devices that were away catch up from the app's broadcast log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACKED_BROADCASTS_KEPT } from '../../gateway/session.js';
import { decodeServerFrame } from '../../proto/codec.js';
import { HomingClient } from '../../src/sdk/client.js';
import { MemoryTokenStore } from '../../src/sdk/token-store.js';
import type { Push } from '../../src/sdk/types.js';
import { RawDevice } from '../helpers/raw-device.js';
import { startTestServer, type TestApp, type TestServer } from '../helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.stop());

const notify = (content: string, extra: Record<string, unknown> = {}) => ({ message_type: 'notify', message: { title: 't', content }, ...extra });

async function push(app: TestApp, body: Record<string, unknown>) {
  const json = (await t.post('/v3/push/app', app, body)).json;
  expect(json.ret_code, JSON.stringify(json)).toBe(0);
  return json.push_id as string;
}

async function counters(app: TestApp, pushId: string) {
  return (await t.server.router.pushService.record(app.accessId, pushId))!.counters;
}

function client(app: TestApp, deviceId: string, tokenStore = new MemoryTokenStore()) {
  const got: Push[] = [];
  const c = new HomingClient({ url: t.url, deviceId, platform: 'android', apps: [app], tokenStore });
  c.onPush(app.accessId, (p) => got.push(p));
  return { c, got, tokenStore };
}

describe('broadcast to all devices', () => {
  it('reaches each of 1,000 connected devices exactly once, from one publish; every ack counts once', async () => {
    const app = await t.createApp('fan-out');
    const devices = await Promise.all(Array.from({ length: 1000 }, async (_, i) => {
      const device = await RawDevice.connect(t.url);
      device.hello([{ accessId: app.accessId, accessKey: app.accessKey }], `fan-${i}`);
      await device.next('welcome');
      return device;
    }));
    // Each device acks what it gets, twice, as a confused client might.
    for (const d of devices) {
      d.ws.on('message', (data: Buffer) => {
        const frame = decodeServerFrame(new Uint8Array(data));
        if (frame.push) for (let i = 0; i < 2; i++) d.send({ ack: { messageIds: [frame.push.messageId!] } });
      });
    }
    const pushId = await push(app, { audience_type: 'all', ...notify('to everyone') });
    await expect.poll(() => devices.filter((d) => d.framesOf('push').length === 1).length, { timeout: 15_000 }).toBe(1000);
    for (const d of devices) {
      const frame = d.framesOf('push')[0]!.push!;
      expect(frame).toMatchObject({ pushId, content: 'to everyone', broadcast: true, token: '' });
    }
    await expect.poll(() => counters(app, pushId), { timeout: 10_000 }).toMatchObject({ targets: 1000, online: 1000, arrived: 1000 });
    expect(devices.every((d) => d.framesOf('push').length === 1)).toBe(true);
    for (const d of devices) d.close();
  }, 60_000);

  it('counts a broadcast once per device when the device acks it again, on the same socket or on its next one', async () => {
    const app = await t.createApp('re-ack');
    const first = await RawDevice.connect(t.url);
    first.hello([{ accessId: app.accessId, accessKey: app.accessKey }], 're-ack');
    const welcome = (await first.next('welcome')).welcome!.apps![0]!;
    // As many broadcasts as a socket remembers having acked (ACKED_BROADCASTS_KEPT), each acked as it comes.
    const ids: string[] = [];
    for (let i = 0; i < ACKED_BROADCASTS_KEPT; i++) {
      ids.push(await push(app, { audience_type: 'all', ...notify(`b${i}`) }));
      await expect.poll(() => first.framesOf('push').length).toBe(i + 1);
      first.send({ ack: { messageIds: [ids[i]!] } });
    }
    // The first and the last again on the same socket, then every one again from the device's next socket.
    first.send({ ack: { messageIds: [ids[0]!] } });
    first.send({ ack: { messageIds: [ids.at(-1)!] } });
    await expect.poll(() => counters(app, ids.at(-1)!)).toMatchObject({ arrived: 1 });
    first.close();
    await expect.poll(() => t.server.stores.routes.lookup([welcome.token!])).toEqual([undefined]);
    const second = await RawDevice.connect(t.url);
    second.hello([{ accessId: app.accessId, accessKey: app.accessKey, token: welcome.token!, tokenSecret: welcome.tokenSecret! }], 're-ack');
    await second.next('welcome');
    for (const id of ids) second.send({ ack: { messageIds: [id] } });
    // A marker after them: once it counts, the re-acks before it have been through.
    const marker = await push(app, { audience_type: 'all', ...notify('marker') });
    await expect.poll(() => second.framesOf('push').some((f) => f.push!.pushId === marker)).toBe(true);
    second.send({ ack: { messageIds: [marker] } });
    await expect.poll(() => counters(app, marker)).toMatchObject({ arrived: 1 });
    for (const id of ids) expect((await counters(app, id)).arrived, id).toBe(1);
    second.close();
  });

  it('catches up a device that was away: what came after its last broadcast, unexpired, once; a new device starts from now', async () => {
    const app = await t.createApp('catch-up');
    const away = client(app, 'away');
    await away.c.connect();
    const first = await push(app, { audience_type: 'all', ...notify('while here') });
    await expect.poll(() => away.got.map((p) => p.content)).toEqual(['while here']);
    await expect.poll(async () => (await away.tokenStore.get(app.accessId))?.lastBroadcastId).toBe(first);
    const token = away.c.token(app.accessId)!;
    await away.c.close();
    // Away for the server too (its socket gone), so nothing below reaches the old client.
    await expect.poll(() => t.server.stores.routes.lookup([token])).toEqual([undefined]);

    const missed = await push(app, { audience_type: 'all', ...notify('missed') });
    await push(app, { audience_type: 'all', ...notify('short-lived'), expire_time: 1 });
    await push(app, { audience_type: 'all', ...notify('online only'), expire_time: 0 });
    t.clock.offsetMs += 2000; // the short-lived one expires while the device is away

    const back = client(app, 'away', away.tokenStore);
    await back.c.connect();
    await expect.poll(() => back.got.map((p) => p.content)).toEqual(['missed']);
    expect(back.got[0]).toMatchObject({ pushId: missed, token: back.c.token(app.accessId) });
    await expect.poll(async () => (await back.tokenStore.get(app.accessId))?.lastBroadcastId).toBe(missed);
    await expect.poll(() => counters(app, missed)).toMatchObject({ arrived: 1 });

    const fresh = client(app, 'fresh');
    await fresh.c.connect();
    const marker = await push(app, { audience_type: 'all', ...notify('after fresh') });
    await expect.poll(() => fresh.got.map((p) => p.content)).toEqual(['after fresh']);
    await expect.poll(() => back.got.map((p) => p.pushId)).toEqual([missed, marker]);
    await Promise.all([back.c.close(), fresh.c.close()]);
    t.clock.offsetMs = 0;
  });
});

describe('broadcast to one tag', () => {
  it('reaches the tag\'s devices only, following tag changes from the REST API and from the device itself', async () => {
    const app = await t.createApp('tag fan-out');
    const vip = client(app, 'vip');
    const plain = client(app, 'plain');
    await Promise.all([vip.c.connect(), plain.c.connect()]);
    const tagged = (await t.post('/v3/device/tag', app, { operator_type: 7, tag_list: ['vip'], token_list: [vip.c.token(app.accessId)] })).json;
    expect(tagged.ret_code).toBe(0);

    const first = await push(app, { audience_type: 'tag', tag_list: { tags: ['vip'], op: 'OR' }, ...notify('vip only') });
    await expect.poll(() => vip.got.map((p) => p.content)).toEqual(['vip only']);
    await expect.poll(() => counters(app, first)).toMatchObject({ targets: 1, online: 1, arrived: 1 });

    await plain.c.profile(app.accessId).addTags(['vip']); // the device tags itself
    const second = await push(app, { audience_type: 'tag', tag_list: { tags: ['vip'], op: 'OR' }, ...notify('both now') });
    await expect.poll(() => plain.got.map((p) => p.content)).toEqual(['both now']);
    await expect.poll(() => vip.got.map((p) => p.content)).toEqual(['vip only', 'both now']);
    await expect.poll(() => counters(app, second)).toMatchObject({ targets: 2, online: 2 });

    const removed = (await t.post('/v3/device/tag', app, { operator_type: 8, tag_list: ['vip'], token_list: [vip.c.token(app.accessId)] })).json;
    expect(removed.ret_code).toBe(0);
    const third = await push(app, { audience_type: 'tag', tag_list: { tags: ['vip'], op: 'OR' }, ...notify('plain only') });
    await expect.poll(() => plain.got.map((p) => p.content)).toEqual(['both now', 'plain only']);
    await expect.poll(() => counters(app, third)).toMatchObject({ targets: 1, online: 1 });
    expect(vip.got.map((p) => p.content)).toEqual(['vip only', 'both now']);
    await Promise.all([vip.c.close(), plain.c.close()]);
  });
});
