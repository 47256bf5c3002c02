// Tags on Redis. All of one app's tag data shares one hash tag, {app:<id>}, so
// an update that touches many tokens is one atomic script on one Cluster slot
// and XG's per-app limits are checked against a consistent state:
//
//   tags:{app:<id>}:v            version, bumped by every update (versioned-write.ts)
//   tags:{app:<id>}:token:<t>    set of the token's tags
//   tags:{app:<id>}:tag:<tag>    set of the tag's tokens
//   tags:{app:<id>}:all          sorted set of the app's tags, all score 0: member
//                                order is byte order, i.e. code point order for UTF-8
//
// The rules (ops, limits, TPNS class replacement) are tag-plan.ts, shared with
// the other implementations.
import type { Redis } from 'ioredis';
import { compareCodePoints, type TagOp, type TagStore, type TagUpdateResult } from '../audience-types.js';
import { planTagUpdate } from '../tag-plan.js';
import type { VersionedWriter, Write } from './versioned-write.js';

const keysOf = (accessId: string) => {
  const base = `tags:{app:${accessId}}`;
  return {
    version: `${base}:v`,
    token: (token: string) => `${base}:token:${token}`,
    tag: (tag: string) => `${base}:tag:${tag}`,
    all: `${base}:all`,
  };
};

export class RedisTagStore implements TagStore {
  constructor(
    private readonly redis: Redis,
    private readonly versioned: VersionedWriter,
  ) {}

  update(accessId: string, ops: readonly TagOp[]): Promise<TagUpdateResult> {
    const k = keysOf(accessId);
    return this.versioned.update<TagUpdateResult>('tag update', k.version, async () => {
      const tokens = [...new Set(ops.map((op) => op.token))];
      const tagCount = this.redis.zcard(k.all);
      const before = new Map((await Promise.all(tokens.map((t) => this.redis.smembers(k.token(t))))).map((tags, i) => [tokens[i]!, new Set(tags)]));
      // Every tag whose count may change: the ops' tags and the tags the tokens lose.
      const touched = new Set<string>();
      for (const op of ops) if (op.kind !== 'clear') for (const tag of op.tags) touched.add(tag);
      for (const tags of before.values()) for (const tag of tags) touched.add(tag);
      const tagList = [...touched];
      const counts = new Map((await Promise.all(tagList.map((tag) => this.redis.scard(k.tag(tag))))).map((n, i) => [tagList[i]!, n]));
      const total = await tagCount;
      const planned = planTagUpdate(ops, {
        tagsOf: (token) => before.get(token)!,
        tokenCount: (tag) => counts.get(tag)!,
        tagCount: () => total,
      });
      if (!planned.ok) return { result: planned, writes: [] };
      const writes: Write[] = [];
      for (const change of planned.plan.tokens) {
        for (const tag of change.added) writes.push({ op: 'SADD', key: k.token(change.token), member: tag }, { op: 'SADD', key: k.tag(tag), member: change.token });
        for (const tag of change.removed) writes.push({ op: 'SREM', key: k.token(change.token), member: tag }, { op: 'SREM', key: k.tag(tag), member: change.token });
      }
      for (const [tag, n] of planned.plan.counts) writes.push({ op: n > 0 ? 'ZADD' : 'ZREM', key: k.all, member: tag });
      return { result: { ok: true }, writes };
    });
  }

  deleteTags(accessId: string, tags: readonly string[]): Promise<number> {
    const k = keysOf(accessId);
    return this.versioned.update('tag delete', k.version, async () => {
      const unique = [...new Set(tags)];
      const tokensOf = await Promise.all(unique.map((tag) => this.redis.smembers(k.tag(tag))));
      const writes: Write[] = [];
      let removed = 0;
      unique.forEach((tag, i) => {
        if (tokensOf[i]!.length === 0) return;
        for (const token of tokensOf[i]!) writes.push({ op: 'SREM', key: k.token(token), member: tag });
        writes.push({ op: 'DEL', key: k.tag(tag) }, { op: 'ZREM', key: k.all, member: tag });
        removed += tokensOf[i]!.length;
      });
      return { result: removed, writes };
    });
  }

  async tagsOf(accessId: string, token: string): Promise<string[]> {
    return (await this.redis.smembers(keysOf(accessId).token(token))).sort(compareCodePoints);
  }

  async tokensOf(accessId: string, tag: string): Promise<string[]> {
    return (await this.redis.smembers(keysOf(accessId).tag(tag))).sort(compareCodePoints);
  }

  tokenCount(accessId: string, tag: string): Promise<number> {
    return this.redis.scard(keysOf(accessId).tag(tag));
  }

  tagCount(accessId: string): Promise<number> {
    return this.redis.zcard(keysOf(accessId).all);
  }

  async listTags(accessId: string, start: number, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const from = Math.max(0, start);
    return this.redis.zrange(keysOf(accessId).all, String(from), String(from + limit - 1));
  }
}
