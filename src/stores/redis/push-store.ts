// Push records, each app's by-time listing, per-push counters, and the
// routers' delivery progress (checkpoint and ack marks).
//
// Counters are one hash per push, added with HINCRBY: each increment is atomic
// in Redis, so adds racing from any number of router processes are exact (no
// read-modify-write in the client). Failed reasons are fields `failed:<reason>`.
// One flush of counters and its progress is one MULTI/EXEC: after a crash the
// counters and the ack marks agree. That transaction spans the counters' slots
// and the progress slot, so it needs the keys on one Redis server (standalone,
// or a primary with replicas); on Redis Cluster it would be refused (CROSSSLOT).
//
//   push-log:{push-log}:checkpoint   string  DeliveryProgress.checkpoint
//   push-log:{push-log}:acked        zset    score 0, member idMember(seq) + ' ' + token:
//                                            byte order is seq order, so the marks up to
//                                            a checkpoint go with one ZREMRANGEBYLEX
//
// This is the records-and-statistics part of PushStore; in cluster mode the
// push log (the targets of each accepted call) is a JetStream stream
// (../cluster/push-log.ts), not Redis.
import type { Redis } from 'ioredis';
import { decode, encode } from '../../codec.js';
import { COUNTER_FIELDS, markIsAfter, markSeq } from '../records.js';
import {
  StoreConflictError,
  emptyCounters,
  type CounterDelta,
  type DeliveryProgress,
  type ProgressUpdate,
  type PushCounters,
  type PushRecord,
  type PushStore,
} from '../types.js';
import { throwOnExecError } from './exec-results.js';
import { afterIdBound, byAppMember, idMember, keys, pushIdOfMember } from './keys.js';
import type { PendingWrites } from './pending-writes.js';

const FIELDS = COUNTER_FIELDS;
const FAILED = 'failed:';

/** The PushStore methods Redis serves; the composition root adds the push log. */
export type PushRecordStore = Pick<PushStore, 'get' | 'list' | 'counters' | 'addCounters' | 'progress' | 'pruneHistory'> & {
  create(record: PushRecord): Promise<void>;
};

/** An ack mark `${seq} ${token}` as a member of the marks set, and back. */
function markMember(mark: string): string {
  const seq = markSeq(mark);
  return idMember(seq) + mark.slice(seq.length);
}

function memberMark(member: string): string {
  return pushIdOfMember(member);
}

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

  async addCounters(deltas: ReadonlyMap<string, CounterDelta>, progress?: ProgressUpdate): Promise<void> {
    const commands: Array<Array<string | number>> = [];
    for (const [pushId, delta] of deltas) {
      const key = keys.counters(pushId);
      for (const field of FIELDS) {
        const n = delta[field];
        if (n) commands.push(['hincrby', key, field, n]);
      }
      for (const [reason, n] of Object.entries(delta.failed ?? {})) {
        if (n) commands.push(['hincrby', key, FAILED + reason, n]);
      }
    }
    if (progress) {
      if (progress.acked.length > 0) commands.push(['zadd', keys.ackMarks, ...progress.acked.flatMap((m) => [0, markMember(m)])]);
      if (progress.checkpoint !== undefined) {
        // After the adds: marks of this flush at or below the checkpoint go too
        // (the exclusive bound that starts "after the checkpoint" ends "up to it").
        commands.push(['set', keys.checkpoint, progress.checkpoint], ['zremrangebylex', keys.ackMarks, '-', afterIdBound(progress.checkpoint)]);
      }
    }
    if (commands.length === 0) return;
    throwOnExecError(await this.writes.track(this.redis.multi(commands).exec()), 'counter transaction');
  }

  async progress(): Promise<DeliveryProgress> {
    const [checkpoint, members] = await Promise.all([this.redis.get(keys.checkpoint), this.redis.zrange(keys.ackMarks, '0', '-1')]);
    const saved = checkpoint ?? undefined;
    // A flush without a checkpoint may add marks the saved checkpoint already passed.
    return { checkpoint: saved, acked: members.map(memberMark).filter((m) => markIsAfter(m, saved)) };
  }

  /** The saved checkpoint alone (progress() also reads every ack mark). */
  async checkpoint(): Promise<string | undefined> {
    return (await this.redis.get(keys.checkpoint)) ?? undefined;
  }

  async pruneHistory(accessId: string, createdBefore: number, limit: number): Promise<number> {
    if (limit <= 0) return 0;
    const listing = keys.pushesByApp(accessId);
    const members = await this.redis.zrangebyscore(listing, '-inf', `(${createdBefore}`, 'LIMIT', 0, limit);
    if (members.length === 0) return 0;
    // A pipeline, not MULTI: the record and counter keys sit in other slots. The
    // listing entry goes last, so a pass cut short leaves it to find again.
    const pipeline = this.redis.pipeline();
    for (const m of members) pipeline.del(keys.push(pushIdOfMember(m)), keys.counters(pushIdOfMember(m)));
    pipeline.zrem(listing, ...members);
    throwOnExecError(await this.writes.track(pipeline.exec()), 'history prune');
    return members.length;
  }

  /** Undoes a create whose log append failed, so the push is neither listed nor found. */
  async discard(record: PushRecord): Promise<void> {
    await this.writes.track(Promise.all([this.redis.del(keys.push(record.pushId)), this.redis.zrem(keys.pushesByApp(record.accessId), byAppMember(record.pushId))]));
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
