// Offline queues in memory: one Map per token (push id → ref) plus a min-heap
// of expiry times, so sweepExpired pops what is due instead of scanning every
// queue. The heap is lazy: remove() leaves its entry behind and a popped entry
// counts only while its ref is still stored with the same expiry.
import { compareMessageIds, type OfflineRef } from '../../messages.js';
import type { OfflineStore } from '../types.js';
import { MinHeap } from './min-heap.js';

interface ExpiryEntry {
  expiresAt: number;
  token: string;
  pushId: string;
}

/** Rebuild the heap when dead entries outnumber live refs by this factor. */
const HEAP_SLACK = 2;
/** ...and only past this size, so small heaps are never rebuilt. */
const HEAP_REBUILD_MIN = 1024;

export class MemoryOfflineStore implements OfflineStore {
  private readonly queues = new Map<string, Map<string, OfflineRef>>();
  private readonly expiry = new MinHeap<ExpiryEntry>((a, b) => a.expiresAt < b.expiresAt);
  private stored = 0;

  constructor(private readonly maxPerToken = Number.MAX_SAFE_INTEGER) {}

  async append(refs: readonly OfflineRef[]): Promise<OfflineRef[]> {
    const full = new Set<string>();
    for (const r of refs) {
      let queue = this.queues.get(r.token);
      if (!queue) this.queues.set(r.token, (queue = new Map()));
      if (queue.has(r.pushId)) continue;
      queue.set(r.pushId, { ...r });
      this.stored++;
      this.expiry.push({ expiresAt: r.expiresAt, token: r.token, pushId: r.pushId });
      if (queue.size > this.maxPerToken) full.add(r.token);
    }
    const dropped: OfflineRef[] = [];
    for (const token of full) {
      const ordered = this.ordered(token);
      for (const r of ordered.slice(0, ordered.length - this.maxPerToken)) {
        this.delete(token, r.pushId);
        dropped.push(r);
      }
    }
    return dropped;
  }

  async page(token: string, after: string | undefined, limit: number, now: number): Promise<{ refs: OfflineRef[]; expired: OfflineRef[] }> {
    const refs: OfflineRef[] = [];
    const expired: OfflineRef[] = [];
    for (const r of this.ordered(token)) {
      if (refs.length >= limit) break;
      if (after !== undefined && compareMessageIds(r.pushId, after) <= 0) continue;
      if (r.expiresAt > now) refs.push({ ...r });
      else {
        this.delete(token, r.pushId);
        expired.push(r);
      }
    }
    return { refs, expired };
  }

  async remove(token: string, pushIds: readonly string[]): Promise<string[]> {
    const removed = pushIds.filter((id) => this.delete(token, id));
    this.compactIfSparse();
    return removed;
  }

  async sweepExpired(now: number, limit: number): Promise<OfflineRef[]> {
    const swept: OfflineRef[] = [];
    for (let top = this.expiry.peek(); top && top.expiresAt <= now && swept.length < limit; top = this.expiry.peek()) {
      this.expiry.pop();
      const r = this.queues.get(top.token)?.get(top.pushId);
      // A removed (and possibly re-appended) ref leaves a stale entry behind.
      if (!r || r.expiresAt !== top.expiresAt) continue;
      this.delete(top.token, top.pushId);
      swept.push(r);
    }
    return swept;
  }

  async depth(): Promise<number> {
    return this.stored;
  }

  /** Ids arrive mostly in order, so this sort is close to linear. */
  private ordered(token: string): OfflineRef[] {
    const queue = this.queues.get(token);
    return queue ? [...queue.values()].sort((a, b) => compareMessageIds(a.pushId, b.pushId)) : [];
  }

  private delete(token: string, pushId: string): boolean {
    const queue = this.queues.get(token);
    if (!queue?.delete(pushId)) return false;
    this.stored--;
    if (queue.size === 0) this.queues.delete(token);
    return true;
  }

  /** Bounds the lazy heap: acked refs would otherwise linger until their expiry. */
  private compactIfSparse(): void {
    if (this.expiry.size < HEAP_REBUILD_MIN || this.expiry.size < HEAP_SLACK * this.stored) return;
    this.expiry.retain((e) => this.queues.get(e.token)?.get(e.pushId)?.expiresAt === e.expiresAt);
  }
}
