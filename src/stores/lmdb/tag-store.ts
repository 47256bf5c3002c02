// Tags on disk, in four sub-databases written together:
//
//   tag-tokens   [accessId, tag, token] → null      a tag's tokens: one prefix scan
//   token-tags   [accessId, token] → string[]       a token's tags, sorted (≤ 100)
//   app-tags     [accessId, tag] → number           a tag's token count; the app's tag list
//   tag-apps     accessId → number                  the app's distinct tag count
//
// Prefix scans stop at the first key outside the prefix rather than relying on
// an upper-bound key: ordered-binary has no "largest string" to end a range with.
import type { Database } from 'lmdb';
import { compareCodePoints, type TagOp, type TagStore, type TagUpdateResult } from '../audience-types.js';
import { planTagUpdate } from '../tag-plan.js';
import { Serial } from './serial.js';

export type TagTokenKey = [accessId: string, tag: string, token: string];
export type TokenTagsKey = [accessId: string, token: string];
export type AppTagKey = [accessId: string, tag: string];

export interface TagDatabases {
  tagTokens: Database<null, TagTokenKey>;
  tokenTags: Database<string[], TokenTagsKey>;
  appTags: Database<number, AppTagKey>;
  tagApps: Database<number, string>;
}

export class LmdbTagStore implements TagStore {
  private readonly serial = new Serial();

  constructor(private readonly db: TagDatabases) {}

  update(accessId: string, ops: readonly TagOp[]): Promise<TagUpdateResult> {
    return this.serial.run(async () => {
      const { tagTokens, tokenTags, appTags, tagApps } = this.db;
      const planned = planTagUpdate(ops, {
        tagsOf: (token) => new Set(tokenTags.get([accessId, token]) ?? []),
        tokenCount: (tag) => appTags.get([accessId, tag]) ?? 0,
        tagCount: () => tagApps.get(accessId) ?? 0,
      });
      if (!planned.ok) return planned;
      const { tokens, counts, tagCountAfter } = planned.plan;
      if (tokens.length === 0) return { ok: true };
      for (const change of tokens) {
        if (change.after.size === 0) void tokenTags.remove([accessId, change.token]);
        else void tokenTags.put([accessId, change.token], [...change.after].sort(compareCodePoints));
        for (const tag of change.added) void tagTokens.put([accessId, tag, change.token], null);
        for (const tag of change.removed) void tagTokens.remove([accessId, tag, change.token]);
      }
      for (const [tag, count] of counts) void (count > 0 ? appTags.put([accessId, tag], count) : appTags.remove([accessId, tag]));
      // Write promises resolve at commit, in order: the last one covers the step.
      await (tagCountAfter > 0 ? tagApps.put(accessId, tagCountAfter) : tagApps.remove(accessId));
      return { ok: true };
    });
  }

  deleteTags(accessId: string, tags: readonly string[]): Promise<number> {
    return this.serial.run(async () => {
      const { tagTokens, tokenTags, appTags, tagApps } = this.db;
      const remaining = new Map<string, Set<string>>();
      let removed = 0;
      let gone = 0;
      for (const tag of new Set(tags)) {
        const tokens = this.scanTokens(accessId, tag);
        if (tokens.length === 0) continue;
        for (const token of tokens) {
          let own = remaining.get(token);
          if (!own) remaining.set(token, (own = new Set(tokenTags.get([accessId, token]) ?? [])));
          own.delete(tag);
          void tagTokens.remove([accessId, tag, token]);
          removed++;
        }
        void appTags.remove([accessId, tag]);
        gone++;
      }
      if (gone === 0) return 0;
      for (const [token, own] of remaining) {
        void (own.size === 0 ? tokenTags.remove([accessId, token]) : tokenTags.put([accessId, token], [...own].sort(compareCodePoints)));
      }
      const left = (tagApps.get(accessId) ?? 0) - gone;
      await (left > 0 ? tagApps.put(accessId, left) : tagApps.remove(accessId));
      return removed;
    });
  }

  async tagsOf(accessId: string, token: string): Promise<string[]> {
    return [...(this.db.tokenTags.get([accessId, token]) ?? [])];
  }

  async tokensOf(accessId: string, tag: string): Promise<string[]> {
    return this.scanTokens(accessId, tag);
  }

  async tokenCount(accessId: string, tag: string): Promise<number> {
    return this.db.appTags.get([accessId, tag]) ?? 0;
  }

  async tagCount(accessId: string): Promise<number> {
    return this.db.tagApps.get(accessId) ?? 0;
  }

  async listTags(accessId: string, start: number, limit: number): Promise<string[]> {
    const tags: string[] = [];
    if (limit <= 0) return tags;
    let skip = Math.max(0, start);
    for (const key of this.db.appTags.getKeys({ start: [accessId, ''] })) {
      if (key[0] !== accessId) break;
      if (skip > 0) skip--;
      else if (tags.push(key[1]) >= limit) break;
    }
    return tags;
  }

  private scanTokens(accessId: string, tag: string): string[] {
    const tokens: string[] = [];
    for (const key of this.db.tagTokens.getKeys({ start: [accessId, tag, ''] })) {
      if (key[0] !== accessId || key[1] !== tag) break;
      tokens.push(key[2]);
    }
    return tokens;
  }
}
