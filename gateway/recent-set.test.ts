import { describe, expect, it } from 'vitest';
import { RecentSet } from './recent-set.js';

describe('RecentSet', () => {
  it('says whether a key is new, and remembers at least the last max/2 keys and at most max', () => {
    const set = new RecentSet(4);
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
    const set = new RecentSet(1000);
    for (let i = 0; i < 100_000; i++) set.add(`k${i}`);
    expect(set.has('k99999')).toBe(true);
    expect(set.has('k99500')).toBe(true);
    expect(set.has('k1')).toBe(false);
  });
});
