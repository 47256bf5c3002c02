// Runs read-modify-write steps one after another. Each step reads committed
// data synchronously and issues its writes in one event turn, which lmdb-js
// commits as one transaction; the next step starts after that commit, so it
// reads what the previous one wrote. Exact while one process writes these
// sub-databases (the embedded mode's single server), like push-store.ts's counters.
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(step: () => Promise<T>): Promise<T> {
    const result = this.tail.then(step, step);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
