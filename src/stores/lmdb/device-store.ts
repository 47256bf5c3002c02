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
}
