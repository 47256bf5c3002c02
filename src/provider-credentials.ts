// Per-app credentials for the push providers, and their validation. They are
// secrets: stored (stores/credentials.ts), handed to the providers, and shown
// anywhere only as `credentialSummary` (ids, never key material).
import { createPrivateKey, type KeyObject } from 'node:crypto';

export interface ApnsCredentials {
  /** The .p8 key's PEM text (a P-256 EC private key). */
  keyPem: string;
  /** 10-character key id from Apple's developer account. */
  keyId: string;
  /** 10-character team id; the provider token's issuer. */
  teamId: string;
  /** The app's bundle id: every request's apns-topic. */
  bundleId: string;
}

/** The fields of a Google service-account JSON file that FCM HTTP v1 needs. */
export interface FcmServiceAccount {
  projectId: string;
  clientEmail: string;
  /** RSA private key, PEM. */
  privateKey: string;
  privateKeyId: string;
  /** OAuth2 token endpoint; the JWT assertion's audience. */
  tokenUri: string;
}

export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

/** Parses a PEM private key for ES256 (P-256) or RS256 (RSA). Messages never quote the key. */
export function parsePrivateKey(alg: 'ES256' | 'RS256', pem: string, what: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new CredentialError(`${what} is not a PEM private key`);
  }
  if (alg === 'ES256' && (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')) {
    throw new CredentialError(`${what} must be a P-256 EC key (the .p8 file from Apple)`);
  }
  if (alg === 'RS256' && key.asymmetricKeyType !== 'rsa') throw new CredentialError(`${what} must be an RSA key`);
  return key;
}

const APPLE_ID = /^[A-Z0-9]{10}$/;
const BUNDLE_ID = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function checkApnsCredentials(c: ApnsCredentials): ApnsCredentials {
  if (!APPLE_ID.test(c.keyId)) throw new CredentialError('APNs key id must be 10 capital letters or digits');
  if (!APPLE_ID.test(c.teamId)) throw new CredentialError('APNs team id must be 10 capital letters or digits');
  if (!BUNDLE_ID.test(c.bundleId) || c.bundleId.length > 155) throw new CredentialError('APNs bundle id must look like com.example.app');
  parsePrivateKey('ES256', c.keyPem, 'the APNs key');
  return { keyPem: c.keyPem, keyId: c.keyId, teamId: c.teamId, bundleId: c.bundleId };
}

/** The service-account JSON file's text → what FCM needs. Throws CredentialError naming the bad field. */
export function parseServiceAccount(text: string): FcmServiceAccount {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new CredentialError('the FCM service account is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CredentialError('the FCM service account must be a JSON object');
  if (json.type !== 'service_account') throw new CredentialError('the FCM service account must have "type": "service_account"');
  const field = (name: string): string => {
    const v = json[name];
    if (typeof v !== 'string' || !v) throw new CredentialError(`the FCM service account has no "${name}"`);
    return v;
  };
  const account: FcmServiceAccount = {
    projectId: field('project_id'),
    clientEmail: field('client_email'),
    privateKey: field('private_key'),
    privateKeyId: field('private_key_id'),
    tokenUri: field('token_uri'),
  };
  if (!/^[a-z0-9-]{1,64}$/.test(account.projectId)) throw new CredentialError('the FCM service account\'s "project_id" is not a project id');
  let uri: URL;
  try {
    uri = new URL(account.tokenUri);
  } catch {
    throw new CredentialError('the FCM service account\'s "token_uri" is not a URL');
  }
  if (uri.protocol !== 'https:') throw new CredentialError('the FCM service account\'s "token_uri" must be https');
  parsePrivateKey('RS256', account.privateKey, 'the FCM service account\'s private key');
  return account;
}

/** What may be shown of stored credentials: ids only, never keys. */
export function credentialSummary(c: { apns?: ApnsCredentials; fcm?: FcmServiceAccount }): Record<string, unknown> {
  return {
    apns: c.apns ? { key_id: c.apns.keyId, team_id: c.apns.teamId, bundle_id: c.apns.bundleId } : null,
    fcm: c.fcm ? { project_id: c.fcm.projectId, client_email: c.fcm.clientEmail } : null,
  };
}
