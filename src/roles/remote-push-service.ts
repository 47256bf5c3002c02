// The api role's PushService in cluster mode: pushes go to a router as push
// jobs (NATS request/reply, src/bus/nats-push-jobs.ts); records, counters and
// lists are read from the shared stores. Counters are as routers last wrote
// them (every 250 ms by default), not including what a router holds unwritten.
import type { PushOutcome, PushService, PushTask } from '../push-service.js';
import type { PushRecord, PushStore } from '../stores/types.js';

export class RemotePushService implements PushService {
  constructor(
    private readonly jobs: { push(task: PushTask): Promise<PushOutcome> },
    private readonly pushes: PushStore,
  ) {}

  push(task: PushTask): Promise<PushOutcome> {
    return this.jobs.push(task);
  }

  async record(accessId: string, pushId: string) {
    const record = await this.pushes.get(pushId);
    if (!record || record.accessId !== accessId) return undefined;
    return { record, counters: await this.pushes.counters(pushId) };
  }

  list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]> {
    return this.pushes.list(accessId, fromMs, toMs, limit);
  }
}
