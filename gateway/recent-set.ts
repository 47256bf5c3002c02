// A bounded set of recent keys: the oldest goes when it is full. For "counted
// lately" checks on the ack path, where an LRU with TTLs costs a clock read
// and list upkeep per call; insertion order is all that is needed here.
export class RecentSet {
  private readonly keys = new Set<string>();

  constructor(private readonly max: number) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Adds `key`; false when it was there already. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.max) this.keys.delete(this.keys.values().next().value!);
    return true;
  }
}
