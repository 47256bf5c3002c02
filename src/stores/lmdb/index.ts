// The embedded default: one LMDB environment in the data dir, one named
// sub-database per store, values packed by lmdb-js with msgpackr. Routes stay in
// memory: they name sockets of this process and must not survive a restart.
//
// Sub-databases: apps, devices, offline, offline-expiry, pushes, pushes-by-app,
// push-counters, meta (the id allocator's reserved end). Each store's file
// documents its key layout.
import { open, type Key } from 'lmdb';
import type { Delivery } from '../../messages.js';
import { ID_BLOCK_SIZE } from '../memory/id-allocator.js';
import { MemoryRouteRegistry } from '../memory/route-registry.js';
import type { AppRecord, DeviceRecord, PushCounters, PushRecord, Stores } from '../types.js';
import type { AccountRef } from '../audience-types.js';
import { prepareDataDir } from './data-dir.js';
import { LmdbAccountStore, type AccountTokensKey, type TokenAccountsKey } from './account-store.js';
import { LmdbAppStore } from './app-store.js';
import { LmdbDeviceStore } from './device-store.js';
import { LmdbIdAllocator } from './id-allocator.js';
import { LmdbTagStore, type AppTagKey, type TagTokenKey, type TokenTagsKey } from './tag-store.js';
import type { Durability } from '../../config.js';
import { LmdbOfflineStore, type ExpiryKey, type OfflineKey } from './offline-store.js';
import { LmdbPushStore, type PushByAppKey } from './push-store.js';

export { LmdbAccountStore, LmdbTagStore };
export { LmdbAppStore, LmdbDeviceStore, LmdbIdAllocator, LmdbOfflineStore, LmdbPushStore };

export interface EmbeddedStoreOptions {
  /** Ids per durable reservation; tests shrink it to cross block boundaries. */
  idBlockSize?: number;
  /** When an offline append counts as stored; see Durability. Default 'fsync'. */
  durability?: Durability;
}

/** Room for the sub-databases above, tags' and accounts' (tag-store.ts, account-store.ts), and later stores. */
const MAX_DBS = 32;

export async function openEmbeddedStores(dir: string, options: EmbeddedStoreOptions = {}): Promise<Stores> {
  prepareDataDir(dir);
  // noSubdir: false, or lmdb-js takes a dir whose name has an extension (homing.d) for a file name.
  const env = open({ path: dir, noSubdir: false, maxDbs: MAX_DBS, noSync: options.durability === 'nosync' });
  const db = <V, K extends Key>(name: string) => env.openDB<V, K>({ name });

  const pushes = new LmdbPushStore(
    db<PushRecord, string>('pushes'),
    db<null, PushByAppKey>('pushes-by-app'),
    db<PushCounters, string>('push-counters'),
  );
  let closing: Promise<void> | undefined;
  return {
    apps: new LmdbAppStore(db<AppRecord, string>('apps')),
    devices: new LmdbDeviceStore(db<DeviceRecord, string>('devices')),
    routes: new MemoryRouteRegistry(),
    offline: new LmdbOfflineStore(db<Delivery, OfflineKey>('offline'), db<null, ExpiryKey>('offline-expiry'), options.durability ?? 'fsync'),
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
    close: () =>
      (closing ??= (async () => {
        await pushes.flush();
        await env.flushed;
        await env.close();
      })()),
  };
}
