// Writes a caller did not await must still reach Redis before the stores close
// (the Stores contract: close flushes). ioredis batches commands of one tick and
// sends them a moment later, while QUIT goes out at once, so closing waits for
// every write still in flight first.
export class PendingWrites {
  private readonly inFlight = new Set<Promise<unknown>>();

  track<T>(write: Promise<T>): Promise<T> {
    this.inFlight.add(write);
    const forget = () => this.inFlight.delete(write);
    write.then(forget, forget);
    return write;
  }

  /** Settles once every write tracked so far has settled (failures included). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}
