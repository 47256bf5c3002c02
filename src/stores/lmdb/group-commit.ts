// Group commit for the push log: while one batch of appends is committing (and,
// under HOMING_DURABILITY=fsync, syncing), new appends wait and then go
// together as the next batch: one transaction and one sync for all of them.
//
// Under load a batch also starts no sooner than `intervalMs` after the previous
// one started (HOMING_GROUP_COMMIT_MS), so appends share transactions and syncs
// even when one sync is faster than the gap between pushes. An LMDB
// transaction with its sync costs ~0.3 ms of CPU here whatever it holds: at
// 3,000 pushes/s, 4 ms puts ~12 pushes in each instead of ~1. Two cases start
// at once instead, because waiting would add little or nothing to the batch:
// - `fullBatch` appends are waiting: the batch is big enough, and waiting on
//   would only delay the answers;
// - nothing arrived while the previous batch committed, and as many appends
//   wait as it held: clients that wait for each answer (one push at a time, or
//   a few callers back to back) have all sent their next push, and no more
//   will come until they are answered. Traffic that does not wait for answers
//   keeps arriving during commits, so it keeps the interval.
// The wait delays only the API's answer: live deliveries go out before the append commits.
export class GroupCommit {
  private pending: Array<{ write: () => Promise<unknown>; resolve: () => void; reject: (err: unknown) => void }> = [];
  private running: Promise<void> | undefined;
  /** performance.now() when the last batch started. */
  private lastStart = -Infinity;
  /** Appends in the batch that started last. */
  private lastBatch = 0;
  /** A batch is committing now, and whether anything was submitted meanwhile. */
  private committing = false;
  private arrivedWhileCommitting = false;
  /** Nothing was submitted while the last batch committed. */
  private quiet = true;
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
      if (this.committing) this.arrivedWhileCommitting = true;
      if (this.wake && this.ready()) this.wake();
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
      if (wait >= 0.5 && !this.ready()) await this.sleep(Math.ceil(wait));
      this.lastStart = performance.now();
      const batch = this.pending;
      this.lastBatch = batch.length;
      this.pending = [];
      this.committing = true;
      this.arrivedWhileCommitting = false;
      try {
        await this.commit(batch.map((b) => b.write));
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      } finally {
        this.committing = false;
        this.quiet = !this.arrivedWhileCommitting;
      }
    }
    this.running = undefined;
  }

  /** Whether the next batch should start without waiting out the interval (see the top of this file). */
  private ready(): boolean {
    return this.pending.length >= this.fullBatch || (this.quiet && this.pending.length >= this.lastBatch);
  }

  /** Waits `ms`, or less when the batch becomes ready meanwhile. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
