// Jittered exponential backoff for reconnects.
//
// Contract: the n-th delay (n from 0) lies in [ceil·(1 − jitter), ceil] where
// ceil = min(maxMs, initialMs · multiplier^n). The upper bound keeps a device
// from waiting longer than maxMs; the lower bound keeps a whole fleet that lost
// one gateway from coming back in the same few milliseconds (which "full
// jitter", a uniform draw from [0, ceil], does not: a share of devices would
// retry instantly and hammer a node that is already struggling).

export interface BackoffOptions {
  /** First delay's ceiling. */
  initialMs?: number;
  /** No delay exceeds this. */
  maxMs?: number;
  /** Growth per attempt. */
  multiplier?: number;
  /** Fraction of the ceiling that is randomised, 0..1. */
  jitter?: number;
  /** A source of uniform numbers in [0, 1); injectable so tests are exact. */
  random?: () => number;
}

/** Half a second: quick enough that a blip is invisible, slow enough not to spin. */
export const DEFAULT_BACKOFF_INITIAL_MS = 500;
/** Half a minute: a phone that lost its network notices the return within this. */
export const DEFAULT_BACKOFF_MAX_MS = 30_000;
export const DEFAULT_BACKOFF_MULTIPLIER = 2;
/** Spread each retry over the upper half of its window. */
export const DEFAULT_BACKOFF_JITTER = 0.5;

export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly multiplier: number;
  readonly jitter: number;
  private readonly random: () => number;
  private attempts = 0;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? DEFAULT_BACKOFF_INITIAL_MS;
    this.maxMs = options.maxMs ?? DEFAULT_BACKOFF_MAX_MS;
    this.multiplier = options.multiplier ?? DEFAULT_BACKOFF_MULTIPLIER;
    this.jitter = options.jitter ?? DEFAULT_BACKOFF_JITTER;
    this.random = options.random ?? Math.random;
    if (!(this.initialMs > 0)) throw new RangeError(`backoff initialMs must be > 0, got ${this.initialMs}`);
    if (!(this.maxMs >= this.initialMs)) {
      throw new RangeError(`backoff maxMs must be >= initialMs, got ${this.maxMs} < ${this.initialMs}`);
    }
    if (!(this.multiplier >= 1)) throw new RangeError(`backoff multiplier must be >= 1, got ${this.multiplier}`);
    if (!(this.jitter >= 0 && this.jitter <= 1)) throw new RangeError(`backoff jitter must be in 0..1, got ${this.jitter}`);
  }

  /** Failed attempts since the last reset. */
  get attempt(): number {
    return this.attempts;
  }

  /** The ceiling of the next delay, before jitter. */
  ceiling(): number {
    // Exponent capped so the power never overflows to Infinity on a long outage.
    const exponent = Math.min(this.attempts, 64);
    return Math.min(this.maxMs, this.initialMs * this.multiplier ** exponent);
  }

  /** The delay before the next attempt; each call counts one more failure. */
  next(): number {
    const ceil = this.ceiling();
    this.attempts++;
    return Math.round(ceil * (1 - this.jitter * this.random()));
  }

  /**
   * The delay before reconnecting when the server named one (goaway): the
   * hint plus up to jitter × initialMs, so that every device of a draining
   * node does not return in the same millisecond. Not counted as a failure.
   */
  afterHint(hintMs: number): number {
    return Math.max(0, hintMs) + Math.round(this.initialMs * this.jitter * this.random());
  }

  /** After a successful session: the next failure starts from initialMs again. */
  reset(): void {
    this.attempts = 0;
  }
}
