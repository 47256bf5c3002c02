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

describe('RecentPairs with one key per group', () => {
  it('tells keys of a one-key group apart, and grows the group when a second key comes', () => {
    const pairs = new RecentPairs(100);
    expect(pairs.add('tok1', 'p1')).toBe(true);
    expect(pairs.has('tok1', 'p2')).toBe(false);
    expect(pairs.has('tok2', 'p1')).toBe(false);
    expect(pairs.add('tok1', 'p2')).toBe(true);
    expect(pairs.add('tok1', 'p3')).toBe(true);
    expect(['p1', 'p2', 'p3'].map((k) => pairs.add('tok1', k))).toEqual([false, false, false]);
    // Equal content, another string object: still the same key.
    expect(pairs.has('tok1', ['p', '1'].join(''))).toBe(true);
  });
});

describe('RecentPairs.expire', () => {
  it('forgets every pair of a quiet node within two generations, keeping each at least one', () => {
    const pairs = new RecentPairs(1000);
    pairs.add('tok', 'p1');
    pairs.expire(0, 5000); // first sight of this generation
    pairs.expire(4999, 5000);
    expect(pairs.has('tok', 'p1')).toBe(true);
    pairs.expire(5000, 5000); // retired: still remembered as the previous generation
    expect(pairs.has('tok', 'p1')).toBe(true);
    pairs.add('tok', 'p2');
    expect(pairs.add('tok', 'p1')).toBe(false);
    pairs.expire(10_000, 5000);
    expect(pairs.has('tok', 'p1')).toBe(false);
    expect(pairs.has('tok', 'p2')).toBe(true);
    pairs.expire(15_000, 5000);
    expect(pairs.has('tok', 'p2')).toBe(false);
  });

  it('counts a generation started by the count bound from when expire first sees it', () => {
    const pairs = new RecentPairs(2); // a generation of 1
    pairs.expire(0, 5000);
    pairs.add('a', '1');
    pairs.add('b', '2'); // count rotation: [a 1] [b 2]
    pairs.expire(6000, 5000); // first sight of [b 2]: nothing retired yet
    expect(pairs.has('b', '2')).toBe(true);
    expect(pairs.has('a', '1')).toBe(true);
    pairs.expire(11_000, 5000);
    expect(pairs.has('a', '1')).toBe(false);
    expect(pairs.has('b', '2')).toBe(true);
  });
});
