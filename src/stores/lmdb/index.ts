// The embedded default: one LMDB environment in the data dir, one named
// sub-database per store, values packed by lmdb-js with msgpackr. Routes stay in
// memory: they name sockets of this process and must not survive a restart.
//
// Sub-databases: apps, devices, app-devices, offline, offline-expiry, pushes, pushes-by-app,
// push-log, push-counters, push-progress, meta (the id allocator's reserved end),
// provider-credentials, broadcasts. Each store's file
// documents its key layout.
import { open, type Key } from 'lmdb';
import { ID_BLOCK_SIZE } from '../memory/id-allocator.js';
import { MemoryRouteRegistry } from '../memory/route-registry.js';
import type { AppRecord, DeviceRecord, PushCounters, PushRecord, Stores } from '../types.js';
import type { AccountRef } from '../audience-types.js';
import { prepareDataDir } from './data-dir.js';
import { LmdbAccountStore, type AccountTokensKey, type TokenAccountsKey } from './account-store.js';
import { LmdbAppStore } from './app-store.js';
import { LmdbCredentialStore } from './credential-store.js';
import { LmdbBroadcastLog, type BroadcastKey, type BroadcastValue } from './broadcast-log.js';
import type { ProviderCredentials } from '../credentials.js';
import { LmdbDeviceStore, type AppDeviceKey } from './device-store.js';
import { LmdbIdAllocator } from './id-allocator.js';
import { LmdbTagStore, type AppTagKey, type TagTokenKey, type TokenTagsKey } from './tag-store.js';
import type { Durability } from '../../config.js';
import { LmdbOfflineStore, type ExpiryKey, type OfflineKey, type OfflineValue } from './offline-store.js';
import { LmdbPushStore, type LogKey, type LogValue, type ProgressKey, type PushByAppKey } from './push-store.js';

export { LmdbAccountStore, LmdbCredentialStore, LmdbTagStore };
export { LmdbAppStore, LmdbDeviceStore, LmdbIdAllocator, LmdbOfflineStore, LmdbPushStore };

export interface EmbeddedStoreOptions {
  /** Ids per durable reservation; tests shrink it to cross block boundaries. */
  idBlockSize?: number;
  /** When an offline append counts as stored; see Durability. Default 'fsync'. */
  durability?: Durability;
  /** Offline refs kept per token; past it the oldest are dropped. Default: no bound. */
  maxOfflinePerToken?: number;
  /** The least time between two push log commits' starts (HOMING_GROUP_COMMIT_MS). Default 0. */
  groupCommitMs?: number;
}

/** Room for the sub-databases above, tags' and accounts' (tag-store.ts, account-store.ts), and later stores. */
const MAX_DBS = 32;
/** 1 TiB of address space: a data dir that outgrows it is mapped again, as lmdb-js does by default. */
const MAP_SIZE = 2 ** 40;

export async function openEmbeddedStores(dir: string, options: EmbeddedStoreOptions = {}): Promise<Stores> {
  prepareDataDir(dir);
  // noSubdir: false, or lmdb-js takes a dir whose name has an extension (homing.d) for a file name.
  // mapSize: address space, not memory or disk. lmdb-js otherwise starts with a
  // 128 KiB map and maps the file anew, from offset 0, each time it outgrows
  // one, keeping the old maps: the pages read through each are counted in the
  // process's RSS once per map (three times over in a connect storm).
  const env = open({ path: dir, noSubdir: false, maxDbs: MAX_DBS, noSync: options.durability === 'nosync', mapSize: MAP_SIZE });
  // Values as plain msgpack maps. lmdb-js's default (msgpackr records without
  // shared structures) writes each value's record definition into the value
  // itself, which cost more to encode and decode than maps (~2x in a micro
  // benchmark, ~5 % of the server's CPU per push). Values written that way
  // before still decode: their definitions are inline.
  // (lmdb-js passes useRecords on to msgpackr; its typings do not list it.)
  const db = <V, K extends Key>(name: string) => {
    const options = { name, useRecords: false };
    return env.openDB<V, K>(options);
  };

  const durability = options.durability ?? 'fsync';
  const pushes = new LmdbPushStore(
    db<PushRecord, string>('pushes'),
    db<null, PushByAppKey>('pushes-by-app'),
    db<LogValue, LogKey>('push-log'),
    db<PushCounters, string>('push-counters'),
    db<unknown, ProgressKey>('push-progress'),
    durability,
    options.groupCommitMs,
  );
  let closing: Promise<void> | undefined;
  return {
    apps: new LmdbAppStore(db<AppRecord, string>('apps')),
    devices: new LmdbDeviceStore(db<DeviceRecord, string>('devices'), db<null, AppDeviceKey>('app-devices')),
    routes: new MemoryRouteRegistry(),
    offline: new LmdbOfflineStore(db<OfflineValue, OfflineKey>('offline'), db<null, ExpiryKey>('offline-expiry'), durability, options.maxOfflinePerToken),
    pushes,
    ids: new LmdbIdAllocator(db<number, string>('meta'), options.idBlockSize ?? ID_BLOCK_SIZE),
    tags: new LmdbTagStore({
      tagTokens: db<null, TagTokenKey>('tag-tokens'),
      tokenTags: db<string[], TokenTagsKey>('token-tags'),
      appTags: db<number, AppTagKey>('app-tags'),
      tagApps: db<number, string>('tag-apps'),
    }),
    accounts: new LmdbAccountStore({
      accountTokens: db<string[], AccountTokensKey>('account-tokens'),
      tokenAccounts: db<AccountRef[], TokenAccountsKey>('token-accounts'),
    }),
    credentials: new LmdbCredentialStore(db<ProviderCredentials, string>('provider-credentials')),
    broadcasts: new LmdbBroadcastLog(db<BroadcastValue, BroadcastKey>('broadcasts'), durability),
    close: () =>
      (closing ??= (async () => {
        await pushes.flush();
        await env.flushed;
        await env.close();
      })()),
  };
}
