// Broadcast log in memory: per app, entries in push id order (appends come in
// push order within a process, so a push is enough).
import { compareMessageIds } from '../../messages.js';
import type { BroadcastEntry, BroadcastLog } from '../types.js';

export class MemoryBroadcastLog implements BroadcastLog {
  private readonly byApp = new Map<string, BroadcastEntry[]>();

  async append(entry: BroadcastEntry): Promise<void> {
    const list = this.byApp.get(entry.accessId) ?? [];
    if (list.some((e) => e.pushId === entry.pushId)) return;
    list.push({ ...entry });
    list.sort((a, b) => compareMessageIds(a.pushId, b.pushId));
    this.byApp.set(entry.accessId, list);
  }

  async after(accessId: string, after: string, limit: number, now: number): Promise<BroadcastEntry[]> {
    const out: BroadcastEntry[] = [];
    for (const e of this.byApp.get(accessId) ?? []) {
      if (out.length >= limit) break;
      if ((after === '' || compareMessageIds(e.pushId, after) > 0) && e.expiresAt > now) out.push({ ...e });
    }
    return out;
  }

  async latest(accessId: string): Promise<string> {
    return this.byApp.get(accessId)?.at(-1)?.pushId ?? '';
  }

  async prune(now: number): Promise<number> {
    let n = 0;
    for (const [accessId, list] of this.byApp) {
      // The newest entry stays even when expired: latest() must not go back.
      const kept = list.filter((e, i) => e.expiresAt > now || i === list.length - 1);
      n += list.length - kept.length;
      this.byApp.set(accessId, kept);
    }
    return n;
  }
}
