// A bounded set of recent keys, for "counted lately" checks on the ack path:
// two generations of plain Sets. A key is remembered until two generations of
// max/2 newer keys have passed; the older generation is dropped whole. (Deleting
// the oldest key one at a time leaves a Set's iteration walking past deleted
// slots, which made every add slower as the set filled.)
export class RecentSet {
  private current = new Set<string>();
  private previous = new Set<string>();
  private readonly generation: number;

  constructor(max: number) {
    this.generation = Math.max(1, Math.floor(max / 2));
  }

  has(key: string): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  /** Adds `key`; false when it was there already. */
  add(key: string): boolean {
    if (this.has(key)) return false;
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(key);
    return true;
  }
}
