// Where a device keeps its tokens between runs. A token names this install to
// the app's server, and only its secret lets a later socket resume it, so a
// device that loses the pair gets a new token and the app server must learn it
// again. Implementations: in memory (default: tests, short-lived processes),
// Web Storage (browsers), a JSON file (Node, in file-token-store.ts so that
// browser bundles never see node:fs).

export interface StoredToken {
  token: string;
  tokenSecret: string;
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
}

export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();

  async get(accessId: string): Promise<StoredToken | undefined> {
    const value = this.tokens.get(accessId);
    return value && { ...value };
  }

  async set(accessId: string, value: StoredToken): Promise<void> {
    this.tokens.set(accessId, { token: value.token, tokenSecret: value.tokenSecret });
  }

  async delete(accessId: string): Promise<void> {
    this.tokens.delete(accessId);
  }
}

/** The part of the Web Storage API (localStorage, sessionStorage) the store uses. */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * One Web Storage key per app. The token secret sits in storage that any
 * script on the origin can read; that is the price of resuming in a browser.
 */
export class WebStorageTokenStore implements TokenStore {
  constructor(
    private readonly storage: WebStorageLike,
    private readonly prefix = 'homing.token.',
  ) {}

  async get(accessId: string): Promise<StoredToken | undefined> {
    const raw = this.storage.getItem(this.prefix + accessId);
    return raw === null ? undefined : parseStoredToken(raw);
  }

  async set(accessId: string, value: StoredToken): Promise<void> {
    this.storage.setItem(this.prefix + accessId, JSON.stringify({ token: value.token, tokenSecret: value.tokenSecret }));
  }

  async delete(accessId: string): Promise<void> {
    this.storage.removeItem(this.prefix + accessId);
  }
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
  const { token, tokenSecret } = value as Record<string, unknown>;
  if (typeof token !== 'string' || typeof tokenSecret !== 'string' || !token || !tokenSecret) return undefined;
  return { token, tokenSecret };
}
