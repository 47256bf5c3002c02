import { describe, expect, it } from 'vitest';
import { parseJsonBody, topLevelRawValue } from './json-body.js';

const parse = (text: string) => parseJsonBody(Buffer.from(text, 'utf8'));

describe('parseJsonBody', () => {
  it('echoes a small seq and defaults to 0', () => {
    expect(parse('{"seq":42}').seq).toBe('42');
    expect(parse('{"seq":-7}').seq).toBe('-7');
    expect(parse('{"a":1}').seq).toBe('0');
    expect(parse('{"seq":null}').seq).toBe('0');
  });

  it('keeps every digit of an int64 seq beyond 2^53', () => {
    expect(parse('{"seq": 9223372036854775807, "x": 1}').seq).toBe('9223372036854775807');
    expect(parse('{"seq":-9223372036854775808}').seq).toBe('-9223372036854775808');
  });

  it('reads seq from the top level only, last occurrence winning', () => {
    const text = '{"message":{"seq":1,"t":"\\"seq\\":2"},"seq":9007199254740993,"list":[{"seq":3}]}';
    expect(parse(text).seq).toBe('9007199254740993');
    expect(topLevelRawValue('{"seq":1, "seq" : 2}', 'seq')).toBe('2');
  });

  it('flags a seq that is not an int64', () => {
    for (const text of ['{"seq":1.5}', '{"seq":"12"}', '{"seq":9223372036854775808}', '{"seq":1e300}']) {
      const body = parse(text);
      expect(body.seqValid, text).toBe(false);
      expect(body.seq).toBe('0');
    }
  });

  it('reports bodies that are not JSON with seq 0', () => {
    expect(parse('{"seq":5,')).toMatchObject({ parsed: false, seq: '0' });
    expect(parse('')).toMatchObject({ parsed: false, seq: '0' });
  });

  it('accepts a UTF-8 BOM and non-object JSON', () => {
    expect(parse('\uFEFF{"seq":3}')).toMatchObject({ parsed: true, seq: '3' });
    expect(parse('[1,2]')).toMatchObject({ parsed: true, seq: '0', seqValid: true });
  });
});
