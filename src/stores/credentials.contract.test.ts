// The ProviderCredentialStore contract, against every implementation through
// the Stores each opens (memory, LMDB, the cluster's Redis).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareClusterStores, stopClusterServers } from '../../test/helpers/cluster-stores-implementation.js';
import type { ApnsCredentials, FcmServiceAccount } from '../provider-credentials.js';
import { CachedCredentialStore } from './cached-credentials.js';
import { openEmbeddedStores } from './lmdb/index.js';
import { openMemoryStores } from './memory/index.js';
import type { Stores } from './types.js';

const implementations = [
  { name: 'memory', persistent: false, prepare: () => ({ open: async () => openMemoryStores(), cleanup: () => {} }) },
  {
    name: 'lmdb',
    persistent: true,
    prepare: () => {
      const dir = mkdtempSync(join(tmpdir(), 'homing-credentials-'));
      return { open: () => openEmbeddedStores(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  { name: 'cluster (Redis, JetStream)', persistent: true, prepare: () => prepareClusterStores(16) },
  {
    // What a serving process uses: the contract holds through the cache too.
    name: 'cached over LMDB',
    persistent: true,
    prepare: () => {
      const dir = mkdtempSync(join(tmpdir(), 'homing-credentials-cached-'));
      const open = async () => {
        const stores = await openEmbeddedStores(dir);
        stores.credentials = new CachedCredentialStore(stores.credentials);
        return stores;
      };
      return { open, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];

const apns = (n: number): ApnsCredentials => ({ keyPem: `pem ${n}`, keyId: `KEY${n}`.padEnd(10, '0'), teamId: 'TEAM123456', bundleId: `com.example.app${n}` });
const fcm = (n: number): FcmServiceAccount => ({
  projectId: `project-${n}`,
  clientEmail: `push@project-${n}.iam.gserviceaccount.com`,
  privateKey: `rsa ${n}`,
  privateKeyId: `kid${n}`,
  tokenUri: 'https://oauth2.example/token',
});

describe.each(implementations)('$name ProviderCredentialStore', (impl) => {
  let backing: ReturnType<(typeof implementations)[number]['prepare']>;
  let stores: Stores;
  beforeEach(async () => {
    backing = impl.prepare();
    stores = await backing.open();
  });
  afterEach(async () => {
    await stores.close();
    backing.cleanup();
  });
  afterAll(() => stopClusterServers());

  it('answers undefined for an app without credentials', async () => {
    expect(await stores.credentials.get('a1')).toBeUndefined();
  });

  it('sets one provider and keeps the other', async () => {
    expect(await stores.credentials.set('a1', { apns: apns(1) }, 10)).toEqual({ accessId: 'a1', apns: apns(1), updatedAt: 10 });
    await stores.credentials.set('a1', { fcm: fcm(1) }, 20);
    expect(await stores.credentials.get('a1')).toEqual({ accessId: 'a1', apns: apns(1), fcm: fcm(1), updatedAt: 20 });
    await stores.credentials.set('a1', { apns: apns(2) }, 30);
    expect(await stores.credentials.get('a1')).toEqual({ accessId: 'a1', apns: apns(2), fcm: fcm(1), updatedAt: 30 });
    expect(await stores.credentials.get('a2')).toBeUndefined();
  });

  it('refuses an update with no credentials and changes nothing', async () => {
    await stores.credentials.set('a1', { apns: apns(1) }, 10);
    await expect(stores.credentials.set('a1', {}, 20)).rejects.toThrow(/apns or fcm/);
    expect(await stores.credentials.get('a1')).toEqual({ accessId: 'a1', apns: apns(1), updatedAt: 10 });
  });

  it('removes one provider, then the record with the last one; unknown apps are a no-op', async () => {
    await stores.credentials.set('a1', { apns: apns(1), fcm: fcm(1) }, 10);
    await stores.credentials.remove('a1', 'apns');
    expect(await stores.credentials.get('a1')).toMatchObject({ accessId: 'a1', fcm: fcm(1) });
    expect((await stores.credentials.get('a1'))!.apns).toBeUndefined();
    await stores.credentials.remove('a1', 'fcm');
    expect(await stores.credentials.get('a1')).toBeUndefined();
    await stores.credentials.remove('nope', 'fcm');
  });

  it('hands out records whose change changes nothing stored (copies, or frozen)', async () => {
    await stores.credentials.set('a1', { apns: apns(1) }, 10);
    const got = (await stores.credentials.get('a1'))!;
    try {
      got.apns!.keyId = 'CHANGED000';
    } catch (err) {
      expect(err).toBeInstanceOf(TypeError); // frozen
    }
    expect((await stores.credentials.get('a1'))!.apns).toEqual(apns(1));
  });

  (impl.persistent ? it : it.skip)(`keeps credentials across a reopen${impl.persistent ? '' : ' (skipped: memory stores keep nothing by design)'}`, async () => {
    await stores.credentials.set('a1', { apns: apns(1), fcm: fcm(1) }, 10);
    await stores.close();
    stores = await backing.open();
    expect(await stores.credentials.get('a1')).toEqual({ accessId: 'a1', apns: apns(1), fcm: fcm(1), updatedAt: 10 });
  });
});
