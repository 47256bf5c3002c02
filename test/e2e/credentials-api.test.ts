// APNs and FCM credentials through the console's admin API (/api/) against a
// real server: only an admin sets or removes them, a bad one is refused and
// changes nothing, no answer carries key material, and credentials set this
// way are the ones pushes use (a local APNs fake checks the signature).
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Platform, PushProvider } from '../../proto/codec.js';
import { BUNDLE_ID, apnsToken } from '../fakes/apns-setup.js';
import { FakeApns } from '../fakes/fake-apns.js';
import { serviceAccountKey } from '../fakes/fcm-setup.js';
import { RawDevice } from '../helpers/raw-device.js';
import { startTestServer, type TestApp, type TestServer } from '../helpers/server.js';

const ADMIN = 'admin-token-0123456789abcdef';
const OPERATOR = 'operator-token-0123456789abcdef';

const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const apnsBody = { keyPem: ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, keyId: 'KEY1234567', teamId: 'TEAM123456', bundleId: BUNDLE_ID };
const serviceAccount = {
  type: 'service_account',
  project_id: 'homing-console',
  private_key_id: 'a'.repeat(40),
  private_key: serviceAccountKey().privateKey,
  client_email: 'push@homing-console.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.googleapis.com/token',
};

let t: TestServer;
let apns: FakeApns;
let app: TestApp;

beforeAll(async () => {
  apns = await new FakeApns({ teamId: apnsBody.teamId, keyId: apnsBody.keyId, publicKey: ec.publicKey, bundleIds: [BUNDLE_ID] }).listen();
  t = await startTestServer(
    { HOMING_ADMIN_TOKEN: ADMIN, HOMING_OPERATOR_TOKEN: OPERATOR, HOMING_APNS_URL: apns.url, HOMING_APNS_DEV_URL: apns.url },
    undefined,
    { providerCa: apns.tls.ca },
  );
  app = await t.createApp('credentials');
});
afterAll(async () => {
  await t?.stop();
  await apns?.close();
});

async function call(method: string, path: string, token: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(t.httpUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) };
}

describe('/api/apps/{accessId}/credentials', () => {
  it('sets APNs and FCM credentials for an admin and shows ids only', async () => {
    const base = `/api/apps/${app.accessId}/credentials`;
    expect((await call('GET', base, OPERATOR)).json).toEqual({ accessId: app.accessId, apns: null, fcm: null });
    const set = await call('PUT', `${base}/apns`, ADMIN, apnsBody);
    expect(set.status).toBe(200);
    expect(set.json.apns).toEqual({ key_id: 'KEY1234567', team_id: 'TEAM123456', bundle_id: BUNDLE_ID });
    const fcm = await call('PUT', `${base}/fcm`, ADMIN, { serviceAccount });
    expect(fcm.json).toEqual({
      accessId: app.accessId,
      apns: { key_id: 'KEY1234567', team_id: 'TEAM123456', bundle_id: BUNDLE_ID },
      fcm: { project_id: 'homing-console', client_email: serviceAccount.client_email },
    });
    for (const answer of [set, fcm, await call('GET', base, OPERATOR)]) {
      expect(answer.text).not.toContain('PRIVATE KEY');
    }
    expect((await t.server.stores.credentials.get(app.accessId))?.fcm?.projectId).toBe('homing-console');
  });

  it('refuses operators, bad credentials and unknown apps, changing nothing', async () => {
    const base = `/api/apps/${app.accessId}/credentials`;
    const before = await t.server.stores.credentials.get(app.accessId);
    expect((await call('PUT', `${base}/apns`, OPERATOR, apnsBody)).status).toBe(403);
    expect((await call('DELETE', `${base}/fcm`, OPERATOR)).status).toBe(403);
    const badKey = await call('PUT', `${base}/apns`, ADMIN, { ...apnsBody, keyPem: 'not a key' });
    expect(badKey.status).toBe(400);
    expect(badKey.json.error).toMatch(/APNs key/);
    expect((await call('PUT', `${base}/apns`, ADMIN, { ...apnsBody, teamId: 'team' })).status).toBe(400);
    expect((await call('PUT', `${base}/fcm`, ADMIN, { serviceAccount: { ...serviceAccount, type: 'user' } })).status).toBe(400);
    expect((await call('PUT', `${base}/fcm`, ADMIN, {})).status).toBe(400);
    expect((await call('PUT', '/api/apps/1999999999/credentials/apns', ADMIN, apnsBody)).status).toBe(404);
    expect(await t.server.stores.credentials.get(app.accessId)).toEqual(before);
  });

  it('sends through the credentials it set, and no longer once they are removed', async () => {
    const token = apnsToken();
    apns.register(token);
    const device = await RawDevice.connect(t.url);
    device.send({ hello: { deviceId: 'ios-console', platform: Platform.IOS, apps: [{ accessId: app.accessId, accessKey: app.accessKey, pushProvider: PushProvider.APNS, pushToken: token }] } });
    const session = (await device.next('welcome')).welcome!.apps![0]!;
    device.close();
    await device.closed;
    await expect.poll(() => t.server.stores.routes.lookup([session.token!])).toEqual([undefined]);
    const debug = await call('GET', `/api/apps/${app.accessId}/devices/${session.token}`, OPERATOR);
    expect(debug.json.device.pushTokens).toEqual({ apns: true, fcm: false, retired: 0 });
    expect(debug.text).not.toContain(token);
    const push = async () => {
      const res = await t.post('/v3/push/app', app, { audience_type: 'token', token_list: [session.token], message_type: 'notify', message: { title: 'T', content: 'C' } });
      await t.server.router.providersIdle();
      return (await t.post('/v3/statistics/get_push_task_stat_channel', app, { pushId: res.json.push_id })).json.homingCounters;
    };
    expect(await push()).toMatchObject({ apns: 1, offline: 0 });
    expect(apns.seen.at(-1)).toMatchObject({ deviceToken: token, status: 200 });

    const removed = await call('DELETE', `/api/apps/${app.accessId}/credentials/apns`, ADMIN);
    expect(removed.json.apns).toBeNull();
    const seen = apns.seen.length;
    expect(await push()).toMatchObject({ offline: 1 });
    expect(apns.seen.length).toBe(seen);
  });
});
