// ApnsProvider against the local fake APNs (HTTP/2 over TLS, real JWT checks):
// requests, every outcome, provider-token reuse and renewal, session reuse,
// the stream bound, GOAWAY and reconnects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apnsSetup, apnsToken, BUNDLE_ID, type ApnsSetup } from '../../test/fakes/apns-setup.js';
import { notification } from '../../test/fakes/notification.js';
import { freePort } from '../../test/helpers/process.js';
import { APNS_TOKEN_RENEW_MS } from './apns-auth.js';

let setup: ApnsSetup;
let now: number;
const clock = () => now;
const MINUTE = 60_000;

beforeEach(async () => {
  now = Date.now();
  setup = await apnsSetup(() => Math.floor(now / 1000));
});
afterEach(() => setup.close());

describe('ApnsProvider requests', () => {
  it('sends an alert with the topic, push type, priority, expiration, collapse id and the payload from message.ios', async () => {
    const token = apnsToken();
    setup.fake.register(token);
    const expiresAt = now + 3600_000;
    const message = { title: 'Hi', content: 'Hello', ios: { aps: { sound: 'default', badge_type: 3, 'content-available': 0 }, order: 17 } };
    const result = await setup.provider({ now: clock }).send(
      notification(token, { message, expiresAt, collapseId: 'order-17', customContent: '{"k":"v"}' }),
    );
    expect(result).toEqual({ kind: 'delivered' });
    const [seen] = setup.fake.seen;
    expect(seen!.headers).toMatchObject({
      ':path': `/3/device/${token}`,
      'apns-topic': BUNDLE_ID,
      'apns-push-type': 'alert',
      'apns-priority': '10',
      'apns-expiration': String(Math.ceil(expiresAt / 1000)),
      'apns-collapse-id': 'order-17',
    });
    expect(seen!.payload).toEqual({
      aps: { alert: { title: 'Hi', body: 'Hello' }, sound: 'default', badge: 3 },
      order: 17,
      k: 'v',
      xg: { msg_id: '42', push_id: '7' },
    });
  });

  it('sends message_type message as a background push: priority 5, content-available only', async () => {
    const token = apnsToken();
    setup.fake.register(token);
    const message = { content: 'sync', ios: { aps: { alert: 'ignored', sound: 'default' } } };
    expect(await setup.provider().send(notification(token, { kind: 'message', message, expiresAt: 0 }))).toEqual({ kind: 'delivered' });
    const [seen] = setup.fake.seen;
    expect(seen!.headers).toMatchObject({ 'apns-push-type': 'background', 'apns-priority': '5', 'apns-expiration': '0' });
    expect(seen!.payload!.aps).toEqual({ 'content-available': 1 });
  });

  it('picks the development host for environment dev and production otherwise', async () => {
    const token = apnsToken();
    setup.fake.register(token);
    const provider = setup.provider({ productionUrl: `https://127.0.0.1:${await freePort()}` });
    expect(await provider.send(notification(token, { environment: 'dev' }))).toEqual({ kind: 'delivered' });
    expect(await provider.send(notification(token, { environment: 'product' }))).toEqual({ kind: 'retry', reason: 'apns_unreachable', delayMs: 0 });
  });

  it('refuses a payload over 4 KB and an over-long collapse id without a request', async () => {
    const provider = setup.provider();
    const big = notification(apnsToken(), { message: { ios: { aps: {}, blob: 'x'.repeat(4096) } } });
    expect(await provider.send(big)).toEqual({ kind: 'failed', reason: 'apns_payload_too_large' });
    expect(await provider.send(notification(apnsToken(), { collapseId: 'c'.repeat(65) }))).toEqual({ kind: 'failed', reason: 'apns_bad_collapse_id' });
    expect(setup.fake.seen).toHaveLength(0);
  });
});

describe('ApnsProvider outcomes', () => {
  it('retires a token APNs calls Unregistered (410) or BadDeviceToken (400), and a malformed one unsent', async () => {
    const provider = setup.provider();
    const gone = apnsToken();
    setup.fake.register(gone);
    setup.fake.unregister(gone);
    expect(await provider.send(notification(gone))).toEqual({ kind: 'token_invalid', reason: 'apns_unregistered' });
    expect(await provider.send(notification(apnsToken()))).toEqual({ kind: 'token_invalid', reason: 'apns_bad_device_token' });
    expect(setup.fake.seen.map((s) => s.status)).toEqual([410, 400]);
    expect(await provider.send(notification('not-hex'))).toEqual({ kind: 'token_invalid', reason: 'apns_bad_device_token' });
    expect(setup.fake.seen).toHaveLength(2);
  });

  it.each([
    [429, 'TooManyRequests', 'apns_too_many_requests'],
    [500, 'InternalServerError', 'apns_internal_server_error'],
    [503, 'ServiceUnavailable', 'apns_service_unavailable'],
  ])('answers %i %s with retry later, honouring Retry-After', async (status, reason, named) => {
    const token = apnsToken();
    setup.fake.register(token);
    setup.fake.script(token, { status, reason }, { status, reason, headers: { 'retry-after': '30' } });
    const provider = setup.provider({ now: clock });
    expect(await provider.send(notification(token))).toEqual({ kind: 'retry', reason: named, delayMs: 0 });
    expect(await provider.send(notification(token))).toEqual({ kind: 'retry', reason: named, delayMs: 30_000 });
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
  });

  it('fails other 4xx with their reason: a topic the key may not use, a key APNs does not know', async () => {
    const token = apnsToken();
    setup.fake.register(token);
    const wrongTopic = setup.provider({ credentials: { ...setup.credentials, bundleId: 'com.example.other' } });
    expect(await wrongTopic.send(notification(token))).toEqual({ kind: 'failed', reason: 'apns_topic_disallowed' });
    const wrongKey = setup.provider({ credentials: { ...setup.credentials, keyId: 'OTHERKEY12' } });
    expect(await wrongKey.send(notification(token))).toEqual({ kind: 'failed', reason: 'apns_invalid_provider_token' });
  });

  it('answers retry when APNs does not answer in time', async () => {
    setup.fake.hold();
    expect(await setup.provider({ timeoutMs: 100 }).send(notification(apnsToken()))).toEqual({ kind: 'retry', reason: 'apns_timeout', delayMs: 0 });
  });

  it('answers failed after close, without a request', async () => {
    const provider = setup.provider();
    await provider.close();
    expect(await provider.send(notification(apnsToken()))).toEqual({ kind: 'failed', reason: 'apns_closed' });
  });
});

describe('ApnsProvider provider token', () => {
  it('reuses one JWT for every request and signs a new one at 50 minutes', async () => {
    const token = apnsToken();
    setup.fake.register(token);
    const provider = setup.provider({ now: clock });
    for (let i = 0; i < 3; i++) expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    now += APNS_TOKEN_RENEW_MS - 1;
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    expect(setup.fake.jwts).toHaveLength(1);
    now += 1;
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    expect(setup.fake.jwts).toHaveLength(2);
  });

  it('renews on ExpiredProviderToken when the token is old enough, else fails (our clock is off)', async () => {
    const token = apnsToken();
    setup.fake.register(token);
    const start = now;
    let providerNow = now;
    const provider = setup.provider({ now: () => providerNow });
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    now = start + 61 * MINUTE; // the fake's clock: the token is past its hour
    expect(await provider.send(notification(token))).toEqual({ kind: 'failed', reason: 'apns_expired_provider_token' });
    providerNow = start + 30 * MINUTE;
    expect(await provider.send(notification(token))).toEqual({ kind: 'retry', reason: 'apns_expired_provider_token', delayMs: 0 });
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    expect(setup.fake.jwts).toHaveLength(2);
  });
});

describe('ApnsProvider sessions', () => {
  it('sends every request over one long-lived session', async () => {
    const token = apnsToken();
    setup.fake.register(token);
    const provider = setup.provider();
    const results = await Promise.all(Array.from({ length: 20 }, () => provider.send(notification(token))));
    expect(results.every((r) => r.kind === 'delivered')).toBe(true);
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    expect(setup.fake.sessionCount).toBe(1);
  });

  it('keeps at most maxStreams requests in flight; the rest wait their turn', async () => {
    const token = apnsToken();
    setup.fake.register(token);
    setup.fake.hold();
    const provider = setup.provider({ maxStreams: 2 });
    const sends = Array.from({ length: 5 }, () => provider.send(notification(token)));
    for (const [total, held] of [[2, 2], [4, 2], [5, 1]] as const) {
      await setup.fake.received(total);
      await setup.fake.ping(); // anything the client had already sent has arrived now
      expect(setup.fake.heldCount).toBe(held);
      setup.fake.release();
    }
    expect((await Promise.all(sends)).map((r) => r.kind)).toEqual(Array(5).fill('delivered'));
    expect(setup.fake.seen).toHaveLength(5);
  });

  it('connects anew after a GOAWAY and delivers what follows', async () => {
    const token = apnsToken();
    setup.fake.register(token);
    const provider = setup.provider();
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    setup.fake.goaway();
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    expect(await provider.send(notification(token))).toEqual({ kind: 'delivered' });
    expect(setup.fake.sessionCount).toBe(2);
  });

  it('sends streams the server refused unprocessed again on a new session', async () => {
    const token = apnsToken();
    setup.fake.register(token);
    setup.fake.hold();
    const provider = setup.provider();
    const sends = [provider.send(notification(token)), provider.send(notification(token))];
    await setup.fake.received(2);
    setup.fake.refuseHeld();
    expect(await Promise.all(sends)).toEqual([{ kind: 'delivered' }, { kind: 'delivered' }]);
    expect(setup.fake.seen).toHaveLength(2);
    expect(setup.fake.sessionCount).toBe(2);
  });
});

describe('ApnsProvider secrets', () => {
  it('never logs the key or the provider token', async () => {
    const token = apnsToken();
    setup.fake.script(token, { status: 503, reason: 'ServiceUnavailable' });
    const provider = setup.provider();
    await provider.send(notification(token));
    await provider.send(notification(token));
    setup.fake.goaway();
    await provider.send(notification(token, { environment: 'dev' }));
    const logs = setup.logs.text();
    expect(logs).toContain('APNs did not accept');
    for (const jwt of setup.fake.jwts) expect(logs).not.toContain(jwt.split('.')[2]);
    const keyBody = setup.credentials.keyPem.split('\n').slice(1, -2).join('');
    expect(logs).not.toContain(keyBody.slice(0, 40));
  });
});
