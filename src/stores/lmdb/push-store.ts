// Push records and counters on disk, in three sub-databases:
//
//   pushes          pushId → PushRecord
//   pushes-by-app   [accessId, createdAt, pushIdLength, pushId] → null
//   push-counters   pushId → PushCounters
//
// list() is one reverse range scan of pushes-by-app; the id length before the
// id orders equal createdAt by push order, as compareMessageIds does.
//
// Counters are read-modify-write, and lmdb-js's asynchronous transaction
// callbacks cannot be relied on here, so this store serialises counter writes
// itself: deltas that arrive while a write is in flight are folded into the next
// round, and each round reads the committed values and puts the sums within one
// event turn, which lmdb-js commits as one transaction. That is exact while one
// process owns the data dir's counters (the embedded mode's single server).
import type { Database } from 'lmdb';
import { addDelta } from '../records.js';
import {
  StoreConflictError,
  emptyCounters,
  type CounterDelta,
  type PushCounters,
  type PushRecord,
  type PushStore,
} from '../types.js';

export type PushByAppKey = [accessId: string, createdAt: number, pushIdLength: number, pushId: string];

export class LmdbPushStore implements PushStore {
  /** Deltas waiting for the next round, and that round's completion. */
  private pending: { deltas: Map<string, CounterDelta>; done: Promise<void> } | undefined;
  /** Settles when the last scheduled round has committed (or failed). */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly records: Database<PushRecord, string>,
    private readonly byApp: Database<null, PushByAppKey>,
    private readonly counts: Database<PushCounters, string>,
  ) {}

  async create(record: PushRecord): Promise<void> {
    // Push ids come from the id allocator and never repeat; a synchronous check
    // guards against misuse without a conditional write on every push.
    if (this.records.doesExist(record.pushId)) throw new StoreConflictError(`push ${record.pushId} exists`);
    void this.records.put(record.pushId, record);
    await this.byApp.put([record.accessId, record.createdAt, record.pushId.length, record.pushId], null);
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

  addCounters(deltas: ReadonlyMap<string, CounterDelta>): Promise<void> {
    if (deltas.size === 0) return this.tail;
    if (!this.pending) {
      const pending = { deltas: new Map<string, CounterDelta>(), done: Promise.resolve() };
      // The round starts after the previous one settled, so it reads committed sums.
      pending.done = this.tail.then(() => this.writeRound(pending.deltas));
      this.tail = pending.done.catch(() => undefined);
      this.pending = pending;
    }
    const queued = this.pending.deltas;
    for (const [pushId, delta] of deltas) {
      const into = queued.get(pushId);
      if (into) addDelta(into, delta);
      else queued.set(pushId, addDelta({}, delta));
    }
    return this.pending.done;
  }

  async counters(pushId: string): Promise<PushCounters> {
    return this.counts.get(pushId) ?? emptyCounters();
  }

  /** Settles once every counter write scheduled so far has committed. */
  flush(): Promise<void> {
    return this.tail;
  }

  private async writeRound(deltas: Map<string, CounterDelta>): Promise<void> {
    // From here on, new deltas go to the next round.
    if (this.pending?.deltas === deltas) this.pending = undefined;
    const writes: Promise<boolean>[] = [];
    for (const [pushId, delta] of deltas) {
      // get() decodes a fresh object, so adding into it touches nothing shared.
      writes.push(this.counts.put(pushId, addDelta(this.counts.get(pushId) ?? emptyCounters(), delta)));
    }
    await Promise.all(writes);
  }
}
