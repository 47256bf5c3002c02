// Optimistic transactions for multi-key updates whose rules are computed in
// TypeScript (tag-plan.ts, account-plan.ts): read a version, read the state,
// plan, then apply the plan with one script that first checks the version is
// unchanged and bumps it. Any write between the read and the apply changes the
// version, so the plan is dropped and computed again over the new state: two
// racing updates cannot both pass a limit. Every key of one versioned group
// shares a hash tag (one Redis Cluster slot), as one script requires.
import type { Redis } from 'ioredis';

/** One write of a plan. ZADD adds with score 0 (the set is ordered by member bytes). */
export type Write =
  | { op: 'SADD' | 'SREM' | 'ZADD' | 'ZREM'; key: string; member: string }
  | { op: 'SET'; key: string; value: Buffer }
  | { op: 'DEL'; key: string };

const APPLY_IF_VERSION = `
  if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
  for i = 2, #ARGV, 3 do
    local op, key, value = ARGV[i], KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2]
    if op == 'DEL' then redis.call('DEL', key)
    elseif op == 'ZADD' then redis.call('ZADD', key, 0, value)
    else redis.call(op, key, value) end
  end
  redis.call('INCR', KEYS[1])
  return 1`;

/** Updates that lose this many races in a row give up: the group is hot beyond reason. */
const MAX_ATTEMPTS = 100;

export class ContendedUpdateError extends Error {
  constructor(what: string) {
    super(`${what}: gave up after ${MAX_ATTEMPTS} conflicting concurrent updates`);
    this.name = 'ContendedUpdateError';
  }
}

/** ioredis flattens array arguments: a plan of 30,000 writes is not spread onto the call stack. */
type ApplyCommand = (numKeys: number, keys: string[], args: Array<string | Buffer>) => Promise<number>;

export class VersionedWriter {
  private readonly apply: ApplyCommand;

  constructor(private readonly redis: Redis) {
    redis.defineCommand('homing_applyIfVersion', { lua: APPLY_IF_VERSION });
    this.apply = (redis as unknown as { homing_applyIfVersion: ApplyCommand }).homing_applyIfVersion.bind(redis);
  }

  /**
   * Runs `plan` over a consistent state until its writes apply: `plan` reads
   * what it needs after the version was read and returns the writes and a result,
   * or just a result when there is nothing to write.
   */
  async update<T>(what: string, versionKey: string, plan: () => Promise<{ result: T; writes: Write[] }>): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // Issued before plan()'s reads, so Redis answers it first.
      const version = this.redis.get(versionKey);
      const planned = await plan();
      const expected = (await version) ?? '0';
      if (planned.writes.length === 0) return planned.result;
      if ((await this.write(versionKey, expected, planned.writes)) === 1) return planned.result;
    }
    throw new ContendedUpdateError(what);
  }

  private write(versionKey: string, expected: string, writes: Write[]): Promise<number> {
    const keyIndex = new Map<string, number>([[versionKey, 1]]);
    const args: Array<string | Buffer> = [expected];
    for (const w of writes) {
      let index = keyIndex.get(w.key);
      if (index === undefined) keyIndex.set(w.key, (index = keyIndex.size + 1));
      args.push(w.op, String(index), w.op === 'SET' ? w.value : w.op === 'DEL' ? '' : w.member);
    }
    return this.apply(keyIndex.size, [...keyIndex.keys()], args);
  }
}
