// Per-app push-provider credentials (APNs key, FCM service account): a store
// of secrets. Only the providers read them back; no API answer and no log line
// carries them (credentialSummary in provider-credentials.ts is what may be shown).
import type { ApnsCredentials, FcmServiceAccount } from '../provider-credentials.js';

export type CredentialProvider = 'apns' | 'fcm';

export interface ProviderCredentials {
  accessId: string;
  apns?: ApnsCredentials;
  fcm?: FcmServiceAccount;
  /** ms since epoch of the last change: providers built from older credentials are rebuilt. */
  updatedAt: number;
}

export interface ProviderCredentialStore {
  get(accessId: string): Promise<ProviderCredentials | undefined>;
  /** Sets the providers given and keeps the other's; resolves with the stored record. */
  set(accessId: string, update: { apns?: ApnsCredentials; fcm?: FcmServiceAccount }, at: number): Promise<ProviderCredentials>;
  /** Removes one provider's credentials; the record goes with the last of them. Unknown apps are a no-op. */
  remove(accessId: string, provider: CredentialProvider): Promise<void>;
  /**
   * Optional, for stores that can tell without a read (CachedCredentialStore):
   * true when the app is known now to have no credentials. false = it has
   * some, or it is not known without a read.
   */
  knownWithout?(accessId: string): boolean;
}

/** The record after `update` (or after removing `provider`); undefined when nothing is left. Shared by the implementations. */
export function mergeCredentials(
  current: ProviderCredentials | undefined,
  accessId: string,
  change: { set: { apns?: ApnsCredentials; fcm?: FcmServiceAccount } } | { remove: CredentialProvider },
  at: number,
): ProviderCredentials | undefined {
  const next: ProviderCredentials = { accessId, updatedAt: at };
  const apns = 'set' in change ? (change.set.apns ?? current?.apns) : change.remove === 'apns' ? undefined : current?.apns;
  const fcm = 'set' in change ? (change.set.fcm ?? current?.fcm) : change.remove === 'fcm' ? undefined : current?.fcm;
  if (apns) next.apns = { ...apns };
  if (fcm) next.fcm = { ...fcm };
  return next.apns || next.fcm ? next : undefined;
}
