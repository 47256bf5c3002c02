import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RetCode, type RetCodeValue } from '../errors.js';
import { xgResponse } from './envelope.js';

describe('xgResponse', () => {
  it('is the XG envelope as JSON.stringify writes it, with seq as raw digits', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    const codes = Object.values(RetCode) as RetCodeValue[];
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom(...codes), text, text, text, fc.option(text, { nil: undefined }), (seq, retCode, errMsg, pushId, environment, result) => {
        const { body, status, headers } = xgResponse({ seq: seq.toString(), retCode, errMsg, pushId, environment, result });
        const rest: Record<string, unknown> = { ret_code: retCode, err_msg: errMsg, push_id: pushId, environment };
        if (result !== undefined) rest.result = result;
        expect(body).toBe(`{"seq":${seq},${JSON.stringify(rest).slice(1)}`);
        expect(status).toBe(200);
        expect(headers?.['content-type']).toBe('application/json; charset=utf-8');
      }),
      { numRuns: 300 },
    );
  });

  it('answers seq 0 for a seq that is not an integer', () => {
    expect(JSON.parse(xgResponse({ seq: '1e3', retCode: RetCode.OK, errMsg: '', pushId: '1', environment: 'product' }).body as string).seq).toBe(0);
  });
});
