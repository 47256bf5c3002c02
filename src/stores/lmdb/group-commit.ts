// Group commit for the push log: while one batch of appends is committing (and,
// under HOMING_DURABILITY=fsync, syncing), new appends wait and then go
// together as the next batch: one transaction and one sync for all of them.
//
// A batch also starts no sooner than `intervalMs` after the previous one
// started (HOMING_GROUP_COMMIT_MS), unless `fullBatch` appends are already
// waiting. Under light load (pushes further apart than the interval) nothing
// waits; under load the commit rate is capped, so appends share transactions
// and syncs even when one sync is faster than the gap between pushes. An LMDB
// transaction with its sync costs ~0.3 ms of CPU here whatever it holds, so at
// 3,000 pushes/s, 4 ms puts ~12 pushes in each instead of ~1. A full batch
// starts at once: waiting longer would save little and would cap a client
// that waits for each answer at its connections ÷ the interval. The wait
// delays only the API's answer: live deliveries go out before the append commits.
export class GroupCommit {
  private pending: Array<{ write: () => Promise<unknown>; resolve: () => void; reject: (err: unknown) => void }> = [];
  private running: Promise<void> | undefined;
  /** performance.now() when the last batch started. */
  private lastStart = -Infinity;
  /** Ends the interval wait early (set while waiting). */
  private wake: (() => void) | undefined;

  /** `commit` issues the batch's writes (each returns its put's promise) and resolves when they are durable. */
  constructor(
    private readonly commit: (writes: Array<() => Promise<unknown>>) => Promise<void>,
    private readonly intervalMs = 0,
    private readonly fullBatch = Infinity,
  ) {}

  /** Resolves when `write` is durable, as part of some batch. */
  submit(write: () => Promise<unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      if (this.wake && this.pending.length >= this.fullBatch) this.wake();
      // A microtask later at least, so appends made in the same step share the first batch.
      this.running ??= Promise.resolve().then(() => this.run());
    });
  }

  /** Settles when nothing is pending or committing. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    while (this.pending.length > 0) {
      const wait = this.lastStart + this.intervalMs - performance.now();
      if (wait >= 0.5 && this.pending.length < this.fullBatch) await this.sleep(Math.ceil(wait));
      this.lastStart = performance.now();
      const batch = this.pending;
      this.pending = [];
      try {
        await this.commit(batch.map((b) => b.write));
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.running = undefined;
  }

  /** Waits `ms`, or less when a batch fills meanwhile. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }
}
