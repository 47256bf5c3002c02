// The push log, push records and counters on disk, in five sub-databases:
//
//   pushes          pushId → PushRecord
//   pushes-by-app   [accessId, createdAt, pushIdLength, pushId] → null
//   push-log        [seqLength, seq] → { pushId, tokens }
//   push-counters   pushId → PushCounters
//   push-progress   'checkpoint' → seq; ['acked', maxSeqLength, maxSeq, n] → marks
//
// An accepted push is one append: its record, its app index entry and its log
// entry go into the same transaction with one sync. Appends that arrive while
// one batch is committing wait and form the next batch (GroupCommit), and
// batches start at most every HOMING_GROUP_COMMIT_MS (sooner when waiting
// would add nothing; see GroupCommit), so under load many pushes share one
// transaction and one sync. list() is one reverse range scan of pushes-by-app; the id length
// before the id orders equal createdAt by push order, as compareMessageIds does.
//
// Counters are read-modify-write, and lmdb-js's asynchronous transaction
// callbacks cannot be relied on here, so this store serialises counter writes
// itself: deltas that arrive while a write is in flight are folded into the next
// round, and each round reads the committed values and puts the sums, with the
// delivery progress, within one event turn: one transaction. That is exact while
// one process owns the data dir's counters (the embedded mode's single server).
//
// Nothing here grows for good. A counter round that moves the checkpoint also
// removes the log entries it settles, so the log holds what is in flight;
// trimLog does the same a page at a time, for a backlog. pruneHistory drops
// pushes past the history setting (both run from PushHistoryExpiry). LMDB
// reuses the freed pages, so the file stops growing; it does not shrink.
import type { Database, Key } from 'lmdb';
import type { Durability } from '../../config.js';
import { compareMessageIds } from '../../messages.js';
import { addDelta, markIsAfter, markSeq } from '../records.js';
import { durable } from './durable.js';
import { GroupCommit } from './group-commit.js';
import {
  StoreConflictError,
  emptyCounters,
  type CounterDelta,
  type DeliveryProgress,
  type ProgressUpdate,
  type PushCounters,
  type PushLogEntry,
  type PushRecord,
  type PushStore,
} from '../types.js';

export type PushByAppKey = [accessId: string, createdAt: number, pushIdLength: number, pushId: string];
export type LogKey = [seqLength: number, seq: string];
export type LogValue = { pushId: string; tokens: string[] };
export type ProgressKey = 'checkpoint' | [tag: 'acked', maxSeqLength: number, maxSeq: string, n: number];

/**
 * Appends waiting that start a batch before the group commit interval is up: at
 * this size the transaction is already a small share of the batch's CPU, and
 * waiting on would only delay the answers (README, "Where the time goes").
 */
const GROUP_COMMIT_FULL_BATCH = 16;
/** Settled log entries one counter round removes at most: 40,000 a second at the default 250 ms flush. */
const TRIM_PER_ROUND = 10_000;

interface Round {
  deltas: Map<string, CounterDelta>;
  progress: ProgressUpdate | undefined;
  done: Promise<void>;
}

export class LmdbPushStore implements PushStore {
  /** Deltas waiting for the next round, and that round's completion. */
  private pending: Round | undefined;
  /** Settles when the last scheduled round has committed (or failed). */
  private tail: Promise<void> = Promise.resolve();
  /** Push ids being created (not yet committed): a second create of one is refused at once. */
  private readonly creating = new Set<string>();
  /** Log appends, one transaction (and sync) per batch. */
  private readonly appends: GroupCommit;
  /** Distinguishes ack-mark blobs written with the same highest seq, across restarts too. */
  private markBlobs = Date.now() * 1000;
  /** No push id above this one exists (the highest stored at open or created since); undefined: none. */
  private highest: string | undefined;

  constructor(
    private readonly records: Database<PushRecord, string>,
    private readonly byApp: Database<null, PushByAppKey>,
    private readonly log: Database<LogValue, LogKey>,
    private readonly counts: Database<PushCounters, string>,
    private readonly progressDb: Database<unknown, ProgressKey>,
    private readonly durability: Durability = 'fsync',
    /** HOMING_GROUP_COMMIT_MS: the least time between two batches' starts (see GroupCommit). */
    groupCommitMs = 0,
  ) {
    // Every create writes a log entry keyed by its id in numeric order, so the last is the highest;
    // records from before the log are covered by the records' own last key.
    for (const candidate of [lastKey(log)?.[1], lastKey(records)]) if (candidate !== undefined) this.raiseHighest(candidate);
    this.appends = new GroupCommit(async (writes) => {
      let last: Promise<unknown> | undefined;
      for (const write of writes) last = write();
      await durable(this.log, last, this.durability);
    }, groupCommitMs, GROUP_COMMIT_FULL_BATCH);
  }

  async create(record: PushRecord, tokens: readonly string[] = []): Promise<void> {
    // Push ids come from the id allocator and never repeat; a synchronous check
    // guards against misuse without a conditional write on every push. An id
    // above every id stored or created here cannot exist, so the allocator's
    // ids (always the highest yet) skip the read (~2 % of the CPU per push).
    const { pushId } = record;
    const above = this.raiseHighest(pushId);
    if (this.creating.has(pushId) || (!above && this.records.doesExist(pushId))) throw new StoreConflictError(`push ${pushId} exists`);
    this.creating.add(pushId);
    const entry: LogValue = { pushId, tokens: [...tokens] };
    try {
      await this.appends.submit(() => {
        void this.records.put(pushId, record);
        void this.byApp.put([record.accessId, record.createdAt, pushId.length, pushId], null);
        return this.log.put([pushId.length, pushId], entry);
      });
    } finally {
      this.creating.delete(pushId);
    }
  }

  async appendTargets(entry: PushLogEntry): Promise<void> {
    const value: LogValue = { pushId: entry.pushId, tokens: [...entry.tokens] };
    await this.appends.submit(() => this.log.put([entry.seq.length, entry.seq], value));
  }

  async get(pushId: string): Promise<PushRecord | undefined> {
    return this.records.get(pushId);
  }

  async list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]> {
    const out: PushRecord[] = [];
    if (limit <= 0) return out;
    // Reversed: start is the exclusive upper bound (every key [accessId, toMs, ...]
    // sorts above [accessId, toMs]); end [accessId, fromMs] sits below every key at fromMs.
    for (const key of this.byApp.getKeys({ start: [accessId, toMs], end: [accessId, fromMs], reverse: true })) {
      const record = this.records.get(key[3]);
      if (record) out.push(record);
      if (out.length >= limit) break;
    }
    return out;
  }

  async entriesAfter(after: string | undefined, limit: number): Promise<PushLogEntry[]> {
    const out: PushLogEntry[] = [];
    if (limit <= 0) return out;
    const start: LogKey | undefined = after === undefined ? undefined : [after.length, after];
    for (const { key, value } of this.log.getRange({ start })) {
      if (after !== undefined && key[1] === after) continue; // start is inclusive
      out.push({ seq: key[1], pushId: value.pushId, tokens: value.tokens });
      if (out.length >= limit) break;
    }
    return out;
  }

  addCounters(deltas: ReadonlyMap<string, CounterDelta>, progress?: ProgressUpdate): Promise<void> {
    if (deltas.size === 0 && !progress) return this.tail;
    if (!this.pending) {
      const round: Round = { deltas: new Map(), progress: undefined, done: Promise.resolve() };
      // The round starts after the previous one settled, so it reads committed sums.
      round.done = this.tail.then(() => this.writeRound(round));
      this.tail = round.done.catch(() => undefined);
      this.pending = round;
    }
    const round = this.pending;
    for (const [pushId, delta] of deltas) {
      const into = round.deltas.get(pushId);
      if (into) addDelta(into, delta);
      else round.deltas.set(pushId, addDelta({}, delta));
    }
    if (progress) {
      round.progress = {
        checkpoint: progress.checkpoint ?? round.progress?.checkpoint,
        acked: round.progress ? [...round.progress.acked, ...progress.acked] : [...progress.acked],
      };
    }
    return round.done;
  }

  async counters(pushId: string): Promise<PushCounters> {
    return this.counts.get(pushId) ?? emptyCounters();
  }

  async progress(): Promise<DeliveryProgress> {
    const checkpoint = this.progressDb.get('checkpoint') as string | undefined;
    const acked: string[] = [];
    for (const { value } of this.progressDb.getRange({ start: ['acked'], end: ['acked', Infinity] })) {
      for (const mark of value as string[]) if (markIsAfter(mark, checkpoint)) acked.push(mark);
    }
    return { checkpoint, acked };
  }

  async pruneHistory(accessId: string, createdBefore: number, limit: number): Promise<number> {
    const removes: Promise<boolean>[] = [];
    for (const key of this.byApp.getKeys({ start: [accessId], end: [accessId, createdBefore], limit: Math.max(0, limit) })) {
      const pushId = key[3];
      removes.push(this.byApp.remove(key), this.records.remove(pushId), this.counts.remove(pushId));
    }
    await Promise.all(removes);
    return removes.length / 3;
  }

  async trimLog(limit: number): Promise<number> {
    const checkpoint = this.progressDb.get('checkpoint') as string | undefined;
    if (checkpoint === undefined) return 0;
    const removes: Promise<boolean>[] = [];
    this.trimSettled(checkpoint, limit, removes);
    await Promise.all(removes);
    return removes.length;
  }

  /** Removes up to `limit` log entries at or before `checkpoint`, oldest first, into `removes`. */
  private trimSettled(checkpoint: string, limit: number, removes: Promise<boolean>[]): void {
    if (limit <= 0) return;
    for (const key of this.log.getKeys({ limit })) {
      if (compareMessageIds(key[1], checkpoint) > 0) break;
      removes.push(this.log.remove(key));
    }
  }

  /** Makes `id` the highest when it is above it; false when it is not (it may exist). */
  private raiseHighest(id: string): boolean {
    if (this.highest !== undefined && compareMessageIds(id, this.highest) <= 0) return false;
    this.highest = id;
    return true;
  }

  /** Settles once every append and counter write scheduled so far has committed. */
  async flush(): Promise<void> {
    await this.appends.idle();
    await this.tail;
  }

  private async writeRound(round: Round): Promise<void> {
    // From here on, new deltas go to the next round.
    if (this.pending === round) this.pending = undefined;
    const writes: Promise<boolean>[] = [];
    for (const [pushId, delta] of round.deltas) {
      // get() decodes a fresh object, so adding into it touches nothing shared.
      writes.push(this.counts.put(pushId, addDelta(this.counts.get(pushId) ?? emptyCounters(), delta)));
    }
    const progress = round.progress;
    if (progress) {
      const { checkpoint } = progress;
      if (checkpoint !== undefined) {
        writes.push(this.progressDb.put('checkpoint', checkpoint));
        // Settled entries leave the log with the checkpoint that settles them, so the
        // log holds only what is in flight: a few pages, reused. A backlog larger
        // than a round takes is left to the next rounds and to trimLog.
        this.trimSettled(checkpoint, TRIM_PER_ROUND, writes);
        // Mark blobs whose highest seq the checkpoint passed are no longer needed.
        for (const key of this.progressDb.getKeys({ start: ['acked'], end: ['acked', checkpoint.length, checkpoint, Infinity] })) {
          writes.push(this.progressDb.remove(key));
        }
      }
      const marks = progress.acked.filter((m) => markIsAfter(m, checkpoint));
      if (marks.length > 0) {
        let max = markSeq(marks[0]!);
        for (const m of marks) if (compareMessageIds(markSeq(m), max) > 0) max = markSeq(m);
        writes.push(this.progressDb.put(['acked', max.length, max, this.markBlobs++], marks));
      }
    }
    await Promise.all(writes);
  }
}

function lastKey<K extends Key>(db: Database<unknown, K>): K | undefined {
  for (const key of db.getKeys({ reverse: true, limit: 1 })) return key;
  return undefined;
}
