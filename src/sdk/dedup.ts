// The set of message ids already handed to the app.
//
// Delivery is at-least-once: after a reconnect the gateway sends again
// whatever it had not seen acked, so the SDK keeps the recent ids for the
// client's whole life (not per socket) and drops repeats before they reach
// the app. The set is bounded: past `capacity` the id seen longest ago is
// forgotten. A redelivery arrives at most one offline queue after the
// original, so the last 10,000 ids cover any realistic gap; a process
// restart forgets everything (persist ids yourself if that matters).

/** Enough for a long offline queue on every app of the device. */
export const DEFAULT_DEDUP_CAPACITY = 10_000;

export class SeenIds {
  readonly capacity: number;
  // A Map iterates in insertion order, so its first key is the oldest entry;
  // re-inserting on a hit makes eviction least-recently-seen, not first-seen.
  private readonly ids = new Map<string, true>();

  constructor(capacity = DEFAULT_DEDUP_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`dedup capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /**
   * Records `id`. Returns true when it is new (deliver it), false when it
   * was already seen (drop it, but still ack it).
   */
  add(id: string): boolean {
    if (this.ids.has(id)) {
      this.ids.delete(id);
      this.ids.set(id, true);
      return false;
    }
    this.ids.set(id, true);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.keys().next().value as string;
      this.ids.delete(oldest);
    }
    return true;
  }

  clear(): void {
    this.ids.clear();
  }
}
