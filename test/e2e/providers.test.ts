// APNs and FCM wired into delivery, end to end: devices report provider tokens
// in their hello over real sockets, pushes go in through REST on a real server,
// and the local fakes of APNs (HTTP/2 over TLS, ES256 provider tokens) and FCM
// (OAuth2 + messages:send) see what the channel rules send them. Statistics
// are read back through the statistics API.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Platform, PushProvider, type AppRegistration } from '../../proto/codec.js';
import type { ApnsCredentials, FcmServiceAccount } from '../../src/provider-credentials.js';
import { HomingClient, type Push } from '../../src/sdk/index.js';
import { BUNDLE_ID, apnsToken } from '../fakes/apns-setup.js';
import { FakeApns } from '../fakes/fake-apns.js';
import { FakeFcm } from '../fakes/fake-fcm.js';
import { fcmToken, serviceAccountKey } from '../fakes/fcm-setup.js';
import { makeTestTls } from '../fakes/tls-cert.js';
import { RawDevice } from '../helpers/raw-device.js';
import { startTestServer, type TestApp, type TestServer } from '../helpers/server.js';

/** Fast retries: the unreachable case tries several times within a 1 s expiry. */
const RETRY = { baseDelayMs: 20, maxDelayMs: 80 };
const tls = makeTestTls();

interface Fakes {
  apns: FakeApns;
  fcm: FakeFcm;
  apnsCredentials: ApnsCredentials;
  fcmAccount: FcmServiceAccount;
}

async function startFakes(): Promise<Fakes> {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const apnsCredentials = { keyPem: ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, keyId: 'KEY1234567', teamId: 'TEAM123456', bundleId: BUNDLE_ID };
  const apns = await new FakeApns({ teamId: apnsCredentials.teamId, keyId: apnsCredentials.keyId, publicKey: ec.publicKey, bundleIds: [BUNDLE_ID], tls }).listen();
  const rsa = serviceAccountKey();
  const ids = { projectId: 'homing-e2e', clientEmail: 'push@homing-e2e.iam.gserviceaccount.com', privateKeyId: 'f'.repeat(40) };
  const fcm = await new FakeFcm({ ...ids, publicKey: createPublicKey(rsa.publicKey), tls }).listen();
  return { apns, fcm, apnsCredentials, fcmAccount: { ...ids, privateKey: rsa.privateKey, tokenUri: fcm.tokenUri } };
}

/** A device that says hello with its platform and provider token, and stays connected. */
async function connect(t: TestServer, app: TestApp, platform: Platform, deviceId: string, push: Partial<AppRegistration> = {}, token?: { token: string; secret: string }) {
  const device = await RawDevice.connect(t.url);
  const reg: AppRegistration = { accessId: app.accessId, accessKey: app.accessKey, ...push, ...(token ? { token: token.token, tokenSecret: token.secret } : {}) };
  device.send({ hello: { sdkVersion: 'test', deviceId, platform, apps: [reg] } });
  const session = (await device.next('welcome')).welcome!.apps![0]!;
  return { device, token: session.token!, secret: session.tokenSecret! };
}

/** A device that registered and left: its route is gone once this resolves. */
async function away(t: TestServer, app: TestApp, platform: Platform, deviceId: string, push: Partial<AppRegistration> = {}) {
  const d = await connect(t, app, platform, deviceId, push);
  d.device.close();
  await d.device.closed;
  await expect.poll(() => t.server.stores.routes.lookup([d.token])).toEqual([undefined]);
  return d;
}

const apnsReg = (token: string): Partial<AppRegistration> => ({ pushProvider: PushProvider.APNS, pushToken: token });
const fcmReg = (token: string): Partial<AppRegistration> => ({ pushProvider: PushProvider.FCM, pushToken: token });

async function pushTo(t: TestServer, app: TestApp, tokens: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.post('/v3/push/app', app, {
    audience_type: 'token_list', token_list: tokens, message_type: 'notify', expire_time: 3600,
    message: { title: 'Hi', content: 'Hello' }, ...extra,
  });
  expect(res.json.ret_code).toBe(0);
  return res.json.push_id as string;
}

/** Statistics once every provider send of the push has its final answer. */
async function statsOf(t: TestServer, app: TestApp, pushId: string) {
  await t.server.router.providersIdle();
  return (await t.post('/v3/statistics/get_push_task_stat_channel', app, { pushId })).json;
}

describe('pushes through APNs and FCM', () => {
  let fakes: Fakes;
  let t: TestServer;
  let app: TestApp;

  beforeAll(async () => {
    fakes = await startFakes();
    t = await startTestServer(
      { HOMING_APNS_URL: fakes.apns.url, HOMING_APNS_DEV_URL: fakes.apns.url, HOMING_FCM_URL: fakes.fcm.url },
      undefined,
      { providerCa: tls.ca, providerRetry: RETRY },
    );
    app = await t.createApp('providers');
    await t.server.stores.credentials.set(app.accessId, { apns: fakes.apnsCredentials, fcm: fakes.fcmAccount }, Date.now());
  });

  afterAll(async () => {
    await t?.stop();
    await fakes?.apns.close();
    await fakes?.fcm.close();
  });

  it('sends each device of a mixed audience on its channel, retires dead tokens, and the statistics add up', async () => {
    const live = { a: fcmToken(), i: apnsToken() };
    fakes.fcm.register(live.a);
    fakes.apns.register(live.i);
    const dead = { a: fcmToken(), i: apnsToken() };
    fakes.fcm.unregister(dead.a);
    fakes.apns.unregister(dead.i);
    const offlineFcm = fcmToken();
    fakes.fcm.register(offlineFcm);

    // Connected Android, through the SDK, which reports its FCM token: the long connection wins.
    const sdk = new HomingClient({ url: t.url, deviceId: 'android-live', platform: 'android', apps: [{ ...app, pushToken: { provider: 'fcm', token: live.a } }] });
    const pushes: Push[] = [];
    const gotPush = new Promise<void>((resolve) => {
      sdk.onPush(app.accessId, (p) => {
        pushes.push(p);
        resolve();
      });
    });
    const [session] = await sdk.connect();
    const androidLive = session!.token;
    const androidAway = await away(t, app, Platform.ANDROID, 'android-away', fcmReg(offlineFcm));
    // Connected iOS: notifications still go through APNs, which shows them with the app closed.
    const iosLive = await connect(t, app, Platform.IOS, 'ios-live', apnsReg(live.i));
    const iosDead = await away(t, app, Platform.IOS, 'ios-dead', apnsReg(dead.i));
    const androidDead = await away(t, app, Platform.ANDROID, 'android-dead', fcmReg(dead.a));
    const androidPlain = await away(t, app, Platform.ANDROID, 'android-plain');
    expect((await t.server.stores.devices.get(androidLive))?.fcmToken).toBe(live.a);

    const fcmBefore = fakes.fcm.seen.length;
    const apnsBefore = fakes.apns.seen.length;
    const pushId = await pushTo(t, app, [androidLive, androidAway.token, iosLive.token, iosDead.token, androidDead.token, androidPlain.token], {
      message: { title: 'Hi', content: 'Hello', custom_content: '{"order":42}' },
    });
    await gotPush;
    expect(pushes[0]).toMatchObject({ pushId, title: 'Hi', content: 'Hello' });

    const stats = await statsOf(t, app, pushId);
    expect(stats.homingCounters).toEqual({
      targets: 6, online: 1, offline: 1, arrived: expect.any(Number), clicked: 0, expired: 0, apns: 1, fcm: 1,
      failed: { apns_unregistered: 1, fcm_unregistered: 1 },
    });
    const channels = Object.fromEntries((stats.pushStatDataAll as Array<{ channel: string; pushState: Record<string, number> }>).map((c) => [c.channel, c.pushState]));
    expect(Object.keys(channels)).toEqual(['xg', 'apns', 'fcm', 'all']);
    expect(channels.xg).toMatchObject({ pushActiveUv: 2, pushOnlineUv: 1 });
    expect(channels.apns).toMatchObject({ pushActiveUv: 2, pushOnlineUv: 1 });
    expect(channels.fcm).toMatchObject({ pushActiveUv: 2, pushOnlineUv: 1 });
    expect(channels.all).toMatchObject({ pushActiveUv: 6, pushOnlineUv: 3 });

    // FCM saw the away Android and the dead token, never the connected one.
    const fcmSeen = fakes.fcm.seen.slice(fcmBefore);
    expect(fcmSeen.map((s) => s.message.token).sort()).toEqual([dead.a, offlineFcm].sort());
    const fcmOk = fcmSeen.find((s) => s.message.token === offlineFcm)!;
    expect(fcmOk.status).toBe(200);
    expect(fcmOk.authorization).toMatch(/^Bearer ya29\.fake-/);
    expect(fcmOk.message).toMatchObject({ notification: { title: 'Hi', body: 'Hello' }, android: { priority: 'high' }, data: { order: '42' } });
    expect(JSON.parse((fcmOk.message.data as Record<string, string>).xg!)).toEqual({ msg_id: pushId, push_id: pushId });

    // APNs saw both iOS devices; the live one as an alert.
    const apnsSeen = fakes.apns.seen.slice(apnsBefore);
    expect(apnsSeen.map((s) => s.deviceToken).sort()).toEqual([dead.i, live.i].sort());
    const apnsOk = apnsSeen.find((s) => s.deviceToken === live.i)!;
    expect(apnsOk.status).toBe(200);
    expect(apnsOk.headers).toMatchObject({ 'apns-topic': BUNDLE_ID, 'apns-push-type': 'alert', 'apns-priority': '10' });
    expect(Number(apnsOk.headers['apns-expiration'])).toBeGreaterThan(Date.now() / 1000 + 3000);
    expect(apnsOk.payload).toMatchObject({ aps: { alert: { title: 'Hi', body: 'Hello' } }, order: 42, xg: { msg_id: pushId, push_id: pushId } });

    // The trace shows the way each took.
    const trace = await t.post('/v3/statistics/trace', app, { push_id: pushId, token: iosLive.token });
    const steps = trace.json.traces[0].steps as Array<{ step: string; channel?: string }>;
    expect(steps.filter((x) => x.channel === 'apns').map((x) => x.step)).toEqual(['routed', 'sent']);

    // The dead tokens are retired from their device records...
    const [iosRecord, androidRecord] = await t.server.stores.devices.getMany([iosDead.token, androidDead.token]);
    expect(iosRecord?.apnsToken).toBeUndefined();
    expect(iosRecord?.retiredPushTokens).toEqual([dead.i]);
    expect(androidRecord?.fcmToken).toBeUndefined();
    // ... and a hello that reports one again does not bring it back.
    const back = await connect(t, app, Platform.IOS, 'ios-dead', apnsReg(dead.i), iosDead);
    expect((await t.server.stores.devices.get(iosDead.token))?.apnsToken).toBeUndefined();
    back.device.close();
    await back.device.closed;
    await expect.poll(() => t.server.stores.routes.lookup([iosDead.token])).toEqual([undefined]);

    // A pass-through message: FCM data-only for the away Android, an APNs background
    // push for the iOS device (now away); the retired tokens are not used again.
    iosLive.device.close();
    await iosLive.device.closed;
    await expect.poll(() => t.server.stores.routes.lookup([iosLive.token])).toEqual([undefined]);
    const fcmMark = fakes.fcm.seen.length;
    const apnsMark = fakes.apns.seen.length;
    const second = await pushTo(t, app, [androidAway.token, iosLive.token, iosDead.token, androidDead.token], { message_type: 'message' });
    const again = await statsOf(t, app, second);
    expect(again.homingCounters).toMatchObject({ targets: 4, online: 0, offline: 2, apns: 1, fcm: 1, failed: {} });
    expect(fakes.fcm.seen.slice(fcmMark).map((s) => s.message.token)).toEqual([offlineFcm]);
    const data = fakes.fcm.seen[fcmMark]!.message;
    expect(data.notification).toBeUndefined();
    expect(data.data).toMatchObject({ title: 'Hi', content: 'Hello' });
    const background = fakes.apns.seen.slice(apnsMark);
    expect(background.map((s) => s.deviceToken)).toEqual([live.i]);
    expect(background[0]!.headers).toMatchObject({ 'apns-push-type': 'background', 'apns-priority': '5' });
    expect(background[0]!.payload).toMatchObject({ aps: { 'content-available': 1 } });
    await sdk.close();
  });

  it('sends a broadcast to the devices that are away through their providers; connected ones get it from the socket', async () => {
    const bapp = await t.createApp('broadcast via providers');
    await t.server.stores.credentials.set(bapp.accessId, { apns: fakes.apnsCredentials, fcm: fakes.fcmAccount }, Date.now());
    const [a, i] = [fcmToken(), apnsToken()];
    fakes.fcm.register(a);
    fakes.apns.register(i);
    const live = await connect(t, bapp, Platform.ANDROID, 'b-live', fcmReg(fcmToken()));
    await away(t, bapp, Platform.ANDROID, 'b-android-away', fcmReg(a));
    await away(t, bapp, Platform.IOS, 'b-ios-away', apnsReg(i));
    await away(t, bapp, Platform.ANDROID, 'b-plain-away');
    const [fcmMark, apnsMark] = [fakes.fcm.seen.length, fakes.apns.seen.length];
    const res = await t.post('/v3/push/app', bapp, { audience_type: 'all', message_type: 'notify', expire_time: 3600, message: { title: 'All', content: 'Everyone' } });
    expect(res.json.ret_code).toBe(0);
    const pushId = res.json.push_id as string;
    expect((await live.device.next('push')).push).toMatchObject({ pushId, broadcast: true });
    await expect.poll(() => fakes.fcm.seen.slice(fcmMark).map((s) => s.message.token)).toEqual([a]);
    await expect.poll(() => fakes.apns.seen.slice(apnsMark).map((s) => s.deviceToken)).toEqual([i]);
    await expect.poll(async () => (await statsOf(t, bapp, pushId)).homingCounters).toMatchObject({ targets: 4, online: 1, apns: 1, fcm: 1 });
    live.device.close();
  });

  it('retries a busy provider within the expiry: delivered when it recovers, failed with its reason when it does not', async () => {
    const recovers = apnsToken();
    const staysBusy = apnsToken();
    fakes.apns.register(recovers);
    fakes.apns.register(staysBusy);
    const busy = { status: 503, reason: 'ServiceUnavailable' };
    fakes.apns.script(recovers, busy, busy);
    // More 503s than a 1 s expiry leaves room for, at 20-80 ms apart.
    fakes.apns.script(staysBusy, ...Array.from({ length: 200 }, () => busy));
    const a = await away(t, app, Platform.IOS, 'ios-recovers', apnsReg(recovers));
    const b = await away(t, app, Platform.IOS, 'ios-busy', apnsReg(staysBusy));
    const before = fakes.apns.seen.length;
    const pushId = await pushTo(t, app, [a.token, b.token], { expire_time: 1 });
    const stats = await statsOf(t, app, pushId);
    expect(stats.homingCounters).toMatchObject({ targets: 2, apns: 1, failed: { apns_service_unavailable: 1 } });
    const seen = fakes.apns.seen.slice(before);
    expect(seen.filter((s) => s.deviceToken === recovers).map((s) => s.status)).toEqual([503, 503, 200]);
    expect(seen.filter((s) => s.deviceToken === staysBusy).length).toBeGreaterThan(2);
  });

  it('gives a push without expiry one try', async () => {
    const token = fcmToken();
    fakes.fcm.register(token);
    fakes.fcm.script(token, { errorCode: 'UNAVAILABLE' });
    const d = await away(t, app, Platform.ANDROID, 'android-once', fcmReg(token));
    const before = fakes.fcm.seen.length;
    const pushId = await pushTo(t, app, [d.token], { expire_time: 0 });
    expect((await statsOf(t, app, pushId)).homingCounters).toMatchObject({ targets: 1, failed: { fcm_unavailable: 1 } });
    expect(fakes.fcm.seen.length - before).toBe(1);
  });

  it('refuses a hello with a malformed provider token and changes nothing', async () => {
    const device = await RawDevice.connect(t.url);
    device.send({ hello: { deviceId: 'bad-token', platform: Platform.IOS, apps: [{ accessId: app.accessId, accessKey: app.accessKey, ...apnsReg('not-hex') }] } });
    const error = await device.next('error');
    expect(error.error).toMatchObject({ code: 4109 });
    expect(error.error!.message).toMatch(/APNs push_token/);
    expect((await device.closed).code).toBe(4109);
    const noProvider = await RawDevice.connect(t.url);
    noProvider.send({ hello: { deviceId: 'bad-token', platform: Platform.IOS, apps: [{ accessId: app.accessId, accessKey: app.accessKey, pushToken: apnsToken() }] } });
    expect((await noProvider.closed).code).toBe(4109);
  });
});

describe('an unreachable provider', () => {
  let t: TestServer;
  let server: Server;
  let connections = 0;

  beforeAll(async () => {
    // Accepts TCP and hangs up at once: TLS never completes, as with a dead host behind a balancer.
    server = createServer((socket: Socket) => {
      connections++;
      socket.destroy();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await startTestServer({ HOMING_APNS_URL: url, HOMING_APNS_DEV_URL: url }, undefined, { providerCa: tls.ca, providerRetry: RETRY });
  });

  afterAll(async () => {
    await t?.stop();
    server?.close();
  });

  it('is retried within the push expiry, then the target fails with the reason', async () => {
    const app = await t.createApp('unreachable');
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await t.server.stores.credentials.set(app.accessId, { apns: { keyPem: key, keyId: 'KEY1234567', teamId: 'TEAM123456', bundleId: BUNDLE_ID } }, Date.now());
    const d = await away(t, app, Platform.IOS, 'ios-unreachable', apnsReg(apnsToken()));
    const pushId = await pushTo(t, app, [d.token], { expire_time: 1 });
    const stats = await statsOf(t, app, pushId);
    expect(stats.homingCounters).toMatchObject({ targets: 1, offline: 0, failed: { apns_unreachable: 1 } });
    expect(stats.homingCounters.apns).toBeUndefined();
    expect(connections).toBeGreaterThan(1);
  });
});

describe('a stop before the provider answered', () => {
  it('leaves the target to recovery, which stores it offline for the device', async () => {
    const fakes = await startFakes();
    const settings = { HOMING_APNS_URL: fakes.apns.url, HOMING_APNS_DEV_URL: fakes.apns.url, HOMING_PROVIDER_TIMEOUT_SECONDS: '1' };
    let t = await startTestServer(settings, undefined, { providerCa: tls.ca, providerRetry: RETRY });
    try {
      const app = await t.createApp('stopping');
      await t.server.stores.credentials.set(app.accessId, { apns: fakes.apnsCredentials }, Date.now());
      const token = apnsToken();
      fakes.apns.register(token);
      const d = await away(t, app, Platform.IOS, 'ios-stopping', apnsReg(token));
      fakes.apns.hold();
      const pushId = await pushTo(t, app, [d.token]);
      await fakes.apns.received(1);
      // The stop waits for the held request (it times out: "retry later") and does not retry it.
      await t.stop(true);
      t = await startTestServer(settings, t.dataDir, { providerCa: tls.ca, providerRetry: RETRY });
      expect(t.server.router.recovery.targets).toBe(1);
      const { refs } = await t.server.stores.offline.page(d.token, undefined, 10, Date.now());
      expect(refs.map((r) => r.pushId)).toEqual([pushId]);
      const counters = (await t.post('/v3/statistics/get_push_task_stat_channel', app, { pushId })).json.homingCounters;
      expect(counters).toMatchObject({ targets: 1, failed: {} });
      expect(counters.apns).toBeUndefined();
    } finally {
      await t.stop();
      await fakes.apns.close();
      await fakes.fcm.close();
    }
  });
});
