// The set of message ids already handed to the app.
//
// Delivery is at-least-once: after a reconnect the gateway sends again
// whatever it had not seen acked, so the SDK keeps the recent ids for the
// client's whole life (not per socket) and drops repeats before they reach
// the app. The set is bounded: past `capacity` the id seen longest ago is
// forgotten. A redelivery arrives at most one offline queue after the
// original, so the last 10,000 ids cover any realistic gap.
//
// Each id also carries `until`: the time (server clock, ms) after which no
// copy of it can arrive any more, because the push has expired (the gateway
// never sends an expired push). Ids past their `until` are what a restart
// may forget; seen-persistence.ts keeps the rest in the token store.

/** Enough for a long offline queue on every app of the device. */
export const DEFAULT_DEDUP_CAPACITY = 10_000;

export interface SeenEntry {
  /** `accessId + "\n" + messageId`, as the inbox keys it. */
  id: string;
  /** ms since epoch, server clock; no copy can arrive after it. */
  until: number;
}

export class SeenIds {
  readonly capacity: number;
  // A Map iterates in insertion order, so its first key is the oldest entry;
  // re-inserting on a hit makes eviction least-recently-seen, not first-seen.
  private readonly ids = new Map<string, number>();
  private additions = 0;

  constructor(capacity = DEFAULT_DEDUP_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`dedup capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.ids.size;
  }

  /** Grows with every new id: lets a persister tell whether anything changed since it last saved. */
  get version(): number {
    return this.additions;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /**
   * Records `id`. Returns true when it is new (deliver it), false when it
   * was already seen (drop it, but still ack it).
   */
  add(id: string, until = Number.POSITIVE_INFINITY): boolean {
    const known = this.ids.get(id);
    if (known !== undefined) {
      this.ids.delete(id);
      this.ids.set(id, Math.max(known, until));
      return false;
    }
    this.ids.set(id, until);
    this.additions++;
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.keys().next().value as string;
      this.ids.delete(oldest);
    }
    return true;
  }

  /** Adds entries remembered elsewhere (oldest first), skipping those past their `until`. */
  restore(entries: Iterable<SeenEntry>, now: number): void {
    for (const { id, until } of entries) {
      if (until > now && !this.ids.has(id)) this.add(id, until);
    }
  }

  /** The `limit` most recently seen ids still able to come again, oldest first. */
  recent(limit: number, now: number): SeenEntry[] {
    const out: SeenEntry[] = [];
    const all = [...this.ids];
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      const [id, until] = all[i]!;
      if (until > now) out.push({ id, until });
    }
    return out.reverse();
  }

  clear(): void {
    this.ids.clear();
  }
}
