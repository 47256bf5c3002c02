// APNs over HTTP/2 with token-based auth. One provider per app's credentials;
// it keeps one long-lived session per APNs host (production, development),
// picked per push by its `environment`, and one provider token for both.
import type { Logger } from '../../src/log.js';
import type { ApnsCredentials } from '../../src/provider-credentials.js';
import { ApnsTokenCache } from './apns-auth.js';
import { buildApnsRequest } from './apns-payload.js';
import { Http2Pool, Http2RequestError, type Http2Answer } from './http2-pool.js';
import { retryAfterMs, snakeReason, type ProviderNotification, type ProviderResult, type PushProvider } from './provider.js';

export interface ApnsProviderOptions {
  credentials: ApnsCredentials;
  /** e.g. https://api.push.apple.com */
  productionUrl: string;
  /** e.g. https://api.sandbox.push.apple.com; used when a push's environment is 'dev'. */
  developmentUrl: string;
  /** Streams in flight per session. */
  maxStreams: number;
  timeoutMs: number;
  /** Extra trusted CA for tests; production uses NODE_EXTRA_CA_CERTS. */
  ca?: string | Buffer;
  logger: Logger;
  now?: () => number;
}

/** Hex, even length; Apple's tokens are 64 chars today and may grow. */
const DEVICE_TOKEN = /^(?:[0-9a-fA-F]{2}){32,100}$/;

export class ApnsProvider implements PushProvider {
  readonly name = 'apns' as const;
  private readonly tokens: ApnsTokenCache;
  private readonly pools: { production: Http2Pool; development: Http2Pool };
  private readonly now: () => number;
  private readonly logger: Logger;
  private closed = false;

  constructor(private readonly options: ApnsProviderOptions) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger.child({ component: 'apns' });
    this.tokens = new ApnsTokenCache(options.credentials, this.now);
    const pool = (origin: string) =>
      new Http2Pool({ origin, maxStreams: options.maxStreams, timeoutMs: options.timeoutMs, ca: options.ca, logger: this.logger });
    this.pools = { production: pool(options.productionUrl), development: pool(options.developmentUrl) };
  }

  async send(n: ProviderNotification): Promise<ProviderResult> {
    if (this.closed) return { kind: 'failed', reason: 'apns_closed' };
    if (!DEVICE_TOKEN.test(n.deviceToken)) return { kind: 'token_invalid', reason: 'apns_bad_device_token' };
    const request = buildApnsRequest(n, this.options.credentials.bundleId);
    if ('error' in request) return { kind: 'failed', reason: request.error };
    const jwt = this.tokens.get();
    const pool = n.environment === 'dev' ? this.pools.development : this.pools.production;
    let answer: Http2Answer;
    try {
      answer = await pool.request(
        { ':path': `/3/device/${n.deviceToken}`, authorization: `bearer ${jwt}`, 'content-type': 'application/json', ...request.headers },
        request.body,
      );
    } catch (err) {
      if (!(err instanceof Http2RequestError)) throw err;
      if (err.kind === 'closed') return { kind: 'failed', reason: 'apns_closed' };
      this.logger.debug({ push_id: n.pushId, err: err.message }, 'APNs request got no answer');
      return { kind: 'retry', reason: `apns_${err.kind}`, delayMs: 0 };
    }
    const result = this.outcome(answer, jwt);
    if (result.kind !== 'delivered') this.logger.debug({ push_id: n.pushId, status: answer.status, result }, 'APNs did not accept a notification');
    return result;
  }

  /** Apple's status codes and reasons → our outcomes (see the README's Push providers section). */
  private outcome(answer: Http2Answer, jwt: string): ProviderResult {
    if (answer.status === 200) return { kind: 'delivered' };
    const reason = apnsReason(answer.body) ?? `status_${answer.status}`;
    const named = snakeReason('apns', reason);
    if (answer.status === 410 || reason === 'BadDeviceToken') return { kind: 'token_invalid', reason: named };
    if (reason === 'ExpiredProviderToken') {
      return this.tokens.expire(jwt) ? { kind: 'retry', reason: named, delayMs: 0 } : { kind: 'failed', reason: named };
    }
    if (answer.status === 429 || answer.status === 500 || answer.status === 503) {
      return { kind: 'retry', reason: named, delayMs: retryAfterMs(answer.headers['retry-after'], this.now()) ?? 0 };
    }
    return { kind: 'failed', reason: named };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.pools.production.close(), this.pools.development.close()]);
  }
}

function apnsReason(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { reason?: unknown };
    return typeof parsed.reason === 'string' && parsed.reason ? parsed.reason : undefined;
  } catch {
    return undefined;
  }
}
