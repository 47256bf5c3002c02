import { describe, expect, it } from 'vitest';
import { KeyedTokenBuckets, perMinute, perSecond } from './rate-limit.js';

describe('KeyedTokenBuckets', () => {
  it('lets a key burst its capacity, then refills at the sustained rate, never above capacity', () => {
    const clock = { now: 0 };
    const buckets = new KeyedTokenBuckets(perSecond(10), 100, () => clock.now);
    for (let i = 0; i < 10; i++) expect(buckets.take('a')).toBe(true);
    expect(buckets.take('a')).toBe(false);
    expect(buckets.secondsUntil('a')).toBe(1);
    clock.now += 250; // 2.5 tokens
    expect(buckets.take('a', 2)).toBe(true);
    expect(buckets.take('a')).toBe(false);
    clock.now += 3_600_000;
    expect(buckets.available('a')).toBe(10);
    expect(buckets.take('b')).toBe(true); // keys are independent
  });

  it('takes nothing when it refuses', () => {
    const buckets = new KeyedTokenBuckets(perMinute(3), 100, () => 0);
    expect(buckets.take('a', 2)).toBe(true);
    expect(buckets.take('a', 2)).toBe(false);
    expect(buckets.available('a')).toBe(1);
  });

  it('keeps at most maxKeys buckets; one that falls out comes back full', () => {
    const buckets = new KeyedTokenBuckets(perMinute(1), 2, () => 0);
    expect(buckets.take('a')).toBe(true);
    expect(buckets.take('b')).toBe(true);
    expect(buckets.take('c')).toBe(true); // 'a' was idle longest and falls out
    expect(buckets.take('c')).toBe(false);
    expect(buckets.take('a')).toBe(true);
  });

  it('is off with capacity 0', () => {
    const buckets = new KeyedTokenBuckets(perSecond(0));
    for (let i = 0; i < 1000; i++) expect(buckets.take('a')).toBe(true);
    expect(buckets.secondsUntil('a')).toBe(0);
  });
});
