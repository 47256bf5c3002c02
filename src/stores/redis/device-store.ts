// Devices, one key per token (keys.device). getMany issues one GET per token
// in the same tick; ioredis's auto-pipelining sends them as one batch (per
// cluster node), so a token_list of 1,000 is one round trip, not 1,000.
//
// Each app's tokens are also a set (keys.appDevices), so an app's devices are
// counted and listed without a SCAN over every device of every app. The set
// lives in the app's slot and the record in the token's, so the two writes are
// not one transaction: a crash between them can leave a removed device's token
// in the set (counted until the token is removed again), and a hello racing the
// removal of its own token can leave the record out of the set. Every put adds
// the token again, so the device's next hello mends that.
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
    await Promise.all([
      this.writes.track(this.redis.sadd(keys.appDevices(device.accessId), device.token)),
      this.writes.track(this.redis.set(keys.device(device.token), encode(device))),
    ]);
  }

  async countOfApp(accessId: string): Promise<number> {
    return this.redis.scard(keys.appDevices(accessId));
  }

  /** SSCAN; its cursor is the cursor, '' for SSCAN's 0. */
  async tokensOfApp(accessId: string, cursor: string, limit: number): Promise<{ tokens: string[]; cursor: string }> {
    const [next, tokens] = await this.redis.sscan(keys.appDevices(accessId), cursor === '' ? '0' : cursor, 'COUNT', limit);
    return { tokens, cursor: next === '0' ? '' : next };
  }

  /**
   * Indexes the devices stored before the per-app sets existed, once per Redis:
   * every put since writes the set too. Processes starting together may each
   * run it; SADD makes that harmless.
   */
  async indexDevicesFromBefore(): Promise<void> {
    if ((await this.redis.exists(keys.appDevicesBuilt)) === 1) return;
    let cursor = '';
    do {
      const page = await this.scan(cursor, 1000);
      await Promise.all(page.devices.map((d) => this.redis.sadd(keys.appDevices(d.accessId), d.token)));
      cursor = page.cursor;
    } while (cursor !== '');
    await this.redis.set(keys.appDevicesBuilt, '1');
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
      const device = bytes && decode<DeviceRecord>(bytes);
      if (!device || device.lastSeenAt >= before) return undefined;
      const deleted = await this.writes.track(this.redis.eval(DELETE_IF_UNCHANGED, 1, key, bytes) as Promise<number>);
      if (deleted !== 1) return undefined;
      const set = keys.appDevices(device.accessId);
      await this.writes.track(this.redis.srem(set, token));
      // A hello that put the record back meanwhile keeps its token in the set.
      if ((await this.redis.exists(key)) === 1) await this.writes.track(this.redis.sadd(set, token));
      return token;
    }));
    return removed.filter((t): t is string => t !== undefined);
  }
}

const DELETE_IF_UNCHANGED = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** A literal for a SCAN MATCH pattern. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
