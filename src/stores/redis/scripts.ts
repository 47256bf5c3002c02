// The Lua scripts the Redis stores need where one command is not enough. Each
// touches one key (so it runs on any Redis Cluster node), and Redis runs a
// script atomically: no other client's command lands between its reads and
// writes. ioredis sends EVALSHA and falls back to EVAL when the script cache
// is empty (after a Redis restart, for example).
import type { Redis } from 'ioredis';

const LUA = {
  /** Deletes a route only while it names ARGV[1]: a newer connect elsewhere wins. */
  routeRemove: `
    if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
    return 0`,
  /**
   * Extends a route that names ARGV[1] to ARGV[2] ms, or sets it when it is gone
   * (expired while the socket lived on). 0 when another node holds the token now.
   */
  routeRefresh: `
    local held = redis.call('GET', KEYS[1])
    if held == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
    if not held then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
    return 0`,
  /**
   * Reserves ARGV[2] ids at or above ARGV[1] and above every block reserved
   * before; returns the block's start. Numbers stay below 2^53, where Lua's
   * doubles are exact; '%.0f' writes them without an exponent.
   */
  reserveIds: `
    local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
    local start = math.max(stored, tonumber(ARGV[1]))
    redis.call('SET', KEYS[1], string.format('%.0f', start + tonumber(ARGV[2])))
    return string.format('%.0f', start)`,
} as const;

export interface Scripts {
  routeRemove(key: string, nodeId: string): Promise<number>;
  routeRefresh(key: string, nodeId: string, ttlMs: number): Promise<number>;
  reserveIds(key: string, from: number, size: number): Promise<string>;
}

/** Defines the scripts on `redis` (once per client) and returns them typed. */
export function defineScripts(redis: Redis): Scripts {
  for (const [name, lua] of Object.entries(LUA)) redis.defineCommand(`homing_${name}`, { numberOfKeys: 1, lua });
  const commands = redis as unknown as Record<string, (...args: Array<string | number>) => Promise<unknown>>;
  const call = <T>(name: keyof typeof LUA) => (...args: Array<string | number>) => commands[`homing_${name}`]!(...args) as Promise<T>;
  return {
    routeRemove: call<number>('routeRemove'),
    routeRefresh: call<number>('routeRefresh'),
    reserveIds: call<string>('reserveIds'),
  };
}
