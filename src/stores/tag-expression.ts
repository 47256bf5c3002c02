// Tag expressions (XG's tag_list AND/OR, TPNS's tag_rules with NOT) and their
// evaluation over token sets. NOT is kept symbolic: a result is a set of tokens
// or the complement of one ("every token of the app but these"), so an
// expression is evaluated from its tags' token sets alone, and the app's full
// token list is read only when the final result is itself a complement
// (e.g. `NOT vip`), never for `vip AND NOT beta`.
import type { TagStore } from './audience-types.js';

export type TagExpression =
  | { kind: 'tag'; tag: string }
  | { kind: 'and' | 'or'; operands: TagExpression[] }
  | { kind: 'not'; operand: TagExpression };

export interface TokenSet {
  tokens: ReadonlySet<string>;
  /** true: the set means every token of the app except `tokens`. */
  complement: boolean;
}

/** Distinct tags the expression reads, in first-seen order. */
export function tagsIn(expr: TagExpression): string[] {
  const seen = new Set<string>();
  const walk = (e: TagExpression): void => {
    if (e.kind === 'tag') seen.add(e.tag);
    else if (e.kind === 'not') walk(e.operand);
    else e.operands.forEach(walk);
  };
  walk(expr);
  return [...seen];
}

function and(a: TokenSet, b: TokenSet): TokenSet {
  if (!a.complement && !b.complement) return { tokens: intersect(a.tokens, b.tokens), complement: false };
  if (!a.complement) return { tokens: minus(a.tokens, b.tokens), complement: false };
  if (!b.complement) return { tokens: minus(b.tokens, a.tokens), complement: false };
  return { tokens: union(a.tokens, b.tokens), complement: true };
}

function or(a: TokenSet, b: TokenSet): TokenSet {
  if (!a.complement && !b.complement) return { tokens: union(a.tokens, b.tokens), complement: false };
  if (!a.complement) return { tokens: minus(b.tokens, a.tokens), complement: true };
  if (!b.complement) return { tokens: minus(a.tokens, b.tokens), complement: true };
  return { tokens: intersect(a.tokens, b.tokens), complement: true };
}

/** Pure: `tokensOf` gives each tag's tokens (an empty set for an unknown tag). */
export function evaluateTagExpression(expr: TagExpression, tokensOf: (tag: string) => ReadonlySet<string>): TokenSet {
  switch (expr.kind) {
    case 'tag':
      return { tokens: tokensOf(expr.tag), complement: false };
    case 'not': {
      const inner = evaluateTagExpression(expr.operand, tokensOf);
      return { tokens: inner.tokens, complement: !inner.complement };
    }
    default: {
      const combine = expr.kind === 'and' ? and : or;
      const [first, ...rest] = expr.operands.map((e) => evaluateTagExpression(e, tokensOf));
      // An empty AND is everything and an empty OR nothing, as in logic; parsers never build either.
      if (!first) return { tokens: new Set(), complement: expr.kind === 'and' };
      return rest.reduce(combine, first);
    }
  }
}

/** The tokens a result stands for; `allTokens` (the app's every token) is called only for a complement. */
export async function materialize(result: TokenSet, allTokens: () => Promise<Iterable<string>>): Promise<Set<string>> {
  if (!result.complement) return new Set(result.tokens);
  const out = new Set<string>();
  for (const token of await allTokens()) if (!result.tokens.has(token)) out.add(token);
  return out;
}

/** Reads the expression's tags from the store and evaluates it; each token appears once. */
export async function resolveTagExpression(
  expr: TagExpression,
  tags: Pick<TagStore, 'tokensOf'>,
  accessId: string,
  allTokens: () => Promise<Iterable<string>>,
): Promise<Set<string>> {
  const names = tagsIn(expr);
  const lists = await Promise.all(names.map((tag) => tags.tokensOf(accessId, tag)));
  const sets = new Map(names.map((tag, i) => [tag, new Set(lists[i])]));
  return materialize(evaluateTagExpression(expr, (tag) => sets.get(tag) ?? new Set()), allTokens);
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<string>();
  for (const t of small) if (large.has(t)) out.add(t);
  return out;
}

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set(a);
  for (const t of b) out.add(t);
  return out;
}

function minus(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const t of a) if (!b.has(t)) out.add(t);
  return out;
}
