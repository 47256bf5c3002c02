// The embedded IdAllocator: the memory scheme (blocks of ids above the clock in
// microseconds) with each block's end made durable before its first id is
// handed out. Reservation runs in a synchronous write transaction that reads
// the stored end under LMDB's write lock, so it is safe across restarts, crashes
// and even two processes sharing the data dir (their blocks never overlap).
import type { Database } from 'lmdb';
import { BlockIdAllocator, ID_BLOCK_SIZE } from '../memory/id-allocator.js';

/** Key in the `meta` sub-database: the end (exclusive) of the last reserved block. */
export const ID_RESERVED_END_KEY = 'ids.reservedEnd';

export class LmdbIdAllocator extends BlockIdAllocator {
  constructor(meta: Database<number, string>, blockSize: number = ID_BLOCK_SIZE) {
    super(
      (from, size) =>
        // transactionSync's default flags commit and flush to disk before returning.
        meta.transactionSync(() => {
          const start = Math.max(from, meta.get(ID_RESERVED_END_KEY) ?? 0);
          meta.putSync(ID_RESERVED_END_KEY, start + size);
          return start;
        }),
      blockSize,
    );
  }
}
