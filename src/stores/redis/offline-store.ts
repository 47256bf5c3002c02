// The offline index on Redis: per token, a sorted set of push ids and a hash
// of the refs, both in the token's slot ({token}); across tokens, an expiry
// index and a depth counter in a slot of their own ({offline}).
//
//   offline:{<token>}         zset  score 0, member idMember(pushId): byte order
//                                   is compareMessageIds order, so a page is one
//                                   ZRANGEBYLEX from the cursor
//   offline-refs:{<token>}    hash  pushId → `<expiresAt> ` + packed [seq, accessId]
//   offline:{offline}:expiry  zset  score expiresAt, member `<pushId> <token>`
//   offline:{offline}:depth   string  refs stored, all tokens
//
// Everything about one token (dedupe, bound, page, remove) is one script on its
// slot, atomic: a ref is removed, and reported, by exactly one caller. Two slots
// cannot change in one step on Redis Cluster, so the expiry index is a hint kept
// in an order that never loses a ref: an append indexes the ref first (ZADD LT,
// so the entry is due no later than the ref), and removals leave the entry
// behind. The sweep reads what is due, takes each ref only if the token script
// finds it stored and expired, and then drops entries of refs that are gone or
// moves them to the expiry the ref has now. An acked ref's entry lingers until
// its expiry at most. The depth counter is added to right after each token
// script with what the script reports: exact, unless a process dies between
// the two steps (it then misses that one call's change).
import type { Redis } from 'ioredis';
import { decode, encode } from '../../codec.js';
import type { OfflineRef } from '../../messages.js';
import type { OfflineStore } from '../types.js';
import { afterIdBound, keys } from './keys.js';
import { defineOfflineScripts, type OfflineScripts } from './offline-scripts.js';
import type { PendingWrites } from './pending-writes.js';

/** Sweep rounds per call: each round settles every entry it read, so this only bounds a hot race. */
const MAX_SWEEP_ROUNDS = 16;
const SPACE = 0x20;

type Reply = Array<Buffer | number | Reply>;

function packValue(r: OfflineRef): Buffer {
  return Buffer.concat([Buffer.from(`${r.expiresAt} `), encode([r.seq, r.accessId])]);
}

function unpackValue(token: string, pushId: string, value: Buffer): OfflineRef {
  const space = value.indexOf(SPACE);
  const [seq, accessId] = decode<[string, string]>(value.subarray(space + 1));
  return { token, pushId, seq, accessId, expiresAt: Number(value.subarray(0, space).toString()) };
}

/** (id, value) pairs of a script reply as refs of `token`. */
function refsOf(token: string, flat: Reply, from = 0): OfflineRef[] {
  const refs: OfflineRef[] = [];
  for (let i = from; i < flat.length; i += 2) refs.push(unpackValue(token, String(flat[i]), flat[i + 1] as Buffer));
  return refs;
}

function indexMember(r: { token: string; pushId: string }): string {
  return `${r.pushId} ${r.token}`;
}

export class RedisOfflineStore implements OfflineStore {
  private readonly scripts: OfflineScripts;

  constructor(
    private readonly redis: Redis,
    private readonly writes: PendingWrites,
    private readonly maxPerToken = Number.MAX_SAFE_INTEGER,
  ) {
    this.scripts = defineOfflineScripts(redis);
  }

  append(refs: readonly OfflineRef[]): Promise<OfflineRef[]> {
    return this.writes.track(this.appendNow(refs));
  }

  page(token: string, after: string | undefined, limit: number, now: number): Promise<{ refs: OfflineRef[]; expired: OfflineRef[] }> {
    return this.writes.track(
      (async () => {
        if (limit <= 0) return { refs: [], expired: [] };
        const reply = await this.scripts.page(keys.offline(token), keys.offlineRefs(token), afterIdBound(after), limit, now);
        const [live, due] = reply as [Reply, Reply];
        const expired = refsOf(token, due);
        if (expired.length > 0) await this.redis.decrby(keys.offlineDepth, expired.length);
        return { refs: refsOf(token, live), expired };
      })(),
    );
  }

  remove(token: string, pushIds: readonly string[]): Promise<string[]> {
    return this.writes.track(
      (async () => {
        if (pushIds.length === 0) return [];
        const removed = (await this.scripts.remove(keys.offline(token), keys.offlineRefs(token), [...pushIds])).map(String);
        if (removed.length > 0) await this.redis.decrby(keys.offlineDepth, removed.length);
        return removed;
      })(),
    );
  }

  sweepExpired(now: number, limit: number): Promise<OfflineRef[]> {
    return this.writes.track(this.sweepNow(now, limit));
  }

  async depth(): Promise<number> {
    return Number((await this.redis.get(keys.offlineDepth)) ?? 0);
  }

  private async appendNow(refs: readonly OfflineRef[]): Promise<OfflineRef[]> {
    if (refs.length === 0) return [];
    // Indexed before stored: a ref is never stored without an entry due by its expiry.
    const index: Array<string | number> = [];
    const byToken = new Map<string, Array<string | Buffer>>();
    for (const r of refs) {
      index.push(r.expiresAt, indexMember(r));
      let pairs = byToken.get(r.token);
      if (!pairs) byToken.set(r.token, (pairs = []));
      pairs.push(r.pushId, packValue(r));
    }
    await this.redis.zadd(keys.offlineExpiry, 'LT', ...index);
    const replies = await Promise.all(
      [...byToken].map(([token, pairs]) => this.scripts.append(keys.offline(token), keys.offlineRefs(token), this.maxPerToken, pairs)),
    );
    let change = 0;
    const dropped: OfflineRef[] = [];
    [...byToken.keys()].forEach((token, i) => {
      const reply = replies[i]!;
      const gone = refsOf(token, reply, 1);
      change += (reply[0] as number) - gone.length;
      dropped.push(...gone);
    });
    if (change !== 0) await this.redis.incrby(keys.offlineDepth, change);
    return dropped;
  }

  private async sweepNow(now: number, limit: number): Promise<OfflineRef[]> {
    const swept: OfflineRef[] = [];
    for (let round = 0; round < MAX_SWEEP_ROUNDS && swept.length < limit; round++) {
      const due = await this.redis.zrangebyscore(keys.offlineExpiry, '-inf', now, 'WITHSCORES', 'LIMIT', 0, limit - swept.length);
      if (due.length === 0) break;
      const byToken = new Map<string, Array<{ pushId: string; member: string; score: string }>>();
      for (let i = 0; i < due.length; i += 2) {
        const member = due[i]!;
        const space = member.indexOf(' ');
        const token = member.slice(space + 1);
        let list = byToken.get(token);
        if (!list) byToken.set(token, (list = []));
        list.push({ pushId: member.slice(0, space), member, score: due[i + 1]! });
      }
      const settle: string[] = [];
      const taken: OfflineRef[] = [];
      await Promise.all(
        [...byToken].map(async ([token, entries]) => {
          const reply = await this.scripts.takeExpired(keys.offline(token), keys.offlineRefs(token), now, entries.map((e) => e.pushId));
          entries.forEach((e, i) => {
            const status = reply[i * 3 + 1] as number;
            const detail = reply[i * 3 + 2] as Buffer;
            if (status === 1) taken.push(unpackValue(token, e.pushId, detail));
            // Taken or gone: drop the entry. Alive: due at the expiry it has now.
            settle.push(e.member, e.score, status === 2 ? detail.toString() : '');
          });
        }),
      );
      if (taken.length > 0) await this.redis.decrby(keys.offlineDepth, taken.length);
      await this.scripts.settleIndex(keys.offlineExpiry, settle);
      swept.push(...taken);
    }
    return swept;
  }
}
