// OAuth2 access tokens for FCM HTTP v1 from a service account: an RS256 JWT
// assertion (iss client_email, scope firebase.messaging, aud token_uri) posted
// to the account's token_uri as a jwt-bearer grant. A token is shared by every
// send and fetched again shortly before it expires; concurrent callers share
// one fetch.
import type { KeyObject } from 'node:crypto';
import { parsePrivateKey, type FcmServiceAccount } from '../../src/provider-credentials.js';
import { post, PostError, type Agents } from './https-post.js';
import { signJwt } from './jwt.js';
import { retryAfterMs, snakeReason } from './provider.js';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
/** Google caps an assertion at an hour. */
const ASSERTION_SECONDS = 3600;
/** A token is replaced this long before Google's expiry, so no send carries one about to lapse. */
export const FCM_TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/** Why no access token could be had: retry (`delayMs`) or fail with `reason`. */
export class FcmAuthError extends Error {
  constructor(
    readonly retry: boolean,
    readonly reason: string,
    readonly delayMs = 0,
  ) {
    super(reason);
    this.name = 'FcmAuthError';
  }
}

export class FcmAccessTokens {
  private readonly key: KeyObject;
  private readonly tokenUrl: URL;
  private cached: { token: string; refreshAt: number } | undefined;
  private fetching: Promise<string> | undefined;

  constructor(
    private readonly account: FcmServiceAccount,
    private readonly agents: Agents,
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {
    this.key = parsePrivateKey('RS256', account.privateKey, "the FCM service account's private key");
    this.tokenUrl = new URL(account.tokenUri);
  }

  /** A valid access token; throws FcmAuthError. */
  get(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token);
    this.fetching ??= this.fetch().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  /** FCM rejected `token` (401): fetch a new one on the next get(). */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetch(): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    const assertion = signJwt(
      'RS256',
      this.key,
      { kid: this.account.privateKeyId },
      { iss: this.account.clientEmail, scope: FCM_SCOPE, aud: this.account.tokenUri, iat, exp: iat + ASSERTION_SECONDS },
    );
    const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString();
    let answer;
    try {
      answer = await post(this.tokenUrl, { 'content-type': 'application/x-www-form-urlencoded' }, form, this.agents, this.timeoutMs);
    } catch (err) {
      if (err instanceof PostError) throw new FcmAuthError(true, `fcm_auth_${err.kind}`);
      throw err;
    }
    let json: { access_token?: unknown; expires_in?: unknown; error?: unknown } = {};
    try {
      json = JSON.parse(answer.body) as typeof json;
    } catch {
      // a proxy's HTML page: judged by its status below
    }
    if (answer.status === 200 && typeof json.access_token === 'string' && typeof json.expires_in === 'number') {
      const lifetimeMs = json.expires_in * 1000;
      // Short-lived tokens (never Google's hour) are kept for half their life instead.
      this.cached = { token: json.access_token, refreshAt: this.now() + Math.max(lifetimeMs / 2, lifetimeMs - FCM_TOKEN_REFRESH_MARGIN_MS) };
      return json.access_token;
    }
    const reason = snakeReason('fcm', `auth_${typeof json.error === 'string' ? json.error : `status_${answer.status}`}`);
    if (answer.status === 429 || answer.status >= 500) {
      throw new FcmAuthError(true, reason, retryAfterMs(answer.headers['retry-after'], this.now()) ?? 0);
    }
    throw new FcmAuthError(false, reason);
  }
}
