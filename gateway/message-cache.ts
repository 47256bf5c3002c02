// Push content for offline drains: refs name a push, the log holds its record.
// Recent pushes are what reconnecting devices ask for, thousands of times over
// for one token_list, so records are kept as ready PushMessages.
import { LRUCache } from 'lru-cache';
import { pushMessage, type OfflineRef, type PushMessage } from '../src/messages.js';
import type { PushStore } from '../src/stores/types.js';

/**
 * Messages kept. A token_list push's message stays hot however many others
 * pass, and a miss is one record read; every entry held is content (up to the
 * 4 KB message limit) that a process keeps even when idle after a burst.
 */
const MAX_MESSAGES = 1000;

export class MessageCache {
  private readonly cache = new LRUCache<string, PushMessage>({ max: MAX_MESSAGES });

  constructor(private readonly pushes: Pick<PushStore, 'get'>) {}

  /**
   * Remembers a message whose refs the gateway is storing (a socket that closed
   * or was busy, an overdue ack), so their drain reads no record. Deliveries
   * acked in time never need it, so the live path does not call this.
   */
  remember(message: PushMessage): void {
    if (!this.cache.has(message.pushId)) this.cache.set(message.pushId, message);
  }

  /** The message a ref points at (with the ref's log position), or undefined when its record is gone. */
  async resolve(ref: OfflineRef): Promise<PushMessage | undefined> {
    let base = this.cache.get(ref.pushId);
    if (!base) {
      const record = await this.pushes.get(ref.pushId);
      if (!record) return undefined;
      this.cache.set(ref.pushId, (base = pushMessage(record, ref.seq)));
    }
    // The ref's own expiry and log position win: they are what the device is owed.
    return base.seq === ref.seq && base.expiresAt === ref.expiresAt ? base : { ...base, seq: ref.seq, expiresAt: ref.expiresAt };
  }
}
