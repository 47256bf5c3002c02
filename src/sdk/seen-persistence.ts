// Keeps the recent seen ids in the token store, so that a copy redelivered
// after a page reload or a process restart is dropped, not shown twice.
//
// Contract with the client: save() runs before every Ack frame goes out (the
// ack batcher's gate), so a push whose ack reached the gateway is always in
// the store first. A copy can come again after a restart only if its ack had
// not been processed, and then the saved id drops it. The one gap is a push
// shown in the few ms before its ack batch flushes (ackDelayMs) when the
// process dies without a pagehide: it is redelivered and shown again.
//
// Bounds: by count (the most recent PERSISTED_SEEN_LIMIT ids) and by time
// (an id is kept until its push expires, at most the longest expiry the
// server accepts, plus a margin for clock skew).
import type { SeenEntry, SeenIds } from './dedup.js';
import type { TokenStore } from './token-store.js';

/**
 * Only pushes whose acks were sent but not yet processed when the page or
 * process went away can come again; that is a few Ack frames' worth (one
 * 16 KiB frame holds about 700 ids), so a thousand covers it with room.
 */
export const PERSISTED_SEEN_LIMIT = 1_000;
/** The server's longest expire_time (XG's 259,200 s): no copy is kept, so none sent, after it. */
export const LONGEST_EXPIRY_MS = 259_200_000;
/** Expiry is judged on the server's clock; the device's may be off by this much before the first Pong corrects it. */
export const CLOCK_MARGIN_MS = 3_600_000;

/** How long a copy of a push can still arrive: until it expires, and never past the longest expiry. */
export function seenUntil(expiresAt: number, serverNow: number): number {
  const longest = serverNow + LONGEST_EXPIRY_MS;
  return (expiresAt > 0 ? Math.min(expiresAt, longest) : longest) + CLOCK_MARGIN_MS;
}

export class SeenPersistence {
  private loaded: Promise<void> | undefined;
  private savedVersion = -1;
  private readonly limit: number;

  constructor(
    private readonly seen: SeenIds,
    private readonly store: TokenStore,
    /** The server's clock as the client knows it. */
    private readonly now: () => number,
    private readonly onError: (err: unknown) => void,
  ) {
    this.limit = Math.min(PERSISTED_SEEN_LIMIT, seen.capacity);
  }

  /** Reads the saved ids once per client life; a store that fails to read counts as empty. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.store.getSeen) return;
      try {
        this.seen.restore(await this.store.getSeen(), this.now());
      } catch (err) {
        this.onError(err);
      }
      this.savedVersion = this.seen.version;
    })();
    return this.loaded;
  }

  /**
   * Writes the recent ids when a new one came since the last save. Returns
   * a promise only when the store's write is asynchronous; a failed write is
   * reported and does not hold acks back (the duplicate it risks is better
   * than pushes never acked).
   */
  save(): Promise<void> | void {
    if (!this.store.setSeen || this.seen.version === this.savedVersion) return;
    const version = this.seen.version;
    let written: Promise<void> | void;
    try {
      written = this.store.setSeen(this.entries());
    } catch (err) {
      return this.onError(err);
    }
    if (!written) {
      this.savedVersion = version;
      return;
    }
    return written.then(
      () => void (this.savedVersion = Math.max(this.savedVersion, version)),
      (err: unknown) => this.onError(err),
    );
  }

  private entries(): SeenEntry[] {
    return this.seen.recent(this.limit, this.now());
  }
}
