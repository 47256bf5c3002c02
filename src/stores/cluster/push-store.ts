// PushStore for the cluster: the push log on JetStream (push-log.ts), push
// records, listings, counters and delivery progress on Redis
// (../redis/push-store.ts): two engines behind the one interface routers and
// the api already use with the embedded store.
//
// create() claims the push id in Redis first (SET NX: a racing create loses
// there, before anything reaches the log), then appends the log entry; it
// resolves once both are durable. Should the append fail, the record is
// removed again, so a push the API did not accept is neither listed nor logged.
// A reader that finds an entry in the log always finds its record.
import type { RedisPushStore } from '../redis/push-store.js';
import type { CounterDelta, DeliveryProgress, ProgressUpdate, PushCounters, PushLogEntry, PushRecord, PushStore } from '../types.js';
import type { JetStreamPushLog } from './push-log.js';

export class ClusterPushStore implements PushStore {
  constructor(
    private readonly records: RedisPushStore,
    private readonly log: JetStreamPushLog,
  ) {}

  async create(record: PushRecord, tokens: readonly string[] = []): Promise<void> {
    await this.records.create(record);
    try {
      await this.log.append({ seq: record.pushId, pushId: record.pushId, tokens: [...tokens] });
    } catch (err) {
      await this.records.discard(record).catch(() => undefined);
      throw err;
    }
  }

  appendTargets(entry: PushLogEntry): Promise<void> {
    return this.log.append(entry);
  }

  get(pushId: string): Promise<PushRecord | undefined> {
    return this.records.get(pushId);
  }

  list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]> {
    return this.records.list(accessId, fromMs, toMs, limit);
  }

  entriesAfter(after: string | undefined, limit: number): Promise<PushLogEntry[]> {
    return this.log.entriesAfter(after, limit);
  }

  addCounters(deltas: ReadonlyMap<string, CounterDelta>, progress?: ProgressUpdate): Promise<void> {
    return this.records.addCounters(deltas, progress);
  }

  counters(pushId: string): Promise<PushCounters> {
    return this.records.counters(pushId);
  }

  progress(): Promise<DeliveryProgress> {
    return this.records.progress();
  }

  pruneHistory(accessId: string, createdBefore: number, limit: number): Promise<number> {
    return this.records.pruneHistory(accessId, createdBefore, limit);
  }

  async trimLog(limit: number): Promise<number> {
    return this.log.trim(await this.records.checkpoint(), limit);
  }
}
