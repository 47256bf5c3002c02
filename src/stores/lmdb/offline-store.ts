// Offline queues on disk, in two sub-databases written together:
//
//   offline          [token, idLength, messageId] → Delivery
//   offline-expiry   [expiresAt, token, messageId] → null
//
// Keying by id length and then id sorts a token's messages exactly as
// compareMessageIds does (shorter decimal ids are smaller), so read() is one
// prefix range scan in push order. The expiry index lets sweepExpired walk only
// what is due.
//
// lmdb-js batches every write of one event turn into one transaction. The hot
// paths (append, and remove on ack) use plain puts and deletes; depth is LMDB's
// own entry count. Only the paths that report expired messages (read, sweep) use
// conditional deletes (ifVersion IF_EXISTS), whose result says whether this call
// removed the message, so a read and a sweep racing for the same expired message
// report it once.
import { IF_EXISTS, type Database } from 'lmdb';
import type { Durability } from '../../config.js';
import type { Delivery } from '../../messages.js';
import type { OfflineStore } from '../types.js';

export type OfflineKey = [token: string, idLength: number, messageId: string];
export type ExpiryKey = [expiresAt: number, token: string, messageId: string];

function offlineKey(token: string, messageId: string): OfflineKey {
  return [token, messageId.length, messageId];
}

function expiryKey(m: Delivery): ExpiryKey {
  return [m.expiresAt, m.token, m.messageId];
}

export class LmdbOfflineStore implements OfflineStore {
  constructor(
    private readonly messages: Database<Delivery, OfflineKey>,
    private readonly expiry: Database<null, ExpiryKey>,
    /** 'fsync' waits for the sync of the transaction; 'commit' and 'nosync' resolve at commit (survives a killed process). */
    private readonly durability: Durability = 'fsync',
  ) {}

  async append(batch: readonly Delivery[]): Promise<void> {
    if (batch.length === 0) return;
    // Plain puts after a synchronous existence check, cheaper than a conditional
    // write on this hot path. Two racing appends of one id in the same event turn
    // both write, which is harmless: an id is one push for one token, so its
    // content is the same.
    let last: Promise<boolean> | undefined;
    const seen = batch.length > 1 ? new Set<string>() : undefined;
    for (const m of batch) {
      const key = offlineKey(m.token, m.messageId);
      if (this.messages.doesExist(key)) continue;
      if (seen) {
        const id = `${m.token}\0${m.messageId}`;
        if (seen.has(id)) continue;
        seen.add(id);
      }
      void this.messages.put(key, m);
      last = this.expiry.put(expiryKey(m), null);
    }
    // Write promises resolve at commit, in order, so the last one covers the batch.
    // LMDB's overlapping sync flushes after the commit; subscribed now, `flushed`
    // is the flush of the transaction these writes join (or of a later one).
    const flushed =
      this.durability === 'fsync'
        ? new Promise<unknown>((resolve, reject) => {
            this.messages.flushed.then(resolve, reject);
          })
        : undefined;
    await Promise.all([last, flushed]);
  }

  async read(token: string, now: number): Promise<{ messages: Delivery[]; expired: Delivery[] }> {
    const messages: Delivery[] = [];
    const due: Delivery[] = [];
    // Infinity sorts above every id length, so this end closes the token's prefix.
    for (const { value } of this.messages.getRange({ start: [token], end: [token, Infinity] })) {
      (value.expiresAt > now ? messages : due).push(value);
    }
    return { messages, expired: await this.removeEach(due) };
  }

  async remove(token: string, messageIds: readonly string[]): Promise<string[]> {
    let last: Promise<boolean> | undefined;
    const removed: string[] = [];
    for (const id of messageIds) {
      // The stored copy gives the expiry key to delete alongside it. Acks need no
      // conditional delete: nothing is reported from here.
      const m = this.messages.get(offlineKey(token, id));
      // Reads see committed data: an id repeated in this call is still "there".
      if (!m || removed.includes(id)) continue;
      void this.messages.remove(offlineKey(token, id));
      last = this.expiry.remove(expiryKey(m));
      removed.push(id);
    }
    await last;
    return removed;
  }

  async sweepExpired(now: number, limit: number): Promise<Delivery[]> {
    const due: Delivery[] = [];
    if (limit <= 0) return due;
    for (const key of this.expiry.getKeys()) {
      if (key[0] > now) break;
      const m = this.messages.get(offlineKey(key[1], key[2]));
      // Index and message are written in one transaction, so a mismatch is a
      // leftover (never expected); drop it rather than meet it on every sweep.
      if (m?.expiresAt === key[0]) due.push(m);
      else void this.expiry.remove(key);
      if (due.length >= limit) break;
    }
    return this.removeEach(due);
  }

  async depth(): Promise<number> {
    return (this.messages.getStats() as { entryCount: number }).entryCount;
  }

  /** Removes each message still stored; returns the ones this call removed. */
  private async removeEach(candidates: Delivery[]): Promise<Delivery[]> {
    if (candidates.length === 0) return candidates;
    const removed = await Promise.all(
      candidates.map((m) =>
        this.messages.ifVersion(offlineKey(m.token, m.messageId), IF_EXISTS, () => {
          void this.messages.remove(offlineKey(m.token, m.messageId));
          void this.expiry.remove(expiryKey(m));
        }),
      ),
    );
    return candidates.filter((_, i) => removed[i]);
  }
}
