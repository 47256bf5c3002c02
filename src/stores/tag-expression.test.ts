// Tag expressions against a brute-force reference: random AND/OR/NOT trees over
// random tag memberships, each evaluated symbolically and checked token by token.
import { describe, expect, it, vi } from 'vitest';
import { MemoryTagStore } from './memory/tag-store.js';
import { evaluateTagExpression, materialize, resolveTagExpression, tagsIn, type TagExpression } from './tag-expression.js';

const TAGS = ['a', 'b', 'c', 'd', 'e', 'unused'];
const TOKENS = Array.from({ length: 40 }, (_, i) => `t${i}`);

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

function randomExpression(rand: () => number, depth: number): TagExpression {
  const r = rand();
  if (depth === 0 || r < 0.3) return { kind: 'tag', tag: TAGS[Math.floor(rand() * TAGS.length)]! };
  if (r < 0.45) return { kind: 'not', operand: randomExpression(rand, depth - 1) };
  const operands = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomExpression(rand, depth - 1));
  return { kind: r < 0.72 ? 'and' : 'or', operands };
}

function holds(expr: TagExpression, has: (tag: string) => boolean): boolean {
  if (expr.kind === 'tag') return has(expr.tag);
  if (expr.kind === 'not') return !holds(expr.operand, has);
  return expr.kind === 'and' ? expr.operands.every((e) => holds(e, has)) : expr.operands.some((e) => holds(e, has));
}

describe('tag expressions', () => {
  it('match a token-by-token evaluation for 500 random expressions', async () => {
    const rand = random(11);
    for (let round = 0; round < 500; round++) {
      const members = new Map(TAGS.map((tag) => [tag, new Set(tag === 'unused' ? [] : TOKENS.filter(() => rand() < 0.4))]));
      const expr = randomExpression(rand, 4);
      const result = await materialize(evaluateTagExpression(expr, (tag) => members.get(tag)!), async () => TOKENS);
      const expected = TOKENS.filter((token) => holds(expr, (tag) => members.get(tag)!.has(token)));
      expect([...result].sort(), JSON.stringify(expr)).toEqual(expected.sort());
    }
  });

  it('reads every token of the app only when the result is a complement', async () => {
    const sets: Record<string, Set<string>> = { vip: new Set(['t1', 't2']), beta: new Set(['t2']) };
    const all = vi.fn(async () => ['t1', 't2', 't3']);
    const vipNotBeta: TagExpression = { kind: 'and', operands: [{ kind: 'tag', tag: 'vip' }, { kind: 'not', operand: { kind: 'tag', tag: 'beta' } }] };
    expect([...(await materialize(evaluateTagExpression(vipNotBeta, (t) => sets[t]!), all))]).toEqual(['t1']);
    expect(all).not.toHaveBeenCalled();
    const notVip: TagExpression = { kind: 'not', operand: { kind: 'tag', tag: 'vip' } };
    expect([...(await materialize(evaluateTagExpression(notVip, (t) => sets[t]!), all))]).toEqual(['t3']);
    expect(all).toHaveBeenCalledTimes(1);
  });

  it('resolves through a TagStore, each token once, reading each tag once', async () => {
    const store = new MemoryTagStore();
    await store.update('app', [
      { kind: 'add', token: 't1', tags: ['vip', 'sz'] },
      { kind: 'add', token: 't2', tags: ['vip'] },
      { kind: 'add', token: 't3', tags: ['sz'] },
    ]);
    await store.update('other', [{ kind: 'add', token: 'o1', tags: ['vip'] }]);
    const spy = vi.spyOn(store, 'tokensOf');
    const expr: TagExpression = { kind: 'or', operands: [{ kind: 'tag', tag: 'vip' }, { kind: 'tag', tag: 'sz' }, { kind: 'tag', tag: 'vip' }] };
    expect(tagsIn(expr)).toEqual(['vip', 'sz']);
    expect([...(await resolveTagExpression(expr, store, 'app', async () => []))].sort()).toEqual(['t1', 't2', 't3']);
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
