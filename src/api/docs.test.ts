// docs/rest-api.md carries the ret_code table; this keeps it in step with the registry.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RetCode } from '../errors.js';

const doc = readFileSync(new URL('../../docs/rest-api.md', import.meta.url), 'utf8');
/** In the registry, deliberately never sent by the REST API; the doc says why. */
const NOT_SENT: readonly number[] = [RetCode.MULTI_PLATFORM_UNSUPPORTED];

describe('docs/rest-api.md', () => {
  it.each(Object.entries(RetCode))('documents %s', (_name, code) => {
    if (NOT_SENT.includes(code)) expect(doc).toContain(String(code));
    else expect(doc).toMatch(new RegExp(`^\\| ${code} \\| 200 \\|`, 'm'));
  });

  it('documents no code the registry lacks', () => {
    const rows = [...doc.matchAll(/^\| (\d+) \| 200 \|/gm)].map((m) => Number(m[1]));
    expect(rows.filter((c) => !(Object.values(RetCode) as number[]).includes(c))).toEqual([]);
  });
});
