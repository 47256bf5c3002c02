// A FakeApns and ApnsProviders wired to it, with a fresh .p8-style key: the
// setup the APNs tests and the provider contract suite share.
import { generateKeyPairSync } from 'node:crypto';
import { ApnsProvider, type ApnsProviderOptions } from '../../router/providers/apns-provider.js';
import type { ApnsCredentials } from '../../src/provider-credentials.js';
import { FakeApns } from './fake-apns.js';
import { captureLogs } from './log-capture.js';

export const BUNDLE_ID = 'com.example.homing';

export interface ApnsSetup {
  fake: FakeApns;
  credentials: ApnsCredentials;
  logs: ReturnType<typeof captureLogs>;
  provider(overrides?: Partial<ApnsProviderOptions>): ApnsProvider;
  close(): Promise<void>;
}

export async function apnsSetup(fakeNowSeconds?: () => number): Promise<ApnsSetup> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const credentials: ApnsCredentials = {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    keyId: 'KEY1234567',
    teamId: 'TEAM123456',
    bundleId: BUNDLE_ID,
  };
  const fake = await new FakeApns({ teamId: credentials.teamId, keyId: credentials.keyId, publicKey, bundleIds: [BUNDLE_ID], nowSeconds: fakeNowSeconds }).listen();
  const logs = captureLogs();
  const providers: ApnsProvider[] = [];
  return {
    fake,
    credentials,
    logs,
    provider(overrides = {}) {
      const provider = new ApnsProvider({
        credentials,
        productionUrl: fake.url,
        developmentUrl: fake.url,
        maxStreams: 100,
        timeoutMs: 10_000,
        ca: fake.tls.ca,
        logger: logs.logger,
        ...overrides,
      });
      providers.push(provider);
      return provider;
    },
    async close() {
      await fake.close(); // first: providers waiting on held streams see them end
      await Promise.all(providers.map((p) => p.close()));
    },
  };
}

let seq = 0;
/** A device token: 64 hex chars, different each call. */
export function apnsToken(): string {
  return (++seq).toString(16).padStart(8, '0').repeat(8);
}
