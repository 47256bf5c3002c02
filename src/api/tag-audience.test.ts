// Parsing a tag push's audience: XG's tag_list and TPNS's tag_rules (with the
// TPNS doc's own example), evaluated over a small app to check AND/OR/NOT.
import { describe, expect, it } from 'vitest';
import { ApiError, RetCode } from '../errors.js';
import { evaluateTagExpression, materialize } from '../stores/tag-expression.js';
import { parseTagAudience } from './tag-audience.js';

const MEMBERS: Record<string, string[]> = {
  guangdong: ['t1', 't2', 't3'],
  hunan: ['t4', 't5'],
  '20200408': ['t1', 't4', 't6'],
  male: ['t1', 't4', 't5'],
  beta: ['t4'],
};
const ALL = ['t1', 't2', 't3', 't4', 't5', 't6', 't7'];

async function audience(body: Record<string, unknown>): Promise<string[]> {
  const result = evaluateTagExpression(parseTagAudience(body), (tag) => new Set(MEMBERS[tag] ?? []));
  return [...(await materialize(result, async () => ALL))].sort();
}

function code(body: Record<string, unknown>): number | undefined {
  try {
    parseTagAudience(body);
    return undefined;
  } catch (err) {
    return (err as ApiError).retCode;
  }
}

const item = (tags: string[], extra: Record<string, unknown> = {}) => ({ tags, is_not: false, tags_operator: 'OR', items_operator: 'AND', tag_type: 'xg_user_define', ...extra });

describe('tag audience', () => {
  it('reads tag_list with AND and OR', async () => {
    expect(await audience({ tag_list: { tags: ['guangdong', 'male'], op: 'AND' } })).toEqual(['t1']);
    expect(await audience({ tag_list: { tags: ['guangdong', 'hunan'], op: 'OR' } })).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(await audience({ tag_list: { tags: ['male'], op: 'and' } })).toEqual(['t1', 't4', 't5']);
  });

  it('reads the TPNS example: (guangdong OR hunan) AND active 20200408 AND male', async () => {
    const rules = [{
      tag_items: [
        item(['guangdong', 'hunan'], { items_operator: 'OR', tag_type: 'xg_user_define' }),
        item(['20200408']),
        item(['male']),
      ],
      operator: 'OR',
      is_not: false,
    }];
    expect(await audience({ tag_rules: rules, tag_list: { tags: ['hunan'], op: 'OR' } })).toEqual(['t1', 't4']);
  });

  it('negates items and rules (is_not as boolean or TPNS string) and joins rules with their operator', async () => {
    expect(await audience({ tag_rules: [{ tag_items: [item(['male']), item(['beta'], { is_not: 'true' })] }] })).toEqual(['t1', 't5']);
    expect(await audience({ tag_rules: [{ tag_items: [item(['male'])], is_not: true }] })).toEqual(['t2', 't3', 't6', 't7']);
    expect(await audience({ tag_rules: [{ tag_items: [item(['hunan'])] }, { tag_items: [item(['guangdong'])], operator: 'OR' }] })).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(await audience({ tag_rules: [{ tag_items: [item(['male'])] }, { tag_items: [item(['hunan'])], operator: 'AND', is_not: true }] })).toEqual(['t1']);
    expect(await audience({ tag_rules: [{ tag_items: [item(['guangdong', 'male'], { tags_operator: 'AND' })] }] })).toEqual(['t1']);
    expect(await audience({ tag_rules: [{ tag_items: [item(['unknown-tag'], { is_not: true })] }] })).toEqual(ALL);
  });

  it('refuses what it cannot target', () => {
    expect(code({})).toBe(RetCode.MISSING_PARAMETER);
    expect(code({ tag_list: { tags: [], op: 'AND' } })).toBe(RetCode.MISSING_PARAMETER);
    expect(code({ tag_list: { tags: ['a'], op: 'XOR' } })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(code({ tag_list: { tags: ['a'] } })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(code({ tag_list: { tags: ['has space'], op: 'OR' } })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(code({ tag_list: { tags: Array.from({ length: 11 }, (_, i) => `${'x'.repeat(46)}${i}`.slice(-47)), op: 'OR' } })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(code({ tag_list: ['a'] })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(code({ tag_rules: [{ tag_items: [] }] })).toBe(RetCode.MISSING_PARAMETER);
    expect(code({ tag_rules: [{ tag_items: [item(['guangdong'], { tag_type: 'xg_auto_province' })] }] })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(code({ tag_rules: [{ tag_items: [item(['a'])] }, { tag_items: [item(['b'])] }] })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(code({ tag_rules: [{ tag_items: [item(['a']), item(['b'], { items_operator: 'NOT' })] }] })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(code({ tag_rules: [{ tag_items: [item(['a'], { is_not: 'yes' })] }] })).toBe(RetCode.ILLEGAL_PARAMETER);
    const many = Array.from({ length: 6 }, (_, r) => ({ tag_items: [item(Array.from({ length: 20 }, (_, i) => `r${r}-${i}`))], operator: 'OR' }));
    expect(code({ tag_rules: many })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(code({ tag_rules: many.slice(0, 5) })).toBeUndefined();
  });
});
