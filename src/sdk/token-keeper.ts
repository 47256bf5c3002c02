// The tokens a client resumes, and their trip to and from the token store.
//
// Contract: a token confirmed by a Welcome is kept in memory for the client's
// life and written to the store in the background (close() waits for the
// writes); the next hello resumes the in-memory pair, else the stored one. A
// token being dropped (4111, forget) is gone from both before the next hello.
import type { StoredToken, TokenStore } from './token-store.js';

export class TokenKeeper {
  /** Tokens confirmed by a Welcome in this client's life: what the next hello resumes. */
  private readonly confirmed = new Map<string, StoredToken>();
  /** What the last hello read from the store, for tokens not confirmed yet (their last broadcast id). */
  private readonly offered = new Map<string, StoredToken>();
  /** A token being dropped from the store; the next hello waits for it. */
  private forgetting: Promise<void> = Promise.resolve();
  private readonly pendingWrites = new Set<Promise<void>>();

  constructor(
    private readonly store: TokenStore,
    private readonly onError: (err: unknown) => void,
  ) {}

  token(accessId: string): string | undefined {
    return this.confirmed.get(accessId)?.token;
  }

  /** The pairs to resume, per app; apps with none register anew. Throws when the store cannot be read. */
  async forHello(accessIds: readonly string[]): Promise<Map<string, StoredToken>> {
    const tokens = new Map<string, StoredToken>();
    await this.forgetting;
    for (const accessId of accessIds) {
      const saved = this.confirmed.get(accessId) ?? (await this.store.get(accessId));
      if (saved) tokens.set(accessId, saved);
      if (saved && !this.confirmed.has(accessId)) this.offered.set(accessId, saved);
    }
    return tokens;
  }

  /**
   * A Welcome confirmed this pair: remember it, and store it when it is new.
   * `broadcastId` is the app's newest broadcast now: where a token that has
   * seen none starts (catch-up never sends what came before it).
   */
  confirm(accessId: string, value: StoredToken, broadcastId = ''): void {
    const confirmed = this.confirmed.get(accessId);
    const known = confirmed ?? this.offered.get(accessId);
    this.offered.delete(accessId);
    const same = known?.token === value.token && known.tokenSecret === value.tokenSecret;
    const last = (same ? known?.lastBroadcastId : undefined) ?? value.lastBroadcastId ?? broadcastId;
    if (same && confirmed && confirmed.lastBroadcastId === last) return;
    this.save(accessId, { token: value.token, tokenSecret: value.tokenSecret, lastBroadcastId: last });
  }

  /** A broadcast of the app arrived: the next hello asks only for what came after it. */
  sawBroadcast(accessId: string, pushId: string): void {
    const known = this.confirmed.get(accessId);
    if (!known || !pushId) return;
    const last = known.lastBroadcastId ?? '';
    // Push ids are decimal: longer is newer, then by digits.
    if (last.length > pushId.length || (last.length === pushId.length && last >= pushId)) return;
    this.save(accessId, { ...known, lastBroadcastId: pushId });
  }

  private save(accessId: string, saved: StoredToken): void {
    this.confirmed.set(accessId, saved);
    const write: Promise<void> = this.store
      .set(accessId, saved)
      .catch((err: unknown) => this.onError(err))
      .finally(() => this.pendingWrites.delete(write));
    this.pendingWrites.add(write);
  }

  /** Drops the app's token; the next hello registers it anew. The returned promise settles when the store has it gone. */
  forget(accessId: string): Promise<void> {
    this.confirmed.delete(accessId);
    this.offered.delete(accessId);
    this.forgetting = this.store.delete(accessId);
    const done = this.forgetting;
    this.forgetting = done.catch((err: unknown) => this.onError(err));
    return done;
  }

  /** Waits for the writes started so far. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pendingWrites, this.forgetting]);
  }
}
