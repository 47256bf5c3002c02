// Message and push ids: decimal strings of a counter that starts near the
// current time in microseconds, so a fresh process (or a fresh data dir) lands
// above every id a previous run handed out in the same microsecond scale, and
// sorting ids (compareMessageIds) is push order.
//
// Ids are taken from blocks. Before the first id of a block is handed out the
// block is reserved through `reserve`, which an on-disk store makes durable: after
// a restart, even one following a crash, allocation resumes above the reserved
// end, so no id is ever handed out twice. Between reservations next() is a plain
// increment and stays synchronous.
import type { IdAllocator } from '../types.js';

/** One million ids per reservation: one small synchronous write per million ids. */
export const ID_BLOCK_SIZE = 1_000_000;

/**
 * Reserves a block of `size` ids starting at or above `from` and returns its start.
 * Implementations persist `start + size` before returning.
 */
export type ReserveIds = (from: number, size: number) => number;

export class BlockIdAllocator implements IdAllocator {
  private nextId = 0;
  private blockEnd = 0;

  constructor(
    private readonly reserve: ReserveIds = (from) => from,
    private readonly blockSize: number = ID_BLOCK_SIZE,
  ) {
    if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new RangeError(`bad id block size ${blockSize}`);
  }

  next(): string {
    if (this.nextId >= this.blockEnd) this.reserveBlock();
    return String(this.nextId++);
  }

  private reserveBlock(): void {
    // Never below what this process handed out: the clock may step back.
    const from = Math.max(this.nextId, Date.now() * 1000);
    const start = this.reserve(from, this.blockSize);
    const end = start + this.blockSize;
    // Above 2^53 ids would stop being exact numbers in other stores and clients.
    if (!Number.isSafeInteger(end)) throw new RangeError('id space exhausted (ids must stay below Number.MAX_SAFE_INTEGER)');
    this.nextId = start;
    this.blockEnd = end;
  }
}
