// Token buckets by key (an app, a source address): the limits against abuse
// share this one mechanism. A bucket holds up to `capacity` tokens and refills
// continuously at `perSecond`, so a quiet key may burst `capacity` at once,
// then goes at the sustained rate.
//
// Memory is bounded: at most `maxKeys` buckets are kept, least recently used
// first out. A bucket that falls out was idle longest; it comes back full,
// which is what it would have refilled to anyway unless it was drained moments
// before (only an attacker spreading over more keys than `maxKeys` gets that,
// and the per-app limit still holds them).
import { LRUCache } from 'lru-cache';

interface Bucket {
  tokens: number;
  at: number;
}

export interface BucketSize {
  /** Largest burst; 0 turns the limit off (every take succeeds). */
  capacity: number;
  /** Sustained rate. */
  perSecond: number;
}

/** `n` per minute, up to a minute's worth at once. */
export function perMinute(n: number): BucketSize {
  return { capacity: n, perSecond: n / 60 };
}

/** `n` per second, up to a second's worth at once. */
export function perSecond(n: number): BucketSize {
  return { capacity: n, perSecond: n };
}

export class KeyedTokenBuckets {
  private readonly buckets: LRUCache<string, Bucket>;
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(
    size: BucketSize,
    maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = new LRUCache({ max: maxKeys });
    this.capacity = size.capacity;
    this.perMs = size.perSecond / 1000;
  }

  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** Tokens `key` has now, without taking any. */
  available(key: string): number {
    if (!this.enabled) return Number.POSITIVE_INFINITY;
    return this.refilled(key, this.now()).tokens;
  }

  /**
   * Takes `n` tokens when all are there and returns true; otherwise takes
   * nothing and returns false, so a refused request costs its key nothing.
   */
  take(key: string, n = 1): boolean {
    if (!this.enabled) return true;
    const bucket = this.refilled(key, this.now());
    if (bucket.tokens < n) return false;
    bucket.tokens -= n;
    this.buckets.set(key, bucket);
    return true;
  }

  /** Seconds until `key` has `n` tokens again (a Retry-After hint). */
  secondsUntil(key: string, n = 1): number {
    if (!this.enabled) return 0;
    const missing = n - this.refilled(key, this.now()).tokens;
    return missing <= 0 ? 0 : Math.ceil(missing / this.perMs / 1000);
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    bucket.at = now;
    return bucket;
  }
}
