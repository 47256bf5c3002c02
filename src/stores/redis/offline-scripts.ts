// The Lua scripts of the Redis offline index (offline-store.ts). The per-token
// scripts touch only one token's two keys, which share a hash tag: one Redis
// Cluster slot, and Redis runs each script atomically, so an append, a page, a
// remove and a sweep of one token never interleave. The expiry index lives in
// its own slot and has its own script.
//
// A ref's value starts with its expiry in decimal and a space (the scripts
// compare it with `now`), then the rest of the ref packed with src/codec.ts.
import type { Redis } from 'ioredis';

/** Sorted-set member of a push id: its length in 3 digits, then the id (keys.ts idMember). */
const MEMBER = `local function member(id) return string.format('%03d', #id) .. id end
local function expiry(value) return tonumber(string.match(value, '^(%d+) ')) end`;

const LUA = {
  /**
   * KEYS: zset, hash. ARGV: max refs per token, then (push id, value) pairs.
   * Adds the refs not stored yet; past the bound pops the oldest.
   * Returns {added, dropped id, dropped value, ...}.
   */
  offlineAppend: `${MEMBER}
    local added = 0
    for i = 2, #ARGV, 2 do
      if redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[i + 1]) == 1 then
        redis.call('ZADD', KEYS[1], 0, member(ARGV[i]))
        added = added + 1
      end
    end
    local out = {added}
    local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[1])
    if over > 0 then
      local popped = redis.call('ZPOPMIN', KEYS[1], over)
      for i = 1, #popped, 2 do
        local id = string.sub(popped[i], 4)
        out[#out + 1] = id
        out[#out + 1] = redis.call('HGET', KEYS[2], id) or ''
        redis.call('HDEL', KEYS[2], id)
      end
    end
    return out`,
  /**
   * KEYS: zset, hash. ARGV: BYLEX lower bound, limit, now. Walks the token's
   * refs in push order until `limit` unexpired ones; expired ones met on the
   * way are removed. Returns {{id, value, ...} unexpired, {id, value, ...} expired}.
   */
  offlinePage: `${MEMBER}
    local limit, now, min = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[1]
    local live, expired, taken = {}, {}, 0
    while taken < limit do
      local batch = redis.call('ZRANGEBYLEX', KEYS[1], min, '+', 'LIMIT', 0, 128)
      if #batch == 0 then break end
      for _, m in ipairs(batch) do
        local id = string.sub(m, 4)
        local value = redis.call('HGET', KEYS[2], id)
        if value and expiry(value) > now then
          live[#live + 1] = id
          live[#live + 1] = value
          taken = taken + 1
          if taken >= limit then break end
        else
          redis.call('ZREM', KEYS[1], m)
          if value then
            redis.call('HDEL', KEYS[2], id)
            expired[#expired + 1] = id
            expired[#expired + 1] = value
          end
        end
        min = '(' .. m
      end
    end
    return {live, expired}`,
  /** KEYS: zset, hash. ARGV: push ids. Removes those stored; returns their ids, each once. */
  offlineRemove: `${MEMBER}
    local out = {}
    for i = 1, #ARGV do
      if redis.call('HDEL', KEYS[2], ARGV[i]) == 1 then
        redis.call('ZREM', KEYS[1], member(ARGV[i]))
        out[#out + 1] = ARGV[i]
      end
    end
    return out`,
  /**
   * KEYS: zset, hash. ARGV: now, then push ids named by the expiry index.
   * Removes each that is stored and expired. Returns (id, status, detail)
   * triples: 1 = removed (detail: value), 2 = alive (detail: its expiry), 0 = not stored.
   */
  offlineTakeExpired: `${MEMBER}
    local now, out = tonumber(ARGV[1]), {}
    for i = 2, #ARGV do
      local id = ARGV[i]
      local value = redis.call('HGET', KEYS[2], id)
      out[#out + 1] = id
      if not value then
        out[#out + 1] = 0
        out[#out + 1] = ''
      elseif expiry(value) <= now then
        redis.call('HDEL', KEYS[2], id)
        redis.call('ZREM', KEYS[1], member(id))
        out[#out + 1] = 1
        out[#out + 1] = value
      else
        out[#out + 1] = 2
        out[#out + 1] = string.match(value, '^(%d+) ')
      end
    end
    return out`,
  /**
   * KEYS: the expiry index. ARGV: (member, score seen, new score or '' to
   * remove) triples. Applies each only while the member still has the score
   * seen: an append that lowered it meanwhile (ZADD LT) wins.
   */
  offlineIndexSettle: `
    for i = 1, #ARGV, 3 do
      if redis.call('ZSCORE', KEYS[1], ARGV[i]) == ARGV[i + 1] then
        if ARGV[i + 2] == '' then redis.call('ZREM', KEYS[1], ARGV[i])
        else redis.call('ZADD', KEYS[1], ARGV[i + 2], ARGV[i]) end
      end
    end
    return 0`,
} as const;

type Reply = Array<Buffer | number | Reply>;
/** ioredis flattens array arguments, so a batch of 10,000 refs is not spread onto the call stack. */
type Command = (...args: Array<string | number | Buffer | Array<string | Buffer>>) => Promise<Reply>;

export interface OfflineScripts {
  append(zset: string, hash: string, max: number, pairs: Array<string | Buffer>): Promise<Reply>;
  page(zset: string, hash: string, min: string, limit: number, now: number): Promise<Reply>;
  remove(zset: string, hash: string, pushIds: string[]): Promise<Reply>;
  takeExpired(zset: string, hash: string, now: number, pushIds: string[]): Promise<Reply>;
  settleIndex(index: string, triples: string[]): Promise<Reply>;
}

/** Defines the scripts on `redis` (once per client); replies come as Buffers (values are binary). */
export function defineOfflineScripts(redis: Redis): OfflineScripts {
  for (const [name, lua] of Object.entries(LUA)) {
    redis.defineCommand(`homing_${name}`, { numberOfKeys: name === 'offlineIndexSettle' ? 1 : 2, lua });
  }
  const commands = redis as unknown as Record<string, Command>;
  const call = (name: keyof typeof LUA): Command => commands[`homing_${name}Buffer`]!.bind(redis);
  const append = call('offlineAppend');
  const page = call('offlinePage');
  const remove = call('offlineRemove');
  const takeExpired = call('offlineTakeExpired');
  const settle = call('offlineIndexSettle');
  return {
    append: (zset, hash, max, pairs) => append(zset, hash, max, pairs),
    page: (zset, hash, min, limit, now) => page(zset, hash, min, limit, now),
    remove: (zset, hash, pushIds) => remove(zset, hash, pushIds),
    takeExpired: (zset, hash, now, pushIds) => takeExpired(zset, hash, now, pushIds),
    settleIndex: (index, triples) => settle(index, triples),
  };
}
