import { describe, expect, it } from 'vitest';
import type { ApnsCredentials } from '../provider-credentials.js';
import { CachedCredentialStore } from './cached-credentials.js';
import { MemoryCredentialStore } from './memory/credential-store.js';

const apns = (n: number): ApnsCredentials => ({ keyPem: `pem ${n}`, keyId: `KEY${n}`.padEnd(10, '0'), teamId: 'TEAM123456', bundleId: `com.example.app${n}` });

describe('CachedCredentialStore', () => {
  function setup() {
    let clock = 0;
    const inner = new MemoryCredentialStore();
    let reads = 0;
    const counted = { ...inner, get: (id: string) => (reads++, inner.get(id)), set: inner.set.bind(inner), remove: inner.remove.bind(inner) };
    const cached = new CachedCredentialStore(counted, 1000, () => clock);
    return { inner, cached, reads: () => reads, tick: (ms: number) => (clock += ms) };
  }

  it('reads the store once per ttl, absent records included', async () => {
    const { cached, reads, tick } = setup();
    expect(await cached.get('1500000001')).toBeUndefined();
    expect(await cached.get('1500000001')).toBeUndefined();
    expect(reads()).toBe(1);
    tick(1000);
    await cached.get('1500000001');
    expect(reads()).toBe(2);
  });

  it('knows without waiting that an app has no credentials only from a settled, fresh read', async () => {
    const { cached, tick } = setup();
    expect(cached.knownWithout('1500000001')).toBe(false); // never read
    const reading = cached.get('1500000001');
    expect(cached.knownWithout('1500000001')).toBe(false); // read not settled
    await reading;
    expect(cached.knownWithout('1500000001')).toBe(true);
    tick(1000);
    expect(cached.knownWithout('1500000001')).toBe(false); // stale
    await cached.get('1500000001');
    await cached.set('1500000001', { apns: apns(1) }, 10);
    expect(cached.knownWithout('1500000001')).toBe(false); // changed through it
    await cached.get('1500000001');
    expect(cached.knownWithout('1500000001')).toBe(false); // has credentials
  });

  it('sees a change made through it at once', async () => {
    const { cached } = setup();
    expect(await cached.get('1500000001')).toBeUndefined();
    await cached.set('1500000001', { apns: apns(1) }, 10);
    expect((await cached.get('1500000001'))?.apns?.keyId).toBe(apns(1).keyId);
    await cached.remove('1500000001', 'apns');
    expect(await cached.get('1500000001')).toBeUndefined();
  });

  it('sees a change made by another process within the ttl', async () => {
    const { inner, cached, tick } = setup();
    expect(await cached.get('1500000001')).toBeUndefined();
    await inner.set('1500000001', { apns: apns(2) }, 10); // behind the cache's back, as the CLI does
    tick(999);
    expect(await cached.get('1500000001')).toBeUndefined();
    tick(1);
    expect((await cached.get('1500000001'))?.apns?.keyId).toBe(apns(2).keyId);
  });

  it('does not remember a failed read', async () => {
    let fail = true;
    const inner = new MemoryCredentialStore();
    const flaky = { get: async (id: string) => (fail ? Promise.reject(new Error('redis down')) : inner.get(id)), set: inner.set.bind(inner), remove: inner.remove.bind(inner) };
    const cached = new CachedCredentialStore(flaky, 1000, () => 0);
    await expect(cached.get('1500000001')).rejects.toThrow('redis down');
    fail = false;
    await expect(cached.get('1500000001')).resolves.toBeUndefined();
  });
});
