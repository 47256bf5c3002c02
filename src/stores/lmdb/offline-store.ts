// Offline queues on disk, in two sub-databases written together:
//
//   offline          [token, idLength, pushId] → [seq, accessId, expiresAt]
//   offline-expiry   [expiresAt, token, pushId] → null
//
// A value is a reference to the push log, never the content. Keying by id
// length and then id sorts a token's refs exactly as compareMessageIds does
// (shorter decimal ids are smaller), so a page is one prefix range scan in push
// order. The expiry index lets sweepExpired walk only what is due.
//
// lmdb-js batches every write of one event turn into one transaction. The hot
// paths (append, and remove on ack) use plain puts and deletes; depth is LMDB's
// own entry count. Only the paths that report expired refs (page, sweep) use
// conditional deletes (ifVersion IF_EXISTS), whose result says whether this call
// removed the ref, so a page and a sweep racing for the same ref report it once.
import { IF_EXISTS, type Database } from 'lmdb';
import { LRUCache } from 'lru-cache';
import { CLOCK_ON_EACH_CHECK } from '../../ttl-cache.js';
import type { Durability } from '../../config.js';
import type { OfflineRef } from '../../messages.js';
import type { OfflineStore } from '../types.js';
import { durable } from './durable.js';

export type OfflineKey = [token: string, idLength: number, pushId: string];
export type OfflineValue = [seq: string, accessId: string, expiresAt: number];
export type ExpiryKey = [expiresAt: number, token: string, pushId: string];

function offlineKey(token: string, pushId: string): OfflineKey {
  return [token, pushId.length, pushId];
}

function expiryKey(r: OfflineRef): ExpiryKey {
  return [r.expiresAt, r.token, r.pushId];
}

function toRef(key: OfflineKey, value: OfflineValue): OfflineRef {
  return { token: key[0], pushId: key[2], seq: value[0], accessId: value[1], expiresAt: value[2] };
}

export class LmdbOfflineStore implements OfflineStore {
  /**
   * Refs per token, counted once from disk and then kept current by our own
   * writes, so the bound costs no range count per append. Entries age out so a
   * count that drifted (another process writing the same data dir) heals.
   */
  private readonly counts = new LRUCache<string, number>({ ...CLOCK_ON_EACH_CHECK, max: 100_000, ttl: 60_000 });

  constructor(
    private readonly refs: Database<OfflineValue, OfflineKey>,
    private readonly expiry: Database<null, ExpiryKey>,
    /** 'fsync' waits for the sync of the transaction; 'commit' and 'nosync' resolve at commit (survives a killed process). */
    private readonly durability: Durability = 'fsync',
    private readonly maxPerToken = Number.MAX_SAFE_INTEGER,
  ) {}

  async append(batch: readonly OfflineRef[]): Promise<OfflineRef[]> {
    if (batch.length === 0) return [];
    // Plain puts after a synchronous existence check, cheaper than a conditional
    // write on this hot path. Two racing appends of one ref in the same event
    // turn both write the same value, which is harmless.
    let last: Promise<boolean> | undefined;
    const seen = batch.length > 1 ? new Set<string>() : undefined;
    const full = new Set<string>();
    for (const r of batch) {
      const key = offlineKey(r.token, r.pushId);
      if (this.refs.doesExist(key)) continue;
      if (seen) {
        const id = `${r.token}\0${r.pushId}`;
        if (seen.has(id)) continue;
        seen.add(id);
      }
      void this.refs.put(key, [r.seq, r.accessId, r.expiresAt]);
      last = this.expiry.put(expiryKey(r), null);
      const count = this.count(r.token) + 1;
      this.counts.set(r.token, count);
      if (count > this.maxPerToken) full.add(r.token);
    }
    const dropped: OfflineRef[] = [];
    for (const token of full) dropped.push(...this.dropOldest(token, this.count(token) - this.maxPerToken));
    // Write promises resolve at commit, in order, so the last one covers the batch.
    await durable(this.refs, last, this.durability);
    return dropped;
  }

  async page(token: string, after: string | undefined, limit: number, now: number): Promise<{ refs: OfflineRef[]; expired: OfflineRef[] }> {
    const refs: OfflineRef[] = [];
    const due: OfflineRef[] = [];
    if (limit <= 0) return { refs, expired: due };
    // Infinity sorts above every id length, so this end closes the token's prefix.
    const start: OfflineKey | [string] = after === undefined ? [token] : offlineKey(token, after);
    for (const { key, value } of this.refs.getRange({ start, end: [token, Infinity] })) {
      if (after !== undefined && key[2] === after) continue; // start is inclusive
      const r = toRef(key, value);
      (r.expiresAt > now ? refs : due).push(r);
      if (refs.length >= limit) break;
    }
    return { refs, expired: await this.removeEach(due) };
  }

  async remove(token: string, pushIds: readonly string[]): Promise<string[]> {
    let last: Promise<boolean> | undefined;
    const removed: string[] = [];
    for (const id of pushIds) {
      // The stored value gives the expiry key to delete alongside it. Acks need
      // no conditional delete: nothing is reported from here.
      const value = this.refs.get(offlineKey(token, id));
      // Reads see committed data: an id repeated in this call is still "there".
      if (!value || removed.includes(id)) continue;
      void this.refs.remove(offlineKey(token, id));
      last = this.expiry.remove([value[2], token, id]);
      removed.push(id);
    }
    if (removed.length > 0) this.uncount(token, removed.length);
    await last;
    return removed;
  }

  async sweepExpired(now: number, limit: number): Promise<OfflineRef[]> {
    const due: OfflineRef[] = [];
    if (limit <= 0) return due;
    for (const key of this.expiry.getKeys()) {
      if (key[0] > now) break;
      const value = this.refs.get(offlineKey(key[1], key[2]));
      // Ref and index are written in one transaction, so a mismatch is a
      // leftover (never expected); drop it rather than meet it on every sweep.
      if (value?.[2] === key[0]) due.push(toRef(offlineKey(key[1], key[2]), value));
      else void this.expiry.remove(key);
      if (due.length >= limit) break;
    }
    return this.removeEach(due);
  }

  async depth(): Promise<number> {
    return (this.refs.getStats() as { entryCount: number }).entryCount;
  }

  private count(token: string): number {
    let n = this.counts.get(token);
    if (n === undefined) {
      n = this.refs.getCount({ start: [token], end: [token, Infinity] });
      this.counts.set(token, n);
    }
    return n;
  }

  private uncount(token: string, n: number): void {
    const count = this.counts.get(token);
    if (count !== undefined) this.counts.set(token, Math.max(0, count - n));
  }

  /** Removes the token's `n` oldest committed refs; returns them. */
  private dropOldest(token: string, n: number): OfflineRef[] {
    const dropped: OfflineRef[] = [];
    if (n <= 0) return dropped;
    for (const { key, value } of this.refs.getRange({ start: [token], end: [token, Infinity], limit: n })) {
      const r = toRef(key, value);
      void this.refs.remove(key);
      void this.expiry.remove(expiryKey(r));
      dropped.push(r);
    }
    this.uncount(token, dropped.length);
    return dropped;
  }

  /** Removes each ref still stored; returns the ones this call removed. */
  private async removeEach(candidates: OfflineRef[]): Promise<OfflineRef[]> {
    if (candidates.length === 0) return candidates;
    const removed = await Promise.all(
      candidates.map((r) =>
        this.refs.ifVersion(offlineKey(r.token, r.pushId), IF_EXISTS, () => {
          void this.refs.remove(offlineKey(r.token, r.pushId));
          void this.expiry.remove(expiryKey(r));
        }),
      ),
    );
    const gone = candidates.filter((_, i) => removed[i]);
    for (const r of gone) this.uncount(r.token, 1);
    return gone;
  }
}
