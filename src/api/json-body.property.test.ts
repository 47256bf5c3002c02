// Property tests of the body parser: it never throws, agrees with JSON.parse on
// what parses, and echoes every int64 seq digit for digit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonBody, topLevelRawValue } from './json-body.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** A JSON object text with `seq` spliced in at a random place among its keys. */
const withSeq = (seqText: string) =>
  fc.tuple(fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => k !== 'seq'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }), fc.nat(), fc.boolean())
    .map(([obj, at, pretty]) => {
      const parts = Object.entries(obj).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v, null, pretty ? 2 : undefined)}`);
      parts.splice(at % (parts.length + 1), 0, `"seq"${pretty ? ' : ' : ':'}${seqText}`);
      return `{${parts.join(pretty ? ',\n  ' : ',')}}`;
    });

describe('parseJsonBody properties', () => {
  it('never throws, and parses exactly what JSON.parse parses', () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }).map(utf8), fc.json().map(utf8)), (bytes) => {
      const body = parseJsonBody(bytes);
      let parsed = true;
      try {
        JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, ''));
      } catch {
        parsed = false;
      }
      expect(body.parsed).toBe(parsed);
      expect(body.seq).toMatch(/^-?\d+$/);
      if (!body.seqValid) expect(body.seq).toBe('0');
    }), { numRuns: 5000 });
  });

  it('echoes every int64 seq exactly, wherever it sits in the object', () => {
    const seqAndBody = fc.bigInt(INT64_MIN, INT64_MAX).chain((seq) => withSeq(seq.toString()).map((text) => [seq, text] as const));
    fc.assert(fc.property(seqAndBody, ([seq, text]) => {
      expect(parseJsonBody(utf8(text))).toMatchObject({ parsed: true, seqValid: true, seq: seq.toString() });
    }), { numRuns: 3000 });
  });

  it('flags a seq outside int64, fractional or not a number, and echoes 0', () => {
    const bad = fc.oneof(
      fc.bigInt({ min: INT64_MAX + 1n }).map(String),
      fc.bigInt({ max: INT64_MIN - 1n }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)).map(String),
      fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
      fc.constantFrom('true', 'false', '[]', '{}', '[1]'),
    );
    fc.assert(fc.property(bad.chain(withSeq), (text) => {
      expect(parseJsonBody(utf8(text))).toMatchObject({ parsed: true, seqValid: false, seq: '0' });
    }), { numRuns: 3000 });
  });

  it('topLevelRawValue reads back the text of any top-level value', () => {
    const obj = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 6 });
    fc.assert(fc.property(obj, fc.nat(), fc.constantFrom(undefined, 1, 2, '\t'), (value, pick, indent) => {
      const keys = Object.keys(value);
      const key = keys[pick % keys.length]!;
      const raw = topLevelRawValue(JSON.stringify(value, null, indent), key);
      expect(raw).toBeDefined();
      expect(JSON.parse(raw!)).toEqual(JSON.parse(JSON.stringify(value[key])));
    }), { numRuns: 3000 });
  });
});
