// Group commit for the push log: while one batch of appends is committing (and,
// under HOMING_DURABILITY=fsync, syncing), new appends wait and then go
// together as the next batch: one transaction and one sync for all of them.
//
// A batch also starts no sooner than `intervalMs` after the previous one
// started (HOMING_GROUP_COMMIT_MS). Under light load (pushes further apart than
// that) nothing waits; under load the commit rate is capped, so appends share
// transactions and syncs even when one sync is faster than the gap between
// pushes: at 2,000 pushes/s, 2 ms puts ~4 pushes in each sync instead of ~1 and
// takes about a sixth off the server CPU per push. The wait delays only the
// API's answer: live deliveries go out before the append commits. A batch that
// already holds `fullBatch` appends starts without waiting out the interval:
// past that, a transaction's fixed cost is a small share per push, and busy
// clients that wait for their answers (a pool of connections, each with one
// request in flight) get them sooner.
export class GroupCommit {
  private pending: Array<{ write: () => Promise<unknown>; resolve: () => void; reject: (err: unknown) => void }> = [];
  private running: Promise<void> | undefined;
  /** performance.now() when the last batch started. */
  private lastStart = -Infinity;
  /** Ends the current wait for the interval early; set while waiting. */
  private wake: (() => void) | undefined;

  /** `commit` issues the batch's writes (each returns its put's promise) and resolves when they are durable. */
  constructor(
    private readonly commit: (writes: Array<() => Promise<unknown>>) => Promise<void>,
    private readonly intervalMs = 0,
    private readonly fullBatch = 8,
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

  /** Waits `ms`, or less when `wake` is called meanwhile. */
  private async sleep(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      this.wake = resolve;
    });
    clearTimeout(timer);
    this.wake = undefined;
  }
}
