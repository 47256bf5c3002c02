// Devices in the `devices` sub-database, keyed by token. Reads are synchronous
// memory-mapped lookups, so getMany is a loop, not a round trip per token.
//
// `app-devices` indexes them by app: [accessId, token] → null, written in the
// same transaction as the record (and removed with it), so an app's devices
// are counted and listed without reading every device record of every app.
import type { Database } from 'lmdb';
import type { DeviceRecord, DeviceStore } from '../types.js';

export type AppDeviceKey = [accessId: string, token: string];

/** Above every token (tokens are hex), so [accessId, END] ends an app's range. */
const END = '\uffff';

export class LmdbDeviceStore implements DeviceStore {
  constructor(
    private readonly db: Database<DeviceRecord, string>,
    private readonly byApp: Database<null, AppDeviceKey>,
  ) {
    this.indexDevicesFromBefore();
  }

  async get(token: string): Promise<DeviceRecord | undefined> {
    return this.db.get(token);
  }

  async getMany(tokens: readonly string[]): Promise<Array<DeviceRecord | undefined>> {
    return tokens.map((token) => this.db.get(token));
  }

  async put(device: DeviceRecord): Promise<void> {
    // Written on every put (a hello's too), not only for new tokens: a check
    // first could race removeUnused and leave a record without its entry.
    // Both puts are issued in one turn, so they commit in one transaction.
    void this.byApp.put([device.accessId, device.token], null);
    await this.db.put(device.token, device);
  }

  async countOfApp(accessId: string): Promise<number> {
    return this.byApp.getKeysCount({ start: [accessId, ''], end: [accessId, END] });
  }

  /** Token order; the cursor is the first token of the next page. */
  async tokensOfApp(accessId: string, cursor: string, limit: number): Promise<{ tokens: string[]; cursor: string }> {
    const tokens: string[] = [];
    let next = '';
    for (const key of this.byApp.getKeys({ start: [accessId, cursor], end: [accessId, END], limit: limit + 1 })) {
      if (tokens.length === limit) next = key[1];
      else tokens.push(key[1]);
    }
    return { tokens, cursor: next };
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
          this.byApp.removeSync([device.accessId, token]);
          removed.push(token);
        }
      }
      return removed;
    });
  }

  /**
   * Data dirs from before the index hold devices and an empty index (every put
   * since writes both): index them once, at open, in one transaction.
   */
  private indexDevicesFromBefore(): void {
    if (this.byApp.getKeysCount({ limit: 1 }) > 0 || this.db.getKeysCount({ limit: 1 }) === 0) return;
    this.db.transactionSync(() => {
      for (const { key, value } of this.db.getRange()) this.byApp.putSync([value.accessId, key], null);
    });
  }
}
