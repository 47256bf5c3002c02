import { describe, expect, it } from 'vitest';
import { RecentPairs } from './recent-set.js';

describe('RecentPairs in one group', () => {
  it('says whether a key is new, and remembers at least the last max/2 keys and at most max', () => {
    const pairs = new RecentPairs(4);
    const set = { add: (k: string) => pairs.add('g', k), has: (k: string) => pairs.has('g', k) };
    expect(['a', 'b', 'a', 'c'].map((k) => set.add(k))).toEqual([true, true, false, true]);
    expect(['a', 'b', 'c'].every((k) => set.has(k))).toBe(true);
    set.add('d'); // c, d
    set.add('e'); // generations: [c, d], [e]... a and b are gone
    expect(set.has('a')).toBe(false);
    expect(set.has('b')).toBe(false);
    expect(['c', 'd', 'e'].every((k) => set.has(k))).toBe(true);
    expect(set.add('e')).toBe(false);
  });

  it('remembers the newest keys and forgets old ones after many have passed through', () => {
    const pairs = new RecentPairs(1000);
    for (let i = 0; i < 100_000; i++) pairs.add('g', `k${i}`);
    expect(pairs.has('g', 'k99999')).toBe(true);
    expect(pairs.has('g', 'k99500')).toBe(true);
    expect(pairs.has('g', 'k1')).toBe(false);
  });
});

describe('RecentPairs', () => {
  it('says whether a pair is new, per group, and forgets old pairs a generation at a time', () => {
    const pairs = new RecentPairs(4);
    expect([['p1', 'a'], ['p1', 'b'], ['p2', 'a'], ['p1', 'a']].map(([g, k]) => pairs.add(g!, k!))).toEqual([true, true, true, false]);
    expect(pairs.has('p2', 'b')).toBe(false);
    pairs.add('p3', 'x'); // [p1 a, p1 b] [p2 a, p3 x]: a new generation starts
    pairs.add('p3', 'y'); // [p2 a, p3 x] [p3 y]: the first is gone
    expect(pairs.has('p1', 'a')).toBe(false);
    expect(pairs.has('p2', 'a')).toBe(true);
    expect(pairs.add('p3', 'x')).toBe(false);
  });

  it('remembers the newest pairs after many have passed through', () => {
    const pairs = new RecentPairs(1000);
    for (let i = 0; i < 100_000; i++) pairs.add(`push${i % 7}`, `tok${i}`);
    expect(pairs.has(`push${99_999 % 7}`, 'tok99999')).toBe(true);
    expect(pairs.has(`push${1 % 7}`, 'tok1')).toBe(false);
  });
});
