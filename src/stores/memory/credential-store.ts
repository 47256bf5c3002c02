// Provider credentials in a Map, copied in and out like the other memory stores.
import { mergeCredentials, type CredentialProvider, type ProviderCredentialStore, type ProviderCredentials } from '../credentials.js';
import type { ApnsCredentials, FcmServiceAccount } from '../../provider-credentials.js';

const copy = (c: ProviderCredentials): ProviderCredentials => mergeCredentials(c, c.accessId, { set: {} }, c.updatedAt)!;

export class MemoryCredentialStore implements ProviderCredentialStore {
  private readonly records = new Map<string, ProviderCredentials>();

  async get(accessId: string): Promise<ProviderCredentials | undefined> {
    const record = this.records.get(accessId);
    return record && copy(record);
  }

  async set(accessId: string, update: { apns?: ApnsCredentials; fcm?: FcmServiceAccount }, at: number): Promise<ProviderCredentials> {
    if (!update.apns && !update.fcm) throw new Error('set needs apns or fcm credentials');
    const next = mergeCredentials(this.records.get(accessId), accessId, { set: update }, at)!;
    this.records.set(accessId, next);
    return copy(next);
  }

  async remove(accessId: string, provider: CredentialProvider): Promise<void> {
    const current = this.records.get(accessId);
    if (!current) return;
    const next = mergeCredentials(current, accessId, { remove: provider }, Date.now());
    if (next) this.records.set(accessId, next);
    else this.records.delete(accessId);
  }
}
