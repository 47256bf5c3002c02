// Group commit for the push log: while one batch of appends is committing (and,
// under HOMING_DURABILITY=fsync, syncing), new appends wait and then go
// together as the next batch: one transaction and one sync for all of them.
// Under light load a batch is one append and waits for nothing; under heavy
// load batches grow by themselves, so the cost per push of a commit and a sync
// falls as the rate rises.
export class GroupCommit {
  private pending: Array<{ write: () => Promise<unknown>; resolve: () => void; reject: (err: unknown) => void }> = [];
  private running: Promise<void> | undefined;

  /** `commit` issues the batch's writes (each returns its put's promise) and resolves when they are durable. */
  constructor(private readonly commit: (writes: Array<() => Promise<unknown>>) => Promise<void>) {}

  /** Resolves when `write` is durable, as part of some batch. */
  submit(write: () => Promise<unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      // A microtask later, so appends made in the same step share the first batch.
      this.running ??= Promise.resolve().then(() => this.run());
    });
  }

  /** Settles when nothing is pending or committing. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    while (this.pending.length > 0) {
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
}
