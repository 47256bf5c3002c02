// Apps in one hash (keys.apps): apps are few, one per mobile app, so listing
// is one HVALS and creation one HSETNX, which Redis runs atomically: two
// creates of one access id, from any processes, cannot both win.
import type { Redis } from 'ioredis';
import { decode, encode } from '../../codec.js';
import { compareAppsOldestFirst } from '../records.js';
import { StoreConflictError, type AppRecord, type AppStore } from '../types.js';
import { keys } from './keys.js';
import type { PendingWrites } from './pending-writes.js';

export class RedisAppStore implements AppStore {
  constructor(
    private readonly redis: Redis,
    private readonly writes: PendingWrites,
  ) {}

  async create(app: AppRecord): Promise<void> {
    const created = await this.writes.track(this.redis.hsetnx(keys.apps, app.accessId, encode(app)));
    if (created !== 1) throw new StoreConflictError(`app ${app.accessId} exists`);
  }

  async get(accessId: string): Promise<AppRecord | undefined> {
    const bytes = await this.redis.hgetBuffer(keys.apps, accessId);
    return bytes ? decode<AppRecord>(bytes) : undefined;
  }

  async list(): Promise<AppRecord[]> {
    const all = await this.redis.hvalsBuffer(keys.apps);
    return all.map((bytes) => decode<AppRecord>(bytes)).sort(compareAppsOldestFirst);
  }
}
