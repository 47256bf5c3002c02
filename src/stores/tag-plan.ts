// What a TagStore.update does, computed once for every implementation: the ops
// run over a read-only view of the committed state, and the result is either a
// plan (each touched token's tags before and after, each tag's token count
// after) or the limit that refused it. The stores only read their state and
// write the plan, so memory and LMDB agree by construction.
import { MAX_TAGS_PER_APP, MAX_TAGS_PER_TOKEN, type TagOp, type TagUpdateResult } from './audience-types.js';

export interface TagStateView {
  tagsOf(token: string): ReadonlySet<string>;
  tokenCount(tag: string): number;
  tagCount(): number;
}

export interface TokenTagChange {
  token: string;
  before: ReadonlySet<string>;
  after: ReadonlySet<string>;
  added: string[];
  removed: string[];
}

export interface TagPlan {
  tokens: TokenTagChange[];
  /** Tags whose token count changed, with the count after (0: the tag is gone from the app). */
  counts: Map<string, number>;
  tagCountAfter: number;
}

export interface TagLimits {
  perToken: number;
  perApp: number;
}

export const XG_TAG_LIMITS: TagLimits = { perToken: MAX_TAGS_PER_TOKEN, perApp: MAX_TAGS_PER_APP };

/** The class of a `class:value` tag (TPNS), or undefined. */
function tagClass(tag: string): string | undefined {
  const i = tag.indexOf(':');
  return i < 0 ? undefined : tag.slice(0, i);
}

/** One op over one token's tags; `tags` is the working set and is changed in place. */
export function applyTagOp(tags: Set<string>, op: TagOp): void {
  switch (op.kind) {
    case 'add':
      for (const t of op.tags) tags.add(t);
      return;
    case 'remove':
      for (const t of op.tags) tags.delete(t);
      return;
    case 'clear':
      tags.clear();
      return;
    case 'set': {
      const classes = op.tags.length > 0 && op.tags.every((t) => tagClass(t) !== undefined) ? new Set(op.tags.map(tagClass)) : undefined;
      for (const t of [...tags]) {
        if (!classes || classes.has(tagClass(t))) tags.delete(t);
      }
      for (const t of op.tags) tags.add(t);
      return;
    }
    default: {
      const unknown: never = op;
      throw new Error(`unknown tag op ${JSON.stringify(unknown)}`);
    }
  }
}

export function planTagUpdate(
  ops: readonly TagOp[],
  state: TagStateView,
  limits: TagLimits = XG_TAG_LIMITS,
): { ok: true; plan: TagPlan } | Exclude<TagUpdateResult, { ok: true }> {
  const working = new Map<string, Set<string>>();
  for (const op of ops) {
    let tags = working.get(op.token);
    if (!tags) working.set(op.token, (tags = new Set(state.tagsOf(op.token))));
    applyTagOp(tags, op);
  }

  const tokens: TokenTagChange[] = [];
  const deltas = new Map<string, number>();
  for (const [token, after] of working) {
    const before = state.tagsOf(token);
    const added = [...after].filter((t) => !before.has(t));
    const removed = [...before].filter((t) => !after.has(t));
    if (added.length === 0 && removed.length === 0) continue;
    if (after.size > limits.perToken && after.size > before.size) return { ok: false, limit: 'tags_per_token', token };
    tokens.push({ token, before, after, added, removed });
    for (const t of added) deltas.set(t, (deltas.get(t) ?? 0) + 1);
    for (const t of removed) deltas.set(t, (deltas.get(t) ?? 0) - 1);
  }

  const tagCountBefore = state.tagCount();
  let tagCountAfter = tagCountBefore;
  const counts = new Map<string, number>();
  for (const [tag, delta] of deltas) {
    if (delta === 0) continue;
    const was = state.tokenCount(tag);
    const now = was + delta;
    counts.set(tag, now);
    if (was === 0 && now > 0) tagCountAfter++;
    else if (was > 0 && now === 0) tagCountAfter--;
  }
  if (tagCountAfter > limits.perApp && tagCountAfter > tagCountBefore) return { ok: false, limit: 'tags_per_app' };
  return { ok: true, plan: { tokens, counts, tagCountAfter } };
}
