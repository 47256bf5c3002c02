import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

/** A random source that returns the given values in turn, then repeats the last. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

describe('Backoff', () => {
  it('doubles the ceiling per attempt and never exceeds maxMs', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1_000, jitter: 0 });
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000, 1_000]);
    expect(backoff.attempt).toBe(8);
  });

  it('keeps every jittered delay within [ceiling·(1−jitter), ceiling]', () => {
    const backoff = new Backoff({ initialMs: 250, maxMs: 8_000, jitter: 0.5 });
    for (let attempt = 0; attempt < 200; attempt++) {
      const ceiling = Math.min(8_000, 250 * 2 ** attempt);
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.5));
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });

  it('spreads delays with the random source: 0 gives the ceiling, near 1 gives the floor', () => {
    const backoff = new Backoff({ initialMs: 1_000, maxMs: 1_000, jitter: 0.5, random: sequence(0, 0.5, 0.999_999) });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([1_000, 750, 500]);
  });

  it('actually varies with Math.random: a fleet does not retry in lockstep', () => {
    const delays = new Set<number>();
    for (let device = 0; device < 50; device++) delays.add(new Backoff({ initialMs: 10_000 }).next());
    expect(delays.size).toBeGreaterThan(10);
  });

  it('starts from initialMs again after reset', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 10_000, jitter: 0 });
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(100);
  });

  it('stays finite after a very long outage', () => {
    const backoff = new Backoff({ initialMs: 500, maxMs: 30_000, jitter: 0 });
    for (let i = 0; i < 5_000; i++) backoff.next();
    expect(backoff.next()).toBe(30_000);
  });

  it('honours a goaway hint without counting a failure', () => {
    const backoff = new Backoff({ initialMs: 400, jitter: 0.5, random: sequence(0, 0.999_999) });
    expect(backoff.afterHint(2_000)).toBe(2_000);
    expect(backoff.afterHint(2_000)).toBe(2_200);
    expect(backoff.afterHint(-5)).toBeGreaterThanOrEqual(0);
    expect(backoff.attempt).toBe(0);
  });

  it('rejects options that cannot produce sane delays', () => {
    expect(() => new Backoff({ initialMs: 0 })).toThrow(RangeError);
    expect(() => new Backoff({ initialMs: 1_000, maxMs: 10 })).toThrow(/maxMs/);
    expect(() => new Backoff({ multiplier: 0.5 })).toThrow(/multiplier/);
    expect(() => new Backoff({ jitter: 1.5 })).toThrow(/jitter/);
  });
});
