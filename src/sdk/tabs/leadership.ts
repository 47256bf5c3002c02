// Which tab of a site holds the socket: the one holding a Web Lock.
//
// Every participating tab queues for the same exclusive lock; the browser
// grants it to one at a time and, when the holder's tab closes or crashes,
// to the next in the queue at once. So there is never more than one leader
// per name in a browser profile, and a closed leader is replaced within
// milliseconds, with no timers and no heartbeat between tabs.

/** The part of `navigator.locks` (Web Locks API) used here. */
export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
}

/** navigator.locks where the page has it (secure contexts: https, localhost). */
export function browserLocks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : undefined;
}

export class Leadership {
  private queued: AbortController | undefined;
  private releaseHeld: (() => void) | undefined;

  constructor(
    private readonly locks: LockManagerLike,
    private readonly name: string,
    /** This tab holds the lock now. */
    private readonly onGranted: () => void,
  ) {}

  get held(): boolean {
    return this.releaseHeld !== undefined;
  }

  /** Joins the queue for the lock; no-op when already queued or holding it. */
  request(): void {
    if (this.queued || this.releaseHeld) return;
    const queued = new AbortController();
    this.queued = queued;
    this.locks
      .request(this.name, { signal: queued.signal }, () => {
        if (queued.signal.aborted) return Promise.resolve();
        this.queued = undefined;
        // Held until release(): the browser frees it by itself when the tab goes away.
        const held = new Promise<void>((resolve) => (this.releaseHeld = resolve));
        this.onGranted();
        return held;
      })
      // An AbortError when release() withdrew the request; nothing else can reject.
      .catch(() => undefined);
  }

  /** Gives the lock up (the next tab in the queue gets it), or leaves the queue. */
  release(): void {
    this.queued?.abort();
    this.queued = undefined;
    const release = this.releaseHeld;
    this.releaseHeld = undefined;
    release?.();
  }
}
