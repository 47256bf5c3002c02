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
// Every write is a conditional write (ifNoExists / ifVersion IF_EXISTS), which
// lmdb-js checks inside its write transaction and batches with every other
// write of the same event turn into one transaction. Its boolean result says
// whether this call stored or removed the message, which keeps depth exact when
// duplicates are appended, unknown ids removed, or a read and a sweep race for
// the same expired message (only one of them returns it).
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
  /** Kept in step by every write; the initial count is O(1) from LMDB's own stats. */
  private stored: number;

  constructor(
    private readonly messages: Database<Delivery, OfflineKey>,
    private readonly expiry: Database<null, ExpiryKey>,
    /** 'fsync' waits for the sync of the transaction; 'commit' and 'nosync' resolve at commit (survives a killed process). */
    private readonly durability: Durability = 'fsync',
  ) {
    this.stored = (messages.getStats() as { entryCount: number }).entryCount;
  }

  async append(batch: readonly Delivery[]): Promise<void> {
    if (batch.length === 0) return;
    const writes = batch.map((m) => {
      const key = offlineKey(m.token, m.messageId);
      return this.messages.ifNoExists(key, () => {
        void this.messages.put(key, m);
        void this.expiry.put(expiryKey(m), null);
      });
    });
    // Write promises resolve at commit and LMDB's overlapping sync flushes after
    // it. Subscribed now, `flushed` is the flush of the transaction these writes
    // join (or of a later one, which implies it).
    const flushed =
      this.durability === 'fsync'
        ? new Promise<unknown>((resolve, reject) => {
            this.messages.flushed.then(resolve, reject);
          })
        : undefined;
    const [stored] = await Promise.all([Promise.all(writes), flushed]);
    this.stored += count(stored);
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

  async remove(token: string, messageIds: readonly string[]): Promise<void> {
    const known: Delivery[] = [];
    for (const id of messageIds) {
      // The stored copy gives the expiry key to delete alongside it.
      const m = this.messages.get(offlineKey(token, id));
      if (m) known.push(m);
    }
    await this.removeEach(known);
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
    return this.stored;
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
    this.stored -= count(removed);
    return candidates.filter((_, i) => removed[i]);
  }
}

function count(flags: boolean[]): number {
  let n = 0;
  for (const f of flags) if (f) n++;
  return n;
}
