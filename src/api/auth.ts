// Authentication of /v3 calls: XG's Basic scheme and TPNS's signature scheme.
//
// Unknown app → 10606 (XG: "app 未注册"), wrong secret or bad signature → 10104.
// Telling the two apart leaks nothing worth hiding: an AccessID is embedded in
// every copy of the mobile app, so it is public; only the secret is not.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { CLOCK_ON_EACH_CHECK } from '../ttl-cache.js';
import { ApiError, RetCode } from '../errors.js';
import type { HttpRequest } from '../http/types.js';
import type { AppRecord, AppStore } from '../stores/types.js';

/**
 * How long an app lookup (found or not) is served from memory. Bounds how long
 * a rotated secret keeps working and how long a new app answers 10606, while
 * keeping the store off the hot path of every push.
 */
export const APP_CACHE_TTL_MS = 5_000;
/** Apps kept in the lookup cache; unknown ids are cached too, so this bounds a scan. */
export const APP_CACHE_MAX = 10_000;

export interface AuthenticatorOptions {
  apps: AppStore;
  signWindowSeconds: number;
  /** ms since epoch. */
  now: () => number;
  cacheTtlMs?: number;
}

/** The secret's digest is computed once per cache fill, not per request. */
type Lookup = { app: AppRecord; secretDigest: Buffer } | { app: undefined };

export class Authenticator {
  private readonly cache: LRUCache<string, Lookup>;
  /**
   * Authorization headers that verified lately → their app. An app server sends
   * the same header on every call: one map lookup instead of a parse and a
   * sha256 per push. Same lifetime as the app cache, so a rotated secret stops
   * working as soon as it would without this.
   */
  private readonly verifiedHeaders: LRUCache<string, AppRecord>;

  constructor(private readonly opts: AuthenticatorOptions) {
    // fetch() also coalesces concurrent lookups of one id into one store read.
    this.cache = new LRUCache<string, Lookup>({
      ...CLOCK_ON_EACH_CHECK,
      max: APP_CACHE_MAX,
      ttl: opts.cacheTtlMs ?? APP_CACHE_TTL_MS,
      fetchMethod: async (accessId): Promise<Lookup> => {
        const app = await opts.apps.get(accessId);
        return app ? { app, secretDigest: digest(app.secretKey) } : { app: undefined };
      },
    });
    this.verifiedHeaders = new LRUCache<string, AppRecord>({ ...CLOCK_ON_EACH_CHECK, max: 1_000, ttl: opts.cacheTtlMs ?? APP_CACHE_TTL_MS });
  }

  /** The app of a Basic header verified lately, without a wait; undefined: call `authenticate`. */
  verified(req: HttpRequest): AppRecord | undefined {
    const header = req.headers['authorization'];
    return header === undefined || req.headers['sign'] !== undefined ? undefined : this.verifiedHeaders.get(header);
  }

  /**
   * The app that signed or authorised `req`. When a `Sign` header is present the
   * signature scheme is used, as it also covers the body; otherwise Basic.
   * Throws ApiError (10104, 10606); store failures propagate as they are.
   */
  async authenticate(req: HttpRequest): Promise<AppRecord> {
    if (req.headers['sign'] !== undefined) return this.checkSignature(req);
    const header = req.headers['authorization'];
    if (header === undefined) {
      throw new ApiError(RetCode.AUTH_FAILED, 'missing Authorization (Basic) or AccessId/TimeStamp/Sign headers');
    }
    const known = this.verifiedHeaders.get(header);
    if (known) return known;
    const credentials = parseBasic(header);
    if (!credentials) throw new ApiError(RetCode.AUTH_FAILED, 'Authorization must be "Basic base64(access_id:secret_key)"');
    const { app, secretDigest } = await this.lookup(credentials.accessId);
    if (!timingSafeEqual(digest(credentials.secretKey), secretDigest)) throw new ApiError(RetCode.AUTH_FAILED, 'wrong secret key');
    this.verifiedHeaders.set(header, app);
    return app;
  }

  private async checkSignature(req: HttpRequest): Promise<AppRecord> {
    const accessId = req.headers['accessid'];
    const timestamp = req.headers['timestamp'];
    const sign = req.headers['sign'] ?? '';
    if (!accessId || !timestamp) throw new ApiError(RetCode.AUTH_FAILED, 'signature auth needs AccessId, TimeStamp and Sign headers');
    if (!/^\d{1,12}$/.test(timestamp)) throw new ApiError(RetCode.AUTH_FAILED, 'TimeStamp must be unix seconds');
    const skew = Math.abs(this.opts.now() / 1000 - Number(timestamp));
    if (skew > this.opts.signWindowSeconds) {
      throw new ApiError(RetCode.AUTH_FAILED, `TimeStamp is more than ${this.opts.signWindowSeconds} s from server time`);
    }
    const { app } = await this.lookup(accessId);
    const expected = tpnsSign(timestamp, accessId, req.body, app.secretKey);
    if (!secretsEqual(sign, expected)) throw new ApiError(RetCode.AUTH_FAILED, 'signature mismatch');
    return app;
  }

  private async lookup(accessId: string): Promise<{ app: AppRecord; secretDigest: Buffer }> {
    const found = await this.cache.fetch(accessId);
    if (!found?.app) throw new ApiError(RetCode.APP_NOT_REGISTERED, `app ${accessId} is not registered`);
    return found;
  }
}

/** base64 of the lowercase hex text of HMAC-SHA256(secretKey, timestamp + accessId + body), as TPNS defines it. */
export function tpnsSign(timestamp: string, accessId: string, body: Uint8Array | string, secretKey: string): string {
  const hex = createHmac('sha256', secretKey).update(timestamp).update(accessId).update(body).digest('hex');
  return Buffer.from(hex, 'utf8').toString('base64');
}

/** The Authorization header value XG clients send. */
export function basicAuthorization(accessId: string, secretKey: string): string {
  return `Basic ${Buffer.from(`${accessId}:${secretKey}`, 'utf8').toString('base64')}`;
}

function parseBasic(header: string): { accessId: string; secretKey: string } | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { accessId: decoded.slice(0, colon), secretKey: decoded.slice(colon + 1) };
}

/** Comparing digests makes the comparison constant-time in the length as well. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
