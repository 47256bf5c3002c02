// Provider credentials in the `provider-credentials` sub-database, keyed by
// access id. Each change reads and writes inside one LMDB write transaction,
// so a CLI process and the server setting different providers of one app at
// once both keep their half. The data dir holds these secrets: keep it private.
import type { Database } from 'lmdb';
import { mergeCredentials, type CredentialProvider, type ProviderCredentialStore, type ProviderCredentials } from '../credentials.js';
import type { ApnsCredentials, FcmServiceAccount } from '../../provider-credentials.js';

export class LmdbCredentialStore implements ProviderCredentialStore {
  constructor(private readonly db: Database<ProviderCredentials, string>) {}

  async get(accessId: string): Promise<ProviderCredentials | undefined> {
    return this.db.get(accessId);
  }

  async set(accessId: string, update: { apns?: ApnsCredentials; fcm?: FcmServiceAccount }, at: number): Promise<ProviderCredentials> {
    if (!update.apns && !update.fcm) throw new Error('set needs apns or fcm credentials');
    return this.db.transaction(() => {
      const next = mergeCredentials(this.db.get(accessId), accessId, { set: update }, at)!;
      void this.db.put(accessId, next);
      return next;
    });
  }

  async remove(accessId: string, provider: CredentialProvider): Promise<void> {
    await this.db.transaction(() => {
      const current = this.db.get(accessId);
      if (!current) return;
      const next = mergeCredentials(current, accessId, { remove: provider }, Date.now());
      void (next ? this.db.put(accessId, next) : this.db.remove(accessId));
    });
  }
}
