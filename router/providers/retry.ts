// Retries a provider's "retry later" within the push's expiry. A push is never
// dropped silently: it ends delivered, token_invalid, or failed with the last
// reason the provider gave once its expiry leaves no room for another attempt.
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { ProviderNotification, ProviderResult, PushProvider } from './provider.js';

export interface RetryOptions {
  /** Backoff before the 2nd attempt; doubles per attempt up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  now?: () => number;
  /** Resolves after `ms`, rejects when `signal` aborts. Tests pass one that returns at once. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In [0, 1): spreads retries of many pushes apart (half the backoff is random). */
  random?: () => number;
}

/** Sensible production values: a first retry after a second, at most one a minute after that. */
export const DEFAULT_RETRY: RetryOptions = { baseDelayMs: 1000, maxDelayMs: 60_000 };

export class ProviderRetrier {
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: RetryOptions = DEFAULT_RETRY) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms, signal) => sleepFor(ms, undefined, { signal }));
    this.random = options.random ?? Math.random;
  }

  /** The wait before attempt `attempt + 1` (attempt counts from 1): exponential, half jittered. */
  backoff(attempt: number): number {
    const full = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(full / 2 + (full / 2) * this.random());
  }

  /**
   * Sends until the outcome is final. Resolves `retry` only when `signal`
   * aborts (shutdown) with attempts left: the caller keeps the push for later.
   * A push without expiry (expiresAt 0) gets one attempt.
   */
  async send(provider: PushProvider, n: ProviderNotification, signal?: AbortSignal): Promise<ProviderResult> {
    for (let attempt = 1; ; attempt++) {
      const result = await provider.send(n);
      if (result.kind !== 'retry') return result;
      const wait = Math.max(result.delayMs, this.backoff(attempt));
      if (n.expiresAt === 0 || this.now() + wait >= n.expiresAt) return { kind: 'failed', reason: result.reason };
      if (signal?.aborted) return result;
      try {
        await this.sleep(wait, signal);
      } catch (err) {
        if (signal?.aborted) return result;
        throw err;
      }
    }
  }
}
