// The push log, records and counters in Maps. Records are cloned in and out
// (the request's `message` object is nested), as the on-disk store would decode
// a fresh copy.
import { compareMessageIds } from '../../messages.js';
import { addDelta, comparePushesNewestFirst, copyCounters, mergeProgress } from '../records.js';
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

export class MemoryPushStore implements PushStore {
  private readonly records = new Map<string, PushRecord>();
  private readonly counts = new Map<string, PushCounters>();
  /** In log order: seqs come from the id allocator and only grow. */
  private readonly log: PushLogEntry[] = [];
  private saved: DeliveryProgress = { checkpoint: undefined, acked: [] };

  async create(record: PushRecord, tokens: readonly string[] = []): Promise<void> {
    if (this.records.has(record.pushId)) throw new StoreConflictError(`push ${record.pushId} exists`);
    this.records.set(record.pushId, structuredClone(record));
    this.log.push({ seq: record.pushId, pushId: record.pushId, tokens: [...tokens] });
  }

  async appendTargets(entry: PushLogEntry): Promise<void> {
    this.log.push({ ...entry, tokens: [...entry.tokens] });
  }

  async get(pushId: string): Promise<PushRecord | undefined> {
    const record = this.records.get(pushId);
    return record && structuredClone(record);
  }

  async list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]> {
    if (limit <= 0) return [];
    const matching: PushRecord[] = [];
    for (const r of this.records.values()) {
      if (r.accessId === accessId && r.createdAt >= fromMs && r.createdAt < toMs) matching.push(r);
    }
    return matching.sort(comparePushesNewestFirst).slice(0, limit).map((r) => structuredClone(r));
  }

  async entriesAfter(after: string | undefined, limit: number): Promise<PushLogEntry[]> {
    const out: PushLogEntry[] = [];
    for (const e of this.log) {
      if (out.length >= limit) break;
      if (after === undefined || compareMessageIds(e.seq, after) > 0) out.push({ ...e, tokens: [...e.tokens] });
    }
    return out;
  }

  async addCounters(deltas: ReadonlyMap<string, CounterDelta>, progress?: ProgressUpdate): Promise<void> {
    for (const [pushId, delta] of deltas) {
      let counters = this.counts.get(pushId);
      if (!counters) this.counts.set(pushId, (counters = emptyCounters()));
      addDelta(counters, delta);
    }
    if (progress) this.saved = mergeProgress(this.saved, progress);
  }

  async counters(pushId: string): Promise<PushCounters> {
    const counters = this.counts.get(pushId);
    return counters ? copyCounters(counters) : emptyCounters();
  }

  async progress(): Promise<DeliveryProgress> {
    return { checkpoint: this.saved.checkpoint, acked: [...this.saved.acked] };
  }

  async pruneHistory(accessId: string, createdBefore: number, limit: number): Promise<number> {
    const old: PushRecord[] = [];
    for (const r of this.records.values()) if (r.accessId === accessId && r.createdAt < createdBefore) old.push(r);
    const gone = old.sort(comparePushesNewestFirst).reverse().slice(0, Math.max(0, limit));
    for (const r of gone) {
      this.records.delete(r.pushId);
      this.counts.delete(r.pushId);
    }
    return gone.length;
  }

  async trimLog(limit: number): Promise<number> {
    const { checkpoint } = this.saved;
    if (checkpoint === undefined) return 0;
    let settled = 0;
    while (settled < limit && settled < this.log.length && compareMessageIds(this.log[settled]!.seq, checkpoint) <= 0) settled++;
    this.log.splice(0, settled);
    return settled;
  }
}
