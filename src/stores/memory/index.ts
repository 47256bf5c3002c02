// In-memory stores: tests, and a process that needs no data dir. Nothing
// survives close(); routes from here are also the embedded mode's registry.
import type { Stores } from '../types.js';
import { MemoryAccountStore } from './account-store.js';
import { MemoryAppStore } from './app-store.js';
import { MemoryBroadcastLog } from './broadcast-log.js';
import { MemoryCredentialStore } from './credential-store.js';
import { MemoryDeviceStore } from './device-store.js';
import { BlockIdAllocator, ID_BLOCK_SIZE } from './id-allocator.js';
import { MemoryOfflineStore } from './offline-store.js';
import { MemoryPushStore } from './push-store.js';
import { MemoryRouteRegistry } from './route-registry.js';
import { MemoryTagStore } from './tag-store.js';

export { MemoryAccountStore, MemoryCredentialStore, MemoryTagStore };
export { MemoryAppStore, MemoryDeviceStore, MemoryOfflineStore, MemoryPushStore, MemoryRouteRegistry };
export { BlockIdAllocator, ID_BLOCK_SIZE, type ReserveIds } from './id-allocator.js';

export interface MemoryStoreOptions {
  /** Ids per block; tests shrink it to cross block boundaries. */
  idBlockSize?: number;
  /** Offline refs kept per token; past it the oldest are dropped. Default: no bound. */
  maxOfflinePerToken?: number;
}

export function openMemoryStores(options: MemoryStoreOptions = {}): Stores {
  return {
    apps: new MemoryAppStore(),
    devices: new MemoryDeviceStore(),
    routes: new MemoryRouteRegistry(),
    offline: new MemoryOfflineStore(options.maxOfflinePerToken),
    pushes: new MemoryPushStore(),
    ids: new BlockIdAllocator(undefined, options.idBlockSize ?? ID_BLOCK_SIZE),
    tags: new MemoryTagStore(),
    accounts: new MemoryAccountStore(),
    credentials: new MemoryCredentialStore(),
    broadcasts: new MemoryBroadcastLog(),
    close: async () => {},
  };
}
