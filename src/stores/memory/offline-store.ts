// Offline queues in memory: one Map per token (id → message) plus a min-heap
// of expiry times, so sweepExpired pops what is due instead of scanning every
// queue. The heap is lazy: remove() leaves its entry behind and a popped entry
// counts only while its message is still stored with the same expiry.
import { compareMessageIds, type Delivery } from '../../messages.js';
import type { OfflineStore } from '../types.js';
import { MinHeap } from './min-heap.js';

interface ExpiryEntry {
  expiresAt: number;
  token: string;
  messageId: string;
}

/** Rebuild the heap when dead entries outnumber live messages by this factor. */
const HEAP_SLACK = 2;
/** ...and only past this size, so small heaps are never rebuilt. */
const HEAP_REBUILD_MIN = 1024;

export class MemoryOfflineStore implements OfflineStore {
  private readonly queues = new Map<string, Map<string, Delivery>>();
  private readonly expiry = new MinHeap<ExpiryEntry>((a, b) => a.expiresAt < b.expiresAt);
  private stored = 0;

  async append(messages: readonly Delivery[]): Promise<void> {
    for (const m of messages) {
      let queue = this.queues.get(m.token);
      if (!queue) this.queues.set(m.token, (queue = new Map()));
      if (queue.has(m.messageId)) continue;
      queue.set(m.messageId, { ...m });
      this.stored++;
      this.expiry.push({ expiresAt: m.expiresAt, token: m.token, messageId: m.messageId });
    }
  }

  async read(token: string, now: number): Promise<{ messages: Delivery[]; expired: Delivery[] }> {
    const queue = this.queues.get(token);
    if (!queue) return { messages: [], expired: [] };
    const messages: Delivery[] = [];
    const expired: Delivery[] = [];
    // Ids arrive mostly in order, so this sort is close to linear.
    const ordered = [...queue.values()].sort((a, b) => compareMessageIds(a.messageId, b.messageId));
    for (const m of ordered) {
      if (m.expiresAt > now) {
        messages.push({ ...m });
      } else {
        this.delete(token, m.messageId);
        expired.push(m);
      }
    }
    return { messages, expired };
  }

  async remove(token: string, messageIds: readonly string[]): Promise<string[]> {
    const removed = messageIds.filter((id) => this.delete(token, id));
    this.compactIfSparse();
    return removed;
  }

  async sweepExpired(now: number, limit: number): Promise<Delivery[]> {
    const swept: Delivery[] = [];
    for (let top = this.expiry.peek(); top && top.expiresAt <= now && swept.length < limit; top = this.expiry.peek()) {
      this.expiry.pop();
      const m = this.queues.get(top.token)?.get(top.messageId);
      // A removed (and possibly re-appended) message leaves a stale entry behind.
      if (!m || m.expiresAt !== top.expiresAt) continue;
      this.delete(top.token, top.messageId);
      swept.push(m);
    }
    return swept;
  }

  async depth(): Promise<number> {
    return this.stored;
  }

  private delete(token: string, messageId: string): boolean {
    const queue = this.queues.get(token);
    if (!queue?.delete(messageId)) return false;
    this.stored--;
    if (queue.size === 0) this.queues.delete(token);
    return true;
  }

  /** Bounds the lazy heap: acked messages would otherwise linger until their expiry. */
  private compactIfSparse(): void {
    if (this.expiry.size < HEAP_REBUILD_MIN || this.expiry.size < HEAP_SLACK * this.stored) return;
    this.expiry.retain((e) => this.queues.get(e.token)?.get(e.messageId)?.expiresAt === e.expiresAt);
  }
}
