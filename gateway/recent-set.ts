// Bounded sets of recent (group, key) pairs, for "counted lately" checks on
// the ack path, such as (push id, token): two generations of plain
// collections. A pair is remembered until two generations of max/2 newer pairs
// have passed; the older generation is dropped whole. (Deleting the oldest
// pair one at a time leaves a Set's iteration walking past deleted slots,
// which made every add slower as the set filled.)
//
// No key string is built per check: both strings are ones the caller holds
// anyway (a push id, a token), so V8 hashes each once and keeps the hash, where
// a `${token} ${pushId}` key had to be built, flattened and hashed on every ack
// (~10 % of the CPU of a broadcast's acks).
//
// A group with one key holds the key itself, not a Set: live acks group by
// token, and most tokens have one recent push, so a Set each (and its hash
// table) was ~5 MiB of heap at 10,000 devices, kept after the traffic stopped.
type Keys = string | Set<string>;

function holds(keys: Keys | undefined, key: string): boolean {
  return keys === key || (typeof keys === 'object' && keys.has(key));
}

export class RecentPairs {
  private current = new Map<string, Keys>();
  private previous = new Map<string, Keys>();
  private inCurrent = 0;
  private readonly generation: number;
  /** When `expire` first saw the current generation; undefined until it has. */
  private currentSeen: number | undefined;

  constructor(max: number) {
    this.generation = Math.max(1, Math.floor(max / 2));
  }

  /**
   * Called now and then (a timer): a generation `expire` has seen for
   * `generationMs` or longer is retired, so a quiet node lets go of its pairs
   * within about two generations instead of holding them until traffic
   * pushes them out. Every pair stays at least `generationMs`.
   */
  expire(now: number, generationMs: number): void {
    if (this.currentSeen === undefined) {
      this.currentSeen = now;
      return;
    }
    if (now - this.currentSeen < generationMs) return;
    this.rotate();
    this.currentSeen = now;
  }

  has(group: string, key: string): boolean {
    return holds(this.current.get(group), key) || holds(this.previous.get(group), key);
  }

  /** Adds the pair; false when it was there already. */
  add(group: string, key: string): boolean {
    // The group's current keys are looked up once: this runs once per ack.
    let keys = this.current.get(group);
    if (holds(keys, key) || holds(this.previous.get(group), key)) return false;
    if (this.inCurrent >= this.generation) {
      this.rotate();
      keys = undefined;
    }
    if (keys === undefined) this.current.set(group, key);
    else if (typeof keys === 'string') this.current.set(group, new Set([keys, key]));
    else keys.add(key);
    this.inCurrent++;
    return true;
  }

  private rotate(): void {
    this.previous = this.current;
    this.current = new Map();
    this.inCurrent = 0;
    this.currentSeen = undefined;
  }
}
