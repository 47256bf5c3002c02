// The browser events that matter to a long-lived socket, in one place.
//
// - `offline` / `online`: no network / network back. Offline, pings cannot be
//   answered and reconnect attempts only grow the backoff, so the client
//   pauses both; back online it reconnects at once.
// - back to the foreground (`visibilitychange` to visible, `resume` after a
//   freeze, `pageshow` from the back/forward cache): timers may have been
//   throttled or stopped meanwhile, so the client checks its socket now.
// - leaving (`pagehide`, `freeze`, hidden): the page may never run again, so
//   pending acks (and the seen ids saved before them) go out now.
//
// Outside a browser (no window/document) watchPage() does nothing.

export interface PageEventHandlers {
  online(): void;
  offline(): void;
  foreground(): void;
  /** `persisted`: the page goes to the back/forward cache and may come back (pageshow). */
  leaving(kind: 'hidden' | 'pagehide' | 'freeze', persisted: boolean): void;
}

interface PageTarget {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

/** True where the page lifecycle exists: a window with a document. */
export function inBrowserPage(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown };
  return typeof g.window === 'object' && g.window !== null && typeof g.document === 'object' && g.document !== null;
}

/** False only when the browser says it has no network; true elsewhere (Node, workers). */
export function browserOnline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return nav?.onLine !== false;
}

/** Adds the listeners; the returned function removes them. */
export function watchPage(handlers: PageEventHandlers): () => void {
  if (!inBrowserPage()) return () => undefined;
  const win = globalThis as unknown as PageTarget;
  const doc = (globalThis as unknown as { document: PageTarget & { visibilityState?: string } }).document;
  const listeners: Array<[PageTarget, string, (event: Event) => void]> = [
    [win, 'online', () => handlers.online()],
    [win, 'offline', () => handlers.offline()],
    [win, 'pageshow', (e) => (e as PageTransitionEvent).persisted && handlers.foreground()],
    [win, 'pagehide', (e) => handlers.leaving('pagehide', (e as PageTransitionEvent).persisted)],
    [doc, 'freeze', () => handlers.leaving('freeze', true)],
    [doc, 'resume', () => handlers.foreground()],
    [doc, 'visibilitychange', () => (doc.visibilityState === 'visible' ? handlers.foreground() : handlers.leaving('hidden', true))],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
  };
}
