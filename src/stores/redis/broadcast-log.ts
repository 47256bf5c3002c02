// The broadcast log on Redis. An app's entries share its slot ({app:<id>}):
//
//   broadcasts:{app:<id>}            zset  score 0, member idMember(pushId): byte
//                                          order is push order, so after() is one
//                                          ZRANGEBYLEX from the device's last id
//   broadcasts:{app:<id>}:entries    hash  pushId → packed [tag, expiresAt]
//   broadcasts:{broadcasts}:expiry   zset  score expiresAt, member `<pushId> <accessId>`
//
// The expiry index (its own slot) lets prune() visit only apps with something
// due. It is written before the entry, so every entry is indexed; an app's
// newest entry stays when expired (latest() must not go back) and so does its
// index entry, to be pruned once a newer broadcast exists.
import type { Redis } from 'ioredis';
import { decode, encode } from '../../codec.js';
import type { BroadcastEntry, BroadcastLog } from '../types.js';
import { throwOnExecError } from './exec-results.js';
import { afterIdBound, idMember, pushIdOfMember } from './keys.js';
import type { PendingWrites } from './pending-writes.js';

const keysOf = (accessId: string) => ({ ids: `broadcasts:{app:${accessId}}`, entries: `broadcasts:{app:${accessId}}:entries` });
const EXPIRY = 'broadcasts:{broadcasts}:expiry';

/**
 * KEYS: ids, entries. ARGV: push ids due. Removes each but the app's newest.
 * Returns (id, 1 removed now | 0 not stored) pairs; the newest is left out.
 */
const PRUNE = `
  local newest = redis.call('ZREVRANGEBYLEX', KEYS[1], '+', '-', 'LIMIT', 0, 1)[1]
  local out = {}
  for i = 1, #ARGV do
    local m = string.format('%03d', #ARGV[i]) .. ARGV[i]
    if m ~= newest then
      out[#out + 1] = ARGV[i]
      out[#out + 1] = redis.call('HDEL', KEYS[2], ARGV[i])
      redis.call('ZREM', KEYS[1], m)
    end
  end
  return out`;

type PruneCommand = (ids: string, entries: string, pushIds: string[]) => Promise<Array<string | number>>;

export class RedisBroadcastLog implements BroadcastLog {
  private readonly pruneApp: PruneCommand;

  constructor(
    private readonly redis: Redis,
    private readonly writes: PendingWrites,
  ) {
    redis.defineCommand('homing_broadcastPrune', { numberOfKeys: 2, lua: PRUNE });
    this.pruneApp = (redis as unknown as { homing_broadcastPrune: PruneCommand }).homing_broadcastPrune.bind(redis);
  }

  append(entry: BroadcastEntry): Promise<void> {
    const k = keysOf(entry.accessId);
    return this.writes.track(
      (async () => {
        await this.redis.zadd(EXPIRY, 'NX', entry.expiresAt, `${entry.pushId} ${entry.accessId}`);
        // One slot, one transaction: the first append of a push id wins, a repeat changes nothing.
        const results = await this.redis
          .multi()
          .hsetnx(k.entries, entry.pushId, encode([entry.tag, entry.expiresAt]))
          .zadd(k.ids, 0, idMember(entry.pushId))
          .exec();
        throwOnExecError(results, 'broadcast append');
      })(),
    );
  }

  async after(accessId: string, after: string, limit: number, now: number): Promise<BroadcastEntry[]> {
    const k = keysOf(accessId);
    const out: BroadcastEntry[] = [];
    let from = afterIdBound(after === '' ? undefined : after);
    // Expired entries are skipped, so a batch may yield fewer than asked: read on.
    while (out.length < limit) {
      const members = await this.redis.zrangebylex(k.ids, from, '+', 'LIMIT', 0, limit - out.length);
      if (members.length === 0) break;
      const ids = members.map(pushIdOfMember);
      const values = await this.redis.hmgetBuffer(k.entries, ...ids);
      ids.forEach((pushId, i) => {
        const value = values[i];
        if (!value) return;
        const [tag, expiresAt] = decode<[string, number]>(value);
        if (expiresAt > now) out.push({ pushId, accessId, tag, expiresAt });
      });
      from = `(${members.at(-1)!}`;
    }
    return out;
  }

  async latest(accessId: string): Promise<string> {
    const [newest] = await this.redis.zrevrangebylex(keysOf(accessId).ids, '+', '-', 'LIMIT', 0, 1);
    return newest ? pushIdOfMember(newest) : '';
  }

  prune(now: number): Promise<number> {
    return this.writes.track(
      (async () => {
        const due = await this.redis.zrangebyscore(EXPIRY, '-inf', now);
        const byApp = new Map<string, string[]>();
        for (const member of due) {
          const space = member.indexOf(' ');
          const accessId = member.slice(space + 1);
          byApp.set(accessId, [...(byApp.get(accessId) ?? []), member.slice(0, space)]);
        }
        let pruned = 0;
        const settled: string[] = [];
        await Promise.all(
          [...byApp].map(async ([accessId, pushIds]) => {
            const k = keysOf(accessId);
            const reply = await this.pruneApp(k.ids, k.entries, pushIds);
            for (let i = 0; i < reply.length; i += 2) {
              pruned += reply[i + 1] as number;
              settled.push(`${reply[i]} ${accessId}`);
            }
          }),
        );
        if (settled.length > 0) await this.redis.zrem(EXPIRY, ...settled);
        return pruned;
      })(),
    );
  }
}
