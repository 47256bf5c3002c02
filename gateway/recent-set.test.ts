import { describe, expect, it } from 'vitest';
import { RecentSet } from './recent-set.js';

describe('RecentSet', () => {
  it('says whether a key is new, and forgets the oldest past its size', () => {
    const set = new RecentSet(3);
    expect(['a', 'b', 'a', 'c'].map((k) => set.add(k))).toEqual([true, true, false, true]);
    expect(set.add('d')).toBe(true); // 'a' goes
    expect(set.has('a')).toBe(false);
    expect(['b', 'c', 'd'].every((k) => set.has(k))).toBe(true);
    expect(set.add('a')).toBe(true);
    expect(set.has('b')).toBe(false);
  });
});
