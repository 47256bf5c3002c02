// A seeded PRNG (mulberry32) and the few draws the fuzzers need: a run is
// reproducible from its seed, so a failure found once can be found again.
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }

  /** A string of printable ASCII, with now and then a non-ASCII or control character. */
  text(maxLength: number): string {
    const n = this.int(maxLength + 1);
    let s = '';
    for (let i = 0; i < n; i++) {
      const r = this.next();
      s += r < 0.9 ? String.fromCharCode(32 + this.int(95)) : r < 0.95 ? this.pick(['é', '信', '鸽', '🙂', '\u200b']) : String.fromCharCode(this.int(32));
    }
    return s;
  }

  /** Chooses an entry by weight: `[[weight, value], …]`. */
  weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
    let total = 0;
    for (const [w] of entries) total += w;
    let r = this.next() * total;
    for (const [w, value] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![1];
  }
}
