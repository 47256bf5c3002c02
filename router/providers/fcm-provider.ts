// FCM HTTP v1: POST {url}/v1/projects/{project}/messages:send with a bearer
// access token from the app's service account. One provider per app's
// credentials; its keep-alive agent bounds the requests in flight.
import type { Logger } from '../../src/log.js';
import type { FcmServiceAccount } from '../../src/provider-credentials.js';
import { FcmAccessTokens, FcmAuthError } from './fcm-auth.js';
import { fcmMessage } from './fcm-message.js';
import { keepAliveAgents, post, PostError, type Agents, type PostAnswer } from './https-post.js';
import { retryAfterMs, snakeReason, type ProviderNotification, type ProviderResult, type PushProvider } from './provider.js';

export interface FcmProviderOptions {
  account: FcmServiceAccount;
  /** e.g. https://fcm.googleapis.com */
  url: string;
  /** Requests in flight (sockets per origin). */
  concurrency: number;
  timeoutMs: number;
  /** Extra trusted CA for tests; production uses NODE_EXTRA_CA_CERTS. */
  ca?: string | Buffer;
  logger: Logger;
  now?: () => number;
}

const RETRIED = new Set(['QUOTA_EXCEEDED', 'UNAVAILABLE', 'INTERNAL']);

interface GoogleError {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<{ '@type'?: string; errorCode?: string; fieldViolations?: Array<{ field?: string }> }>;
}

export class FcmProvider implements PushProvider {
  readonly name = 'fcm' as const;
  private readonly agents: Agents;
  private readonly tokens: FcmAccessTokens;
  private readonly sendUrl: URL;
  private readonly now: () => number;
  private readonly logger: Logger;
  private closed = false;

  constructor(private readonly options: FcmProviderOptions) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger.child({ component: 'fcm' });
    this.agents = keepAliveAgents(options.concurrency, options.ca);
    this.tokens = new FcmAccessTokens(options.account, this.agents, options.timeoutMs, this.now);
    this.sendUrl = new URL(`/v1/projects/${encodeURIComponent(options.account.projectId)}/messages:send`, options.url);
  }

  async send(n: ProviderNotification): Promise<ProviderResult> {
    if (this.closed) return { kind: 'failed', reason: 'fcm_closed' };
    let accessToken: string;
    try {
      accessToken = await this.tokens.get();
    } catch (err) {
      if (!(err instanceof FcmAuthError)) throw err;
      this.logger.warn({ push_id: n.pushId, reason: err.reason }, 'no FCM access token');
      return err.retry ? { kind: 'retry', reason: err.reason, delayMs: err.delayMs } : { kind: 'failed', reason: err.reason };
    }
    const body = JSON.stringify({ message: fcmMessage(n, this.now()) });
    let answer: PostAnswer;
    try {
      answer = await post(this.sendUrl, { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json; charset=utf-8' }, body, this.agents, this.options.timeoutMs);
    } catch (err) {
      if (!(err instanceof PostError)) throw err;
      this.logger.debug({ push_id: n.pushId, err: err.message }, 'FCM request got no answer');
      return { kind: 'retry', reason: `fcm_${err.kind}`, delayMs: 0 };
    }
    const result = this.outcome(answer, accessToken);
    if (result.kind !== 'delivered') this.logger.debug({ push_id: n.pushId, status: answer.status, result }, 'FCM did not accept a message');
    return result;
  }

  /** Google's error bodies → our outcomes (see the README's Push providers section). */
  private outcome(answer: PostAnswer, accessToken: string): ProviderResult {
    if (answer.status === 200) return { kind: 'delivered' };
    let error: GoogleError = {};
    try {
      error = (JSON.parse(answer.body) as { error?: GoogleError }).error ?? {};
    } catch {
      // not Google's JSON (a proxy's page): judged by the HTTP status alone
    }
    const fcmCode = error.details?.find((d) => d['@type']?.endsWith('google.firebase.fcm.v1.FcmError'))?.errorCode;
    const code = fcmCode ?? error.status ?? `status_${answer.status}`;
    const retryAfter = retryAfterMs(answer.headers['retry-after'], this.now()) ?? 0;
    if (code === 'UNREGISTERED') return { kind: 'token_invalid', reason: 'fcm_unregistered' };
    if (code === 'INVALID_ARGUMENT' && isTokenProblem(error)) return { kind: 'token_invalid', reason: 'fcm_invalid_token' };
    if (RETRIED.has(code)) return { kind: 'retry', reason: snakeReason('fcm', code), delayMs: retryAfter };
    if (answer.status === 401 && !fcmCode) {
      // Our access token was refused (revoked, or expired early): fetch another and go again.
      this.tokens.invalidate(accessToken);
      return { kind: 'retry', reason: 'fcm_unauthenticated', delayMs: 0 };
    }
    if (!fcmCode && (answer.status === 429 || answer.status >= 500)) return { kind: 'retry', reason: snakeReason('fcm', code), delayMs: retryAfter };
    return { kind: 'failed', reason: snakeReason('fcm', code) };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

/** INVALID_ARGUMENT is about the token when the token field is the one named, not the payload. */
function isTokenProblem(error: GoogleError): boolean {
  const fields = (error.details ?? []).flatMap((d) => d.fieldViolations ?? []).map((v) => v.field);
  if (fields.length > 0) return fields.every((f) => f === 'message.token');
  return /registration token/i.test(error.message ?? '');
}
