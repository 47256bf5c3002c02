import { describe, expect, it } from 'vitest';
import { CodecError, decode, encode } from './codec.js';

describe('codec', () => {
  it('round-trips nested records, unicode and empty values', () => {
    const value = { kind: 'deliver', deliveries: [{ title: '你好 👋', content: '', n: 1_700_000_000_000_001, custom: { a: [1, { b: null }] } }] };
    expect(decode(encode(value))).toEqual(value);
    expect(decode(encode([]))).toEqual([]);
  });

  it('keeps earlier results intact when it packs again', () => {
    const first = encode({ a: 'first' });
    const copy = Buffer.from(first);
    for (let i = 0; i < 1000; i++) encode({ filler: 'x'.repeat(i) });
    expect(first.equals(copy)).toBe(true);
    expect(decode(first)).toEqual({ a: 'first' });
  });

  it('throws CodecError on bytes that are not MessagePack', () => {
    expect(() => decode(Buffer.from([0x93, 1]))).toThrowError(CodecError); // an array of 3 cut short
    expect(() => decode(Buffer.from([1, 2, 3]))).toThrowError(CodecError); // bytes left over
    expect(() => decode(Buffer.alloc(0))).toThrowError(CodecError);
  });
});
