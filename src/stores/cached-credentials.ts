// Provider credentials as the push path reads them: once per push and app, to
// pick APNs or FCM. Reading the stored record each time (a decode of key
// material in LMDB, a round trip in Redis) cost more than the choice itself, so
// reads are cached for `ttlMs`. Changes made through this object (the console's
// admin API) apply at once; changes made elsewhere (the `homing app
// credentials` CLI, another api node) within `ttlMs`. Every reader shares one
// record per app, frozen, so none can change what the others (or the store) hold.
import type { ApnsCredentials, FcmServiceAccount } from '../provider-credentials.js';
import type { CredentialProvider, ProviderCredentialStore, ProviderCredentials } from './credentials.js';

/** How late a change made by another process is seen. */
export const CREDENTIALS_CACHE_MS = 1000;

export class CachedCredentialStore implements ProviderCredentialStore {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly inner: ProviderCredentialStore,
    private readonly ttlMs = CREDENTIALS_CACHE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(accessId: string): Promise<ProviderCredentials | undefined> {
    const now = this.now();
    const hit = this.cache.get(accessId);
    if (hit && now - hit.at < this.ttlMs) return hit.record;
    const entry: Entry = { at: now, record: this.inner.get(accessId).then(freeze), known: false, value: undefined };
    entry.record.then(
      (value) => {
        entry.value = value;
        entry.known = true;
      },
      // A failed read is not remembered: the next push asks the store again.
      () => {
        if (this.cache.get(accessId) === entry) this.cache.delete(accessId);
      },
    );
    this.cache.set(accessId, entry);
    return entry.record;
  }

  /**
   * Whether a fresh read says the app has no credentials, without waiting:
   * the push path asks this first, and an app without providers (the common
   * case) then costs no promise at all. false = it has some, or not known now.
   */
  knownWithout(accessId: string): boolean {
    const hit = this.cache.get(accessId);
    return hit !== undefined && hit.known && hit.value === undefined && this.now() - hit.at < this.ttlMs;
  }

  async set(accessId: string, update: { apns?: ApnsCredentials; fcm?: FcmServiceAccount }, at: number): Promise<ProviderCredentials> {
    try {
      return await this.inner.set(accessId, update, at);
    } finally {
      this.cache.delete(accessId);
    }
  }

  async remove(accessId: string, provider: CredentialProvider): Promise<void> {
    try {
      await this.inner.remove(accessId, provider);
    } finally {
      this.cache.delete(accessId);
    }
  }
}

interface Entry {
  at: number;
  record: Promise<ProviderCredentials | undefined>;
  /** The read has settled: `value` is what it gave. */
  known: boolean;
  value: ProviderCredentials | undefined;
}

function freeze(record: ProviderCredentials | undefined): ProviderCredentials | undefined {
  if (!record) return record;
  if (record.apns) Object.freeze(record.apns);
  if (record.fcm) Object.freeze(record.fcm);
  return Object.freeze(record);
}
