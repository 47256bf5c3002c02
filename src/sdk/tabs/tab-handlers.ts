// The push handlers of one tab: once-per-site handlers run only while this
// tab leads (it holds the socket, and the push is acked after them);
// every-tab handlers run in every tab, the leader's included.
import type { Push, PushHandler } from '../types.js';

export class TabHandlers {
  private readonly site = new Map<string, Set<PushHandler>>();
  private readonly everyTab = new Map<string, Set<PushHandler>>();

  /** Adds a handler; the returned function removes it. */
  add(accessId: string, handler: PushHandler, everyTab: boolean): () => void {
    const handlers = everyTab ? this.everyTab : this.site;
    let set = handlers.get(accessId);
    if (!set) handlers.set(accessId, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Apps with at least one handler of either kind. */
  apps(): Set<string> {
    return new Set([...this.site.keys(), ...this.everyTab.keys()]);
  }

  /** Runs the handlers for `push`; one that throws is reported and does not stop the others. */
  run(push: Push, leading: boolean, onError: (err: unknown) => void): void {
    const handlers = [...(this.everyTab.get(push.accessId) ?? [])];
    if (leading) handlers.push(...(this.site.get(push.accessId) ?? []));
    for (const handler of handlers) {
      try {
        handler(push);
      } catch (err) {
        onError(err);
      }
    }
  }
}
