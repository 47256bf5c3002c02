// Provider credentials on Redis: one packed record per app,
// `credentials:{app:<accessId>}`, with a version key beside it in the same
// slot. A change reads the record, merges (mergeCredentials, shared with the
// other stores) and writes only if no other change came in between
// (versioned-write.ts), so two processes setting different providers of one
// app at once both keep their half. Secrets: Redis must be private to Homing.
import type { Redis } from 'ioredis';
import { decode, encode } from '../../codec.js';
import type { ApnsCredentials, FcmServiceAccount } from '../../provider-credentials.js';
import { mergeCredentials, type CredentialProvider, type ProviderCredentialStore, type ProviderCredentials } from '../credentials.js';
import { keys } from './keys.js';
import type { VersionedWriter } from './versioned-write.js';

type Change = { set: { apns?: ApnsCredentials; fcm?: FcmServiceAccount } } | { remove: CredentialProvider };

export class RedisCredentialStore implements ProviderCredentialStore {
  constructor(
    private readonly redis: Redis,
    private readonly versioned: VersionedWriter,
  ) {}

  async get(accessId: string): Promise<ProviderCredentials | undefined> {
    const bytes = await this.redis.getBuffer(keys.credentials(accessId));
    return bytes ? decode<ProviderCredentials>(bytes) : undefined;
  }

  async set(accessId: string, update: { apns?: ApnsCredentials; fcm?: FcmServiceAccount }, at: number): Promise<ProviderCredentials> {
    if (!update.apns && !update.fcm) throw new Error('set needs apns or fcm credentials');
    return (await this.change(accessId, { set: update }, at))!;
  }

  async remove(accessId: string, provider: CredentialProvider): Promise<void> {
    await this.change(accessId, { remove: provider }, Date.now());
  }

  private change(accessId: string, change: Change, at: number): Promise<ProviderCredentials | undefined> {
    const key = keys.credentials(accessId);
    return this.versioned.update('credentials update', keys.credentialsVersion(accessId), async () => {
      const current = await this.get(accessId);
      if (!current && 'remove' in change) return { result: undefined, writes: [] };
      const next = mergeCredentials(current, accessId, change, at);
      return { result: next, writes: [next ? { op: 'SET', key, value: encode(next) } : { op: 'DEL', key }] };
    });
  }
}
