import { describe, expect, it } from 'vitest';
import { compareMessageIds } from '../../messages.js';
import { byAppMember, hashTag, keys, pushIdOfMember } from './keys.js';

describe('Redis key layout', () => {
  it("puts a token's keys in one cluster slot, and different tokens apart", () => {
    for (const token of ['abc', 'A-b_c.9', 'x'.repeat(64)]) {
      expect(hashTag(keys.device(token))).toBe(token);
      expect(hashTag(keys.route(token))).toBe(token);
    }
    expect(hashTag(keys.device('t1'))).not.toBe(hashTag(keys.device('t2')));
  });

  it("puts a push's record and counters in one slot", () => {
    expect(hashTag(keys.push('1700000000000001'))).toBe(hashTag(keys.counters('1700000000000001')));
  });

  it('follows Redis Cluster hash tag rules', () => {
    expect(hashTag('plain')).toBe('plain');
    expect(hashTag('a{}b{c}')).toBe('a{}b{c}'); // an empty first tag hashes the whole key
    expect(hashTag('a{b}{c}')).toBe('b');
  });

  it('orders by-app members bytewise as compareMessageIds orders push ids', () => {
    const ids = ['9', '10', '11', '99', '100', '1700000000000000', '1700000000000001', '2'];
    const bytewise = ids.map(byAppMember).sort().map(pushIdOfMember);
    expect(bytewise).toEqual([...ids].sort(compareMessageIds));
  });
});
