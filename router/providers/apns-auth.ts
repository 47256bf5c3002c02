// APNs provider tokens (token-based auth): an ES256 JWT {alg, kid} {iss: team
// id, iat}, signed with the .p8 key. Apple rejects a token older than an hour
// and answers TooManyProviderTokenUpdates to renewals more often than every 20
// minutes, so one token is shared by every request and renewed at 50 minutes.
import type { KeyObject } from 'node:crypto';
import { parsePrivateKey } from '../../src/provider-credentials.js';
import { signJwt } from './jwt.js';

/** Renewal age: well inside Apple's hour, well past its 20-minute minimum. */
export const APNS_TOKEN_RENEW_MS = 50 * 60_000;
/** Apple's minimum time between two tokens on one connection. */
export const APNS_TOKEN_MIN_AGE_MS = 20 * 60_000;

export interface ApnsSigningKey {
  /** The .p8 file's PEM text. */
  keyPem: string;
  /** 10-character key id from the developer account. */
  keyId: string;
  /** 10-character team id; the token's issuer. */
  teamId: string;
}

export class ApnsTokenCache {
  private readonly key: KeyObject;
  private token: { jwt: string; issuedAt: number } | undefined;

  constructor(
    private readonly signing: ApnsSigningKey,
    private readonly now: () => number = Date.now,
  ) {
    this.key = parsePrivateKey('ES256', signing.keyPem, 'the APNs key');
  }

  /** The current token, made anew only when none exists or it is 50 minutes old. */
  get(): string {
    const now = this.now();
    if (!this.token || now - this.token.issuedAt >= APNS_TOKEN_RENEW_MS) {
      const jwt = signJwt('ES256', this.key, { kid: this.signing.keyId }, { iss: this.signing.teamId, iat: Math.floor(now / 1000) });
      this.token = { jwt, issuedAt: now };
    }
    return this.token.jwt;
  }

  /**
   * APNs answered ExpiredProviderToken for `jwt`. Drops it so the next get()
   * signs a new one, unless it is younger than Apple's 20-minute minimum: then
   * our clock is off and a new token would only earn TooManyProviderTokenUpdates.
   * True when a new token will be used.
   */
  expire(jwt: string): boolean {
    if (this.token?.jwt !== jwt) return true; // already renewed by another request
    if (this.now() - this.token.issuedAt < APNS_TOKEN_MIN_AGE_MS) return false;
    this.token = undefined;
    return true;
  }
}
