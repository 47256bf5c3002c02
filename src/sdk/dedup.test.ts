import { describe, expect, it } from 'vitest';
import { DEFAULT_DEDUP_CAPACITY, SeenIds } from './dedup.js';

describe('SeenIds', () => {
  it('reports an id as new once, then as seen', () => {
    const seen = new SeenIds();
    expect(seen.add('m1')).toBe(true);
    expect(seen.add('m1')).toBe(false);
    expect(seen.has('m1')).toBe(true);
    expect(seen.has('m2')).toBe(false);
  });

  it('never holds more than its capacity', () => {
    const seen = new SeenIds(100);
    for (let i = 0; i < 1_000; i++) seen.add(`m${i}`);
    expect(seen.size).toBe(100);
    expect(seen.has('m899')).toBe(false);
    expect(seen.has('m900')).toBe(true);
    expect(seen.has('m999')).toBe(true);
  });

  it('keeps 10,000 ids by default', () => {
    const seen = new SeenIds();
    for (let i = 0; i < DEFAULT_DEDUP_CAPACITY + 1; i++) seen.add(String(i));
    expect(seen.size).toBe(10_000);
    expect(seen.has('0')).toBe(false);
    expect(seen.has('1')).toBe(true);
  });

  it('evicts the least recently seen id, not the first inserted', () => {
    const seen = new SeenIds(3);
    seen.add('a');
    seen.add('b');
    seen.add('c');
    // 'a' comes again (a redelivery): it becomes the newest.
    expect(seen.add('a')).toBe(false);
    seen.add('d');
    expect(seen.has('a')).toBe(true);
    expect(seen.has('b')).toBe(false);
    expect([seen.has('c'), seen.has('d')]).toEqual([true, true]);
  });

  it('forgets everything on clear', () => {
    const seen = new SeenIds(5);
    seen.add('x');
    seen.clear();
    expect(seen.size).toBe(0);
    expect(seen.add('x')).toBe(true);
  });

  it('lists the most recent ids still able to come again, oldest first', () => {
    const seen = new SeenIds(10);
    seen.add('old', 100);
    seen.add('a', 1_000);
    seen.add('expired', 50);
    seen.add('b', 2_000);
    seen.add('c', 3_000);
    expect(seen.recent(10, 60)).toEqual([
      { id: 'old', until: 100 }, { id: 'a', until: 1_000 }, { id: 'b', until: 2_000 }, { id: 'c', until: 3_000 },
    ]);
    expect(seen.recent(2, 60).map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('restores saved ids, skipping those past their until, and counts only new ids as changes', () => {
    const seen = new SeenIds(10);
    seen.add('live', 500);
    const version = seen.version;
    seen.restore([{ id: 'gone', until: 90 }, { id: 'kept', until: 200 }, { id: 'live', until: 500 }], 100);
    expect([seen.has('gone'), seen.has('kept'), seen.has('live')]).toEqual([false, true, true]);
    expect(seen.version).toBe(version + 1);
    seen.add('kept', 200);
    expect(seen.version).toBe(version + 1);
  });

  it('rejects a capacity that could not hold anything', () => {
    expect(() => new SeenIds(0)).toThrow(RangeError);
    expect(() => new SeenIds(2.5)).toThrow(RangeError);
  });
});
