// A FakeFcm and FcmProviders wired to it, with a fresh service account: the
// setup the FCM tests and the provider contract suite share.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { FcmProvider, type FcmProviderOptions } from '../../router/providers/fcm-provider.js';
import type { FcmServiceAccount } from '../../src/provider-credentials.js';
import { FakeFcm } from './fake-fcm.js';
import { captureLogs } from './log-capture.js';

export interface FcmSetup {
  fake: FakeFcm;
  account: FcmServiceAccount;
  /** The account as the JSON file Google hands out. */
  accountJson: string;
  logs: ReturnType<typeof captureLogs>;
  provider(overrides?: Partial<FcmProviderOptions>): FcmProvider;
  close(): Promise<void>;
}

/** RSA key generation is slow on small machines: one service-account key per test file. */
let serviceKey: { privateKey: string; publicKey: string } | undefined;
export function serviceAccountKey(): { privateKey: string; publicKey: string } {
  serviceKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return serviceKey;
}

export async function fcmSetup(fakeNow?: () => number, tokenSeconds?: number): Promise<FcmSetup> {
  const { privateKey, publicKey } = serviceAccountKey();
  const ids = { projectId: 'homing-test', clientEmail: 'push@homing-test.iam.gserviceaccount.com', privateKeyId: 'k'.repeat(40) };
  const fake = await new FakeFcm({ ...ids, publicKey: createPublicKey(publicKey), now: fakeNow, tokenSeconds }).listen();
  const account: FcmServiceAccount = { ...ids, privateKey, tokenUri: fake.tokenUri };
  const accountJson = JSON.stringify({
    type: 'service_account',
    project_id: account.projectId,
    private_key_id: account.privateKeyId,
    private_key: account.privateKey,
    client_email: account.clientEmail,
    client_id: '1234567890',
    token_uri: account.tokenUri,
  });
  const logs = captureLogs();
  const providers: FcmProvider[] = [];
  return {
    fake,
    account,
    accountJson,
    logs,
    provider(overrides = {}) {
      const provider = new FcmProvider({ account, url: fake.url, concurrency: 16, timeoutMs: 10_000, ca: fake.tls.ca, logger: logs.logger, ...overrides });
      providers.push(provider);
      return provider;
    },
    async close() {
      await Promise.all(providers.map((p) => p.close()));
      await fake.close();
    },
  };
}

let seq = 0;
/** An FCM registration token, different each call. */
export function fcmToken(): string {
  return `fcm-token-${++seq}:APA91b${'x'.repeat(100)}`;
}
