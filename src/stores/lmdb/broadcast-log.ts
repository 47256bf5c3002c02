// Broadcast log on disk, one sub-database:
//
//   broadcasts   [accessId, pushIdLength, pushId] → [tag, expiresAt]
//
// The id length before the id sorts an app's entries in push order (as
// compareMessageIds does), so after() is one range scan from the device's last
// id and latest() one reverse read.
import type { Database } from 'lmdb';
import type { Durability } from '../../config.js';
import type { BroadcastEntry, BroadcastLog } from '../types.js';
import { durable } from './durable.js';

export type BroadcastKey = [accessId: string, pushIdLength: number, pushId: string];
export type BroadcastValue = [tag: string, expiresAt: number];

export class LmdbBroadcastLog implements BroadcastLog {
  constructor(
    private readonly db: Database<BroadcastValue, BroadcastKey>,
    private readonly durability: Durability = 'fsync',
  ) {}

  async append(entry: BroadcastEntry): Promise<void> {
    await durable(this.db, this.db.put([entry.accessId, entry.pushId.length, entry.pushId], [entry.tag, entry.expiresAt]), this.durability);
  }

  async after(accessId: string, after: string, limit: number, now: number): Promise<BroadcastEntry[]> {
    const out: BroadcastEntry[] = [];
    if (limit <= 0) return out;
    const start: BroadcastKey | [string] = after === '' ? [accessId] : [accessId, after.length, after];
    for (const { key, value } of this.db.getRange({ start, end: [accessId, Infinity] })) {
      if (key[2] === after) continue; // start is inclusive
      if (value[1] <= now) continue;
      out.push({ accessId, pushId: key[2], tag: value[0], expiresAt: value[1] });
      if (out.length >= limit) break;
    }
    return out;
  }

  async latest(accessId: string): Promise<string> {
    for (const key of this.db.getKeys({ start: [accessId, Infinity], end: [accessId], reverse: true, limit: 1 })) return key[2];
    return '';
  }

  async prune(now: number): Promise<number> {
    const newest = new Map<string, string>();
    const expired: BroadcastKey[] = [];
    for (const { key, value } of this.db.getRange()) {
      newest.set(key[0], key[2]);
      if (value[1] <= now) expired.push(key);
    }
    let n = 0;
    for (const key of expired) {
      // The newest entry of an app stays: latest() must not go back.
      if (newest.get(key[0]) === key[2]) continue;
      void this.db.remove(key);
      n++;
    }
    await this.db.committed;
    return n;
  }
}
