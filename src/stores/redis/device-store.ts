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

  /**
   * SCAN over the device keys. SCAN may return a key twice, and more keys than
   * its COUNT hint, so the cursor this returns is opaque JSON: SCAN's own cursor
   * and the tokens found but not handed out yet (at most one SCAN batch), which
   * the next page starts with. SCAN ignores the client's key prefix, so the
   * pattern carries it and the keys come back with it.
   */
  async scan(cursor: string, limit: number): Promise<{ devices: DeviceRecord[]; cursor: string }> {
    const prefix = this.redis.options.keyPrefix ?? '';
    let [scanCursor, pending] = cursor === '' ? ['0', [] as string[]] : (JSON.parse(cursor) as [string, string[]]);
    let started = cursor !== '';
    // '0' is where SCAN starts and where it reports the end: the first call starts there.
    while (pending.length < limit && !(started && scanCursor === '0')) {
      const [next, found] = await this.redis.scan(scanCursor, 'MATCH', `${globEscape(prefix)}${keys.device('*')}`, 'COUNT', limit);
      pending = [...pending, ...found.map((key) => key.slice(prefix.length + keys.device('').length - 1, -1))];
      scanCursor = next;
      started = true;
    }
    const page = pending.slice(0, Math.max(0, limit));
    const rest = pending.slice(page.length);
    const devices = (await this.getMany(page)).filter((d): d is DeviceRecord => d !== undefined);
    return { devices, cursor: scanCursor === '0' && rest.length === 0 ? '' : JSON.stringify([scanCursor, rest]) };
  }

  /**
   * Deletes a record only if it still holds the exact bytes read here, so a
   * resume that rewrote it meanwhile (newer lastSeenAt) keeps it.
   */
  async removeUnused(tokens: readonly string[], before: number): Promise<string[]> {
    const removed = await Promise.all(tokens.map(async (token) => {
      const key = keys.device(token);
      const bytes = await this.redis.getBuffer(key);
      if (!bytes || decode<DeviceRecord>(bytes).lastSeenAt >= before) return undefined;
      const deleted = await this.writes.track(this.redis.eval(DELETE_IF_UNCHANGED, 1, key, bytes) as Promise<number>);
      return deleted === 1 ? token : undefined;
    }));
    return removed.filter((t): t is string => t !== undefined);
  }
}

const DELETE_IF_UNCHANGED = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** A literal for a SCAN MATCH pattern. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
