// ProviderRegistry over a memory credential store and both fakes: providers
// appear with credentials, are reused, and are rebuilt when credentials change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apnsSetup, apnsToken, type ApnsSetup } from '../../test/fakes/apns-setup.js';
import { fcmSetup, fcmToken, type FcmSetup } from '../../test/fakes/fcm-setup.js';
import { notification } from '../../test/fakes/notification.js';
import { MemoryCredentialStore } from '../../src/stores/memory/credential-store.js';
import { ProviderRegistry } from './provider-registry.js';

let apns: ApnsSetup;
let fcm: FcmSetup;
let store: MemoryCredentialStore;
let registry: ProviderRegistry;

beforeEach(async () => {
  [apns, fcm] = await Promise.all([apnsSetup(), fcmSetup()]);
  store = new MemoryCredentialStore();
  registry = new ProviderRegistry(store, {
    apnsUrl: apns.fake.url,
    apnsDevUrl: apns.fake.url,
    fcmUrl: fcm.fake.url,
    concurrency: 10,
    timeoutMs: 10_000,
    ca: apns.fake.tls.ca + fcm.fake.tls.ca,
    logger: apns.logs.logger,
  });
});
afterEach(async () => {
  await registry.close();
  await Promise.all([apns.close(), fcm.close()]);
});

describe('ProviderRegistry', () => {
  it('has no provider for an app without credentials', async () => {
    expect(await registry.capabilities('a1')).toEqual({ apns: false, fcm: false });
    expect(await registry.get('a1', 'apns')).toBeUndefined();
  });

  it('builds each provider from the stored credentials and reuses it', async () => {
    await store.set('a1', { apns: apns.credentials, fcm: fcm.account }, 1);
    expect(await registry.capabilities('a1')).toEqual({ apns: true, fcm: true });
    const a = await registry.get('a1', 'apns');
    expect(await registry.get('a1', 'apns')).toBe(a);
    const iosToken = apnsToken();
    apns.fake.register(iosToken);
    expect(await a!.send(notification(iosToken))).toEqual({ kind: 'delivered' });
    const androidToken = fcmToken();
    fcm.fake.register(androidToken);
    expect(await (await registry.get('a1', 'fcm'))!.send(notification(androidToken))).toEqual({ kind: 'delivered' });
  });

  it('rebuilds when the credentials change and closes the old provider', async () => {
    await store.set('a1', { apns: { ...apns.credentials, bundleId: 'com.example.other' } }, 1);
    const old = (await registry.get('a1', 'apns'))!;
    const token = apnsToken();
    apns.fake.register(token);
    expect(await old.send(notification(token))).toEqual({ kind: 'failed', reason: 'apns_topic_disallowed' });
    await store.set('a1', { apns: apns.credentials }, 2);
    const fresh = (await registry.get('a1', 'apns'))!;
    expect(fresh).not.toBe(old);
    expect(await fresh.send(notification(token))).toEqual({ kind: 'delivered' });
    expect(await old.send(notification(token))).toEqual({ kind: 'failed', reason: 'apns_closed' });
  });

  it('answers failed with a reason for credentials that do not load', async () => {
    await store.set('a1', { fcm: { ...fcm.account, privateKey: 'not a key' } }, 1);
    expect(await (await registry.get('a1', 'fcm'))!.send(notification(fcmToken()))).toEqual({ kind: 'failed', reason: 'fcm_bad_credentials' });
  });
});
