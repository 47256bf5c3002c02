// The stores' entry: the interfaces, and the switch a composition root uses to
// pick an implementation. A new kind (Redis) is one more case here.
import { openEmbeddedStores, type EmbeddedStoreOptions } from './lmdb/index.js';
import { openMemoryStores } from './memory/index.js';
import type { Stores } from './types.js';

export * from './types.js';
export * from './audience-types.js';
export { openMemoryStores } from './memory/index.js';
export { openEmbeddedStores, type EmbeddedStoreOptions } from './lmdb/index.js';

export type StoreKind = 'memory' | 'embedded';

/** `dataDir` is required for 'embedded': the directory holding the LMDB files. */
export async function openStores(kind: StoreKind, dataDir?: string, options: EmbeddedStoreOptions = {}): Promise<Stores> {
  switch (kind) {
    case 'memory':
      return openMemoryStores();
    case 'embedded':
      if (!dataDir) throw new Error('embedded stores need a data dir');
      return openEmbeddedStores(dataDir, options);
    default: {
      const unknown: never = kind;
      throw new Error(`unknown store kind ${String(unknown)}`);
    }
  }
}
