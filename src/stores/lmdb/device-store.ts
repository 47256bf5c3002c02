// Devices in the `devices` sub-database, keyed by token. Reads are synchronous
// memory-mapped lookups, so getMany is a loop, not a round trip per token.
import type { Database } from 'lmdb';
import type { DeviceRecord, DeviceStore } from '../types.js';

export class LmdbDeviceStore implements DeviceStore {
  constructor(private readonly db: Database<DeviceRecord, string>) {}

  async get(token: string): Promise<DeviceRecord | undefined> {
    return this.db.get(token);
  }

  async getMany(tokens: readonly string[]): Promise<Array<DeviceRecord | undefined>> {
    return tokens.map((token) => this.db.get(token));
  }

  async put(device: DeviceRecord): Promise<void> {
    await this.db.put(device.token, device);
  }

  /** Token order; the cursor is the first token of the next page. */
  async scan(cursor: string, limit: number): Promise<{ devices: DeviceRecord[]; cursor: string }> {
    const devices: DeviceRecord[] = [];
    let next = '';
    for (const { key, value } of this.db.getRange({ start: cursor === '' ? undefined : cursor, limit: limit + 1 })) {
      if (devices.length === limit) next = key;
      else devices.push(value);
    }
    return { devices, cursor: next };
  }

  /** Reads and removes inside one write transaction, so a resume's put lands wholly before or after. */
  removeUnused(tokens: readonly string[], before: number): Promise<string[]> {
    return this.db.transaction(() => {
      const removed: string[] = [];
      for (const token of tokens) {
        const device = this.db.get(token);
        if (device && device.lastSeenAt < before) {
          this.db.removeSync(token);
          removed.push(token);
        }
      }
      return removed;
    });
  }
}
