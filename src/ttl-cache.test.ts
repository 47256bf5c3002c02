import { LRUCache } from 'lru-cache';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOCK_ON_EACH_CHECK } from './ttl-cache.js';

describe('CLOCK_ON_EACH_CHECK', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function timersArmedBy(cache: LRUCache<string, number>): number {
    const setTimeout = vi.spyOn(globalThis, 'setTimeout');
    cache.set('a', 1);
    cache.get('a');
    cache.has('a');
    const armed = setTimeout.mock.calls.length;
    setTimeout.mockRestore();
    return armed;
  }

  it('keeps a ttl cache from arming a timer when it reads the clock', () => {
    expect(timersArmedBy(new LRUCache<string, number>({ max: 10, ttl: 60_000 }))).toBeGreaterThan(0); // lru-cache's default
    expect(timersArmedBy(new LRUCache<string, number>({ ...CLOCK_ON_EACH_CHECK, max: 10, ttl: 60_000 }))).toBe(0);
  });

  it('still ages entries out', () => {
    let now = 1_000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const cache = new LRUCache<string, number>({ ...CLOCK_ON_EACH_CHECK, max: 10, ttl: 50 });
    cache.set('a', 1);
    now += 49;
    expect(cache.get('a')).toBe(1);
    now += 2;
    expect(cache.get('a')).toBeUndefined();
  });
});
