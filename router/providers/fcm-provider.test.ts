// FcmProvider against the local fake FCM (HTTPS, real RS256 assertion checks):
// the message it builds, access-token caching and refresh, every outcome.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fcmSetup, fcmToken, type FcmSetup } from '../../test/fakes/fcm-setup.js';
import { notification } from '../../test/fakes/notification.js';
import { freePort } from '../../test/helpers/process.js';
import { FCM_TOKEN_REFRESH_MARGIN_MS } from './fcm-auth.js';

let setup: FcmSetup;
let now: number;
const clock = () => now;

beforeEach(async () => {
  now = Date.now();
  setup = await fcmSetup(clock);
});
afterEach(() => setup.close());

describe('FcmProvider messages', () => {
  it('sends notification, android and string data built from the XG message', async () => {
    const token = fcmToken();
    setup.fake.register(token);
    const message = { title: 'Hi', content: 'Hello', android: { n_ch_id: 'orders', small_icon: 'ic_push', ring: 1, ring_raw: 'chime', n_id: 5 } };
    const n = notification(token, { message, customContent: '{"k":"v","n":[1,2],"o":{"a":true}}', expiresAt: now + 3600_000, collapseId: 'order-17' });
    expect(await setup.provider({ now: clock }).send(n)).toEqual({ kind: 'delivered' });
    const [seen] = setup.fake.seen;
    expect(seen!.authorization).toBe(`Bearer ${setup.fake.issued[0]}`);
    expect(seen!.message).toEqual({
      token,
      notification: { title: 'Hi', body: 'Hello' },
      android: {
        priority: 'high',
        ttl: '3600s',
        collapse_key: 'order-17',
        notification: { channel_id: 'orders', icon: 'ic_push', sound: 'chime', tag: 'n5' },
      },
      data: { k: 'v', n: '[1,2]', o: '{"a":true}', xg: '{"msg_id":"42","push_id":"7"}' },
    });
  });

  it('sends pass-through as data only, never as a notification payload', async () => {
    const token = fcmToken();
    setup.fake.register(token);
    const n = notification(token, { kind: 'message', title: 'T', content: 'C', expiresAt: 0, customContent: '{"k":1}' });
    expect(await setup.provider().send(n)).toEqual({ kind: 'delivered' });
    const { message } = setup.fake.seen[0]!;
    expect(message.notification).toBeUndefined();
    expect(message.android).toEqual({ priority: 'high', ttl: '0s' });
    expect(message.data).toEqual({ k: '1', title: 'T', content: 'C', xg: '{"msg_id":"42","push_id":"7"}' });
  });
});

describe('FcmProvider access token', () => {
  it('fetches one token for concurrent sends and reuses it until shortly before it expires', async () => {
    const token = fcmToken();
    setup.fake.register(token);
    const provider = setup.provider({ now: clock });
    const results = await Promise.all(Array.from({ length: 10 }, () => provider.send(notification(token))));
    expect(results.every((r) => r.kind === 'delivered')).toBe(true);
    expect(setup.fake.issued).toHaveLength(1);
    now += 3599_000 - FCM_TOKEN_REFRESH_MARGIN_MS - 1;
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    expect(setup.fake.issued).toHaveLength(1);
    now += 1;
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    expect(setup.fake.issued).toHaveLength(2);
    expect(setup.fake.seen.at(-1)!.authorization).toBe(`Bearer ${setup.fake.issued[1]}`);
  });

  it('answers retry when FCM refuses the token (401) and fetches a new one for the next send', async () => {
    const token = fcmToken();
    setup.fake.register(token);
    const provider = setup.provider();
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    setup.fake.revokeTokens();
    expect(await provider.send(notification(token))).toEqual({ kind: 'retry', reason: 'fcm_unauthenticated', delayMs: 0 });
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    expect(setup.fake.issued).toHaveLength(2);
  });

  it('fails with the grant error when the token endpoint refuses the assertion', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const provider = setup.provider({ account: { ...setup.account, privateKey: other } });
    expect(await provider.send(notification(fcmToken()))).toEqual({ kind: 'failed', reason: 'fcm_auth_invalid_grant' });
    expect(setup.fake.refusedGrants).toEqual(['Invalid JWT Signature.']);
    expect(setup.fake.seen).toHaveLength(0);
  });

  it('answers retry when the token endpoint or FCM cannot be reached', async () => {
    const closed = `https://127.0.0.1:${await freePort()}`;
    const noAuth = setup.provider({ account: { ...setup.account, tokenUri: `${closed}/token` } });
    expect(await noAuth.send(notification(fcmToken()))).toEqual({ kind: 'retry', reason: 'fcm_auth_unreachable', delayMs: 0 });
    const noFcm = setup.provider({ url: closed });
    expect(await noFcm.send(notification(fcmToken()))).toEqual({ kind: 'retry', reason: 'fcm_unreachable', delayMs: 0 });
  });
});

describe('FcmProvider outcomes', () => {
  it('retires UNREGISTERED tokens and tokens FCM calls invalid (INVALID_ARGUMENT on the token)', async () => {
    const provider = setup.provider();
    const gone = fcmToken();
    setup.fake.register(gone);
    setup.fake.unregister(gone);
    expect(await provider.send(notification(gone))).toEqual({ kind: 'token_invalid', reason: 'fcm_unregistered' });
    expect(await provider.send(notification(fcmToken()))).toEqual({ kind: 'token_invalid', reason: 'fcm_invalid_token' });
    expect(setup.fake.seen.map((s) => s.errorCode)).toEqual(['UNREGISTERED', 'INVALID_ARGUMENT']);
  });

  it('fails INVALID_ARGUMENT about the payload without retiring the token', async () => {
    const token = fcmToken();
    setup.fake.register(token);
    setup.fake.script(token, { errorCode: 'INVALID_ARGUMENT', field: 'message.data[0].value' });
    expect(await setup.provider().send(notification(token))).toEqual({ kind: 'failed', reason: 'fcm_invalid_argument' });
  });

  it.each([
    ['QUOTA_EXCEEDED', 'fcm_quota_exceeded'],
    ['UNAVAILABLE', 'fcm_unavailable'],
    ['INTERNAL', 'fcm_internal'],
  ])('answers %s with retry later, honouring Retry-After', async (errorCode, reason) => {
    const token = fcmToken();
    setup.fake.register(token);
    setup.fake.script(token, { errorCode }, { errorCode, retryAfter: '60' });
    const provider = setup.provider({ now: clock });
    expect(await provider.send(notification(token))).toEqual({ kind: 'retry', reason, delayMs: 0 });
    expect(await provider.send(notification(token))).toEqual({ kind: 'retry', reason, delayMs: 60_000 });
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
  });

  it.each([
    ['SENDER_ID_MISMATCH', 'fcm_sender_id_mismatch'],
    ['THIRD_PARTY_AUTH_ERROR', 'fcm_third_party_auth_error'],
  ])('fails %s with its reason', async (errorCode, reason) => {
    const token = fcmToken();
    setup.fake.register(token);
    setup.fake.script(token, { errorCode });
    expect(await setup.provider().send(notification(token))).toEqual({ kind: 'failed', reason });
    expect(setup.fake.issued).toHaveLength(1); // not taken for our own token's refusal
  });

  it('fails a project the service account may not send for', async () => {
    const provider = setup.provider({ account: { ...setup.account, projectId: 'someone-else' } });
    expect(await provider.send(notification(fcmToken()))).toEqual({ kind: 'failed', reason: 'fcm_permission_denied' });
  });

  it('never logs the private key, the assertion or the access token', async () => {
    const token = fcmToken();
    setup.fake.script(token, { errorCode: 'UNAVAILABLE' });
    const provider = setup.provider();
    await provider.send(notification(token));
    await provider.send(notification(token));
    const logs = setup.logs.text();
    expect(logs).toContain('FCM did not accept');
    for (const issued of setup.fake.issued) expect(logs).not.toContain(issued);
    expect(logs).not.toContain(setup.account.privateKey.split('\n')[1]!);
    expect(logs).not.toContain('eyJ'); // no JWT of any kind
  });
});
