// Where a device keeps its tokens between runs. A token names this install to
// the app's server, and only its secret lets a later socket resume it, so a
// device that loses the pair gets a new token and the app server must learn it
// again. Implementations: in memory (default: tests, short-lived processes),
// Web Storage (browsers), a JSON file (Node, in file-token-store.ts so that
// browser bundles never see node:fs).
//
// A store may also keep the ids of recently delivered messages
// (getSeen/setSeen), so that a copy redelivered after a reload or a restart
// is dropped instead of shown twice (see seen-persistence.ts).
import type { SeenEntry } from './dedup.js';

export interface StoredToken {
  token: string;
  tokenSecret: string;
  /**
   * The push id of the newest broadcast (a push to all devices or a tag) this
   * device got for the app: hello sends it so the gateway can send what came
   * after while the device was away. Absent in tokens stored by older SDKs.
   */
  lastBroadcastId?: string;
}

/**
 * Persists accessId → {token, tokenSecret}. Async so that a store may sit on
 * disk or a native key store. The client reads before each hello and writes
 * after each welcome; it never calls two methods at once for one accessId.
 */
export interface TokenStore {
  get(accessId: string): Promise<StoredToken | undefined>;
  set(accessId: string, value: StoredToken): Promise<void>;
  /** Forget a token, e.g. after the gateway refused it (4105), to be issued a new one. */
  delete(accessId: string): Promise<void>;
  /** Optional: the seen ids last saved, oldest first. Without it duplicates are dropped per client life only. */
  getSeen?(): Promise<SeenEntry[]>;
  /**
   * Optional: replaces the saved seen ids. The client acks a push only after
   * this has finished, so a store that writes synchronously (Web Storage)
   * should return nothing rather than a promise: acks then go out at once,
   * even from a `pagehide` handler.
   */
  setSeen?(entries: SeenEntry[]): Promise<void> | void;
}

export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();
  private seen: SeenEntry[] = [];

  async get(accessId: string): Promise<StoredToken | undefined> {
    const value = this.tokens.get(accessId);
    return value && { ...value };
  }

  async set(accessId: string, value: StoredToken): Promise<void> {
    this.tokens.set(accessId, storedToken(value));
  }

  async delete(accessId: string): Promise<void> {
    this.tokens.delete(accessId);
  }

  async getSeen(): Promise<SeenEntry[]> {
    return this.seen.map((e) => ({ ...e }));
  }

  setSeen(entries: SeenEntry[]): void {
    this.seen = entries.map(({ id, until }) => ({ id, until }));
  }
}

/** The part of the Web Storage API (localStorage, sessionStorage) the store uses. */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * One Web Storage key per app, and one (`seenKey`) for the seen ids. The token
 * secret sits in storage that any script on the origin can read; that is the
 * price of resuming in a browser (README, "Web apps", says how to limit it).
 */
export class WebStorageTokenStore implements TokenStore {
  constructor(
    private readonly storage: WebStorageLike,
    private readonly prefix = 'homing.token.',
    private readonly seenKey = 'homing.seen',
  ) {}

  async get(accessId: string): Promise<StoredToken | undefined> {
    const raw = this.storage.getItem(this.prefix + accessId);
    return raw === null ? undefined : parseStoredToken(raw);
  }

  async set(accessId: string, value: StoredToken): Promise<void> {
    this.storage.setItem(this.prefix + accessId, JSON.stringify(storedToken(value)));
  }

  async delete(accessId: string): Promise<void> {
    this.storage.removeItem(this.prefix + accessId);
  }

  async getSeen(): Promise<SeenEntry[]> {
    return parseSeen(this.storage.getItem(this.seenKey));
  }

  /** Synchronous on purpose (see TokenStore.setSeen). A full storage throws QuotaExceededError; the client reports it. */
  setSeen(entries: SeenEntry[]): void {
    this.storage.setItem(this.seenKey, JSON.stringify(serializeSeen(entries)));
  }
}

/** Seen ids as stored: `[[id, until], ...]`, compact because a store may hold a thousand of them. */
export function serializeSeen(entries: SeenEntry[]): Array<[string, number]> {
  return entries.map(({ id, until }) => [id, until]);
}

/** The inverse of serializeSeen; anything damaged reads as no entry, never as an error. */
export function parseSeen(raw: unknown): SeenEntry[] {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  const out: SeenEntry[] = [];
  for (const item of value) {
    if (Array.isArray(item) && typeof item[0] === 'string' && typeof item[1] === 'number') out.push({ id: item[0], until: item[1] });
  }
  return out;
}

/** A damaged entry reads as absent: the device then registers anew instead of failing forever. */
export function parseStoredToken(raw: unknown): StoredToken | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { token, tokenSecret, lastBroadcastId } = value as Record<string, unknown>;
  if (typeof token !== 'string' || typeof tokenSecret !== 'string' || !token || !tokenSecret) return undefined;
  return typeof lastBroadcastId === 'string' && lastBroadcastId ? { token, tokenSecret, lastBroadcastId } : { token, tokenSecret };
}

/** Only the fields a token store keeps (a copy, never the caller's object). */
export function storedToken(value: StoredToken): StoredToken {
  return value.lastBroadcastId
    ? { token: value.token, tokenSecret: value.tokenSecret, lastBroadcastId: value.lastBroadcastId }
    : { token: value.token, tokenSecret: value.tokenSecret };
}
