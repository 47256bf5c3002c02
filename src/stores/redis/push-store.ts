// Push records, each app's by-time listing, and per-push counters.
//
// Counters are one hash per push, added with HINCRBY: each increment is atomic
// in Redis, so adds racing from any number of router processes are exact (no
// read-modify-write in the client). Failed reasons are fields `failed:<reason>`.
//
// This is the records-and-statistics part of PushStore; in cluster mode the
// push log (the targets of each accepted call) is a JetStream stream, not Redis.
import type { Redis } from 'ioredis';
import { decode, encode } from '../../codec.js';
import { StoreConflictError, emptyCounters, type CounterDelta, type PushCounters, type PushRecord, type PushStore } from '../types.js';
import { byAppMember, keys, pushIdOfMember } from './keys.js';
import type { PendingWrites } from './pending-writes.js';

const FIELDS = ['targets', 'online', 'offline', 'arrived', 'clicked', 'expired'] as const;
const FAILED = 'failed:';

/** The PushStore methods Redis serves; the composition root adds the push log. */
export type PushRecordStore = Pick<PushStore, 'get' | 'list' | 'counters'> & {
  create(record: PushRecord): Promise<void>;
  addCounters(deltas: ReadonlyMap<string, CounterDelta>): Promise<void>;
};

export class RedisPushStore implements PushRecordStore {
  constructor(
    private readonly redis: Redis,
    private readonly writes: PendingWrites,
  ) {}

  async create(record: PushRecord): Promise<void> {
    // SET NX decides a racing create; the listing entry follows the record (a
    // crash in between leaves a push that get() finds and list() misses, never
    // a listed push without its record).
    const created = await this.writes.track(this.redis.set(keys.push(record.pushId), encode(record), 'NX'));
    if (created !== 'OK') throw new StoreConflictError(`push ${record.pushId} exists`);
    await this.writes.track(this.redis.zadd(keys.pushesByApp(record.accessId), record.createdAt, byAppMember(record.pushId)));
  }

  async get(pushId: string): Promise<PushRecord | undefined> {
    const bytes = await this.redis.getBuffer(keys.push(pushId));
    return bytes ? decode<PushRecord>(bytes) : undefined;
  }

  async list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]> {
    if (limit <= 0) return [];
    // Newest first: scores below toMs (exclusive) down to fromMs; equal scores
    // come in reverse member order, the later push first (see byAppMember).
    const members = await this.redis.zrevrangebyscore(keys.pushesByApp(accessId), `(${toMs}`, fromMs, 'LIMIT', 0, limit);
    const records = await Promise.all(members.map((m) => this.get(pushIdOfMember(m))));
    return records.filter((r): r is PushRecord => r !== undefined);
  }

  async addCounters(deltas: ReadonlyMap<string, CounterDelta>): Promise<void> {
    const adds: Array<Promise<number>> = [];
    for (const [pushId, delta] of deltas) {
      const key = keys.counters(pushId);
      for (const field of FIELDS) {
        const n = delta[field];
        if (n) adds.push(this.redis.hincrby(key, field, n));
      }
      for (const [reason, n] of Object.entries(delta.failed ?? {})) {
        if (n) adds.push(this.redis.hincrby(key, FAILED + reason, n));
      }
    }
    await this.writes.track(Promise.all(adds));
  }

  async counters(pushId: string): Promise<PushCounters> {
    const stored = await this.redis.hgetall(keys.counters(pushId));
    const counters = emptyCounters();
    for (const [field, value] of Object.entries(stored)) {
      if (field.startsWith(FAILED)) counters.failed[field.slice(FAILED.length)] = Number(value);
      else if ((FIELDS as readonly string[]).includes(field)) counters[field as (typeof FIELDS)[number]] = Number(value);
    }
    return counters;
  }
}
