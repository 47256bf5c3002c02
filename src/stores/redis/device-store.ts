// Devices, one key per token (keys.device). getMany issues one GET per token
// in the same tick; ioredis's auto-pipelining sends them as one batch (per
// cluster node), so a token_list of 1,000 is one round trip, not 1,000.
import type { Redis } from 'ioredis';
import { decode, encode } from '../../codec.js';
import type { DeviceRecord, DeviceStore } from '../types.js';
import { keys } from './keys.js';
import type { PendingWrites } from './pending-writes.js';

export class RedisDeviceStore implements DeviceStore {
  constructor(
    private readonly redis: Redis,
    private readonly writes: PendingWrites,
  ) {}

  async get(token: string): Promise<DeviceRecord | undefined> {
    const bytes = await this.redis.getBuffer(keys.device(token));
    return bytes ? decode<DeviceRecord>(bytes) : undefined;
  }

  async getMany(tokens: readonly string[]): Promise<Array<DeviceRecord | undefined>> {
    const all = await Promise.all(tokens.map((token) => this.redis.getBuffer(keys.device(token))));
    return all.map((bytes) => (bytes ? decode<DeviceRecord>(bytes) : undefined));
  }

  async put(device: DeviceRecord): Promise<void> {
    await this.writes.track(this.redis.set(keys.device(device.token), encode(device)));
  }
}
