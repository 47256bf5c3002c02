// Bounded sets of recent (group, key) pairs, for "counted lately" checks on
// the ack path, such as (push id, token): two generations of plain
// collections. A pair is remembered until two generations of max/2 newer pairs
// have passed; the older generation is dropped whole. (Deleting the oldest
// pair one at a time leaves a Set's iteration walking past deleted slots,
// which made every add slower as the set filled.)
/**
 * No key string is built per check: both strings are ones the caller holds
 * anyway (a push id, a token), so V8 hashes each once and keeps the hash, where
 * a `${token} ${pushId}` key had to be built, flattened and hashed on every ack
 * (~10 % of the CPU of a broadcast's acks).
 */
export class RecentPairs {
  private current = new Map<string, Set<string>>();
  private previous = new Map<string, Set<string>>();
  private inCurrent = 0;
  private readonly generation: number;

  constructor(max: number) {
    this.generation = Math.max(1, Math.floor(max / 2));
  }

  has(group: string, key: string): boolean {
    return this.current.get(group)?.has(key) === true || this.previous.get(group)?.has(key) === true;
  }

  /** Adds the pair; false when it was there already. */
  add(group: string, key: string): boolean {
    if (this.has(group, key)) return false;
    if (this.inCurrent >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
      this.inCurrent = 0;
    }
    let keys = this.current.get(group);
    if (!keys) this.current.set(group, (keys = new Set()));
    keys.add(key);
    this.inCurrent++;
    return true;
  }
}
