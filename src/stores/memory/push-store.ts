// Push records and counters in Maps. Records are cloned in and out (the
// request's `message` object is nested), as the on-disk store would decode a
// fresh copy.
import { addDelta, comparePushesNewestFirst, copyCounters } from '../records.js';
import {
  StoreConflictError,
  emptyCounters,
  type CounterDelta,
  type PushCounters,
  type PushRecord,
  type PushStore,
} from '../types.js';

export class MemoryPushStore implements PushStore {
  private readonly records = new Map<string, PushRecord>();
  private readonly counts = new Map<string, PushCounters>();

  async create(record: PushRecord): Promise<void> {
    if (this.records.has(record.pushId)) throw new StoreConflictError(`push ${record.pushId} exists`);
    this.records.set(record.pushId, structuredClone(record));
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

  async addCounters(deltas: ReadonlyMap<string, CounterDelta>): Promise<void> {
    for (const [pushId, delta] of deltas) {
      let counters = this.counts.get(pushId);
      if (!counters) this.counts.set(pushId, (counters = emptyCounters()));
      addDelta(counters, delta);
    }
  }

  async counters(pushId: string): Promise<PushCounters> {
    const counters = this.counts.get(pushId);
    return counters ? copyCounters(counters) : emptyCounters();
  }
}
