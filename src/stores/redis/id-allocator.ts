// Ids from blocks reserved in Redis, for every process of a cluster: a block is
// reserved by one atomic script that starts it at or above the clock in
// microseconds and above every block reserved before, by any process, so ids
// never repeat across processes or restarts, and each process's ids increase.
//
// IdAllocator.next() is synchronous (it runs inside request handling that must
// not wait), and Redis answers asynchronously. So this allocator keeps one
// spare block reserved ahead: when the current block runs out, next() switches
// to the spare at once and a new spare is reserved in the background. next()
// throws IdsUnavailableError only when both are used up before Redis answered,
// that is when Redis is unreachable (or a burst took more than a spare block in
// one round trip); callers answer "busy, retry" then.
import type { Logger } from '../../log.js';
import { ID_BLOCK_SIZE } from '../memory/id-allocator.js';
import type { IdAllocator } from '../types.js';
import { keys } from './keys.js';
import type { Scripts } from './scripts.js';

export class IdsUnavailableError extends Error {
  constructor() {
    super('no reserved ids left: the next block is not reserved yet (is Redis reachable?)');
    this.name = 'IdsUnavailableError';
  }
}

interface Block {
  next: number;
  end: number;
}

export class RedisIdAllocator implements IdAllocator {
  private current: Block = { next: 0, end: 0 };
  private spare: Block | undefined;
  private reserving: Promise<void> | undefined;

  private constructor(
    private readonly scripts: Scripts,
    private readonly blockSize: number,
    private readonly log?: Logger,
  ) {
    if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new RangeError(`bad id block size ${blockSize}`);
  }

  /** Resolves once a current and a spare block are reserved. */
  static async open(scripts: Scripts, blockSize: number = ID_BLOCK_SIZE, log?: Logger): Promise<RedisIdAllocator> {
    const ids = new RedisIdAllocator(scripts, blockSize, log);
    await ids.refill();
    ids.current = ids.spare!;
    ids.spare = undefined;
    await ids.refill();
    return ids;
  }

  next(): string {
    if (this.current.next >= this.current.end) {
      if (!this.spare) {
        this.refillInBackground();
        throw new IdsUnavailableError();
      }
      this.current = this.spare;
      this.spare = undefined;
      this.refillInBackground();
    }
    return String(this.current.next++);
  }

  /** Resolves when a spare block is reserved (at once if there is one); for tests and start-up. */
  refill(): Promise<void> {
    if (this.spare) return Promise.resolve();
    return (this.reserving ??= this.reserve().finally(() => (this.reserving = undefined)));
  }

  /** The failure is logged in reserve(); the next call to next() tries again. */
  private refillInBackground(): void {
    this.refill().catch(() => undefined);
  }

  private async reserve(): Promise<void> {
    // Above everything this process reserved (the clock may step back), and at
    // or above the clock, so a fresh Redis still starts above earlier ids.
    const from = Math.max(this.current.end, Date.now() * 1000);
    try {
      const start = Number(await this.scripts.reserveIds(keys.ids, from, this.blockSize));
      const end = start + this.blockSize;
      // Above 2^53 ids would stop being exact numbers in other stores and clients.
      if (!Number.isSafeInteger(end)) throw new RangeError('id space exhausted (ids must stay below Number.MAX_SAFE_INTEGER)');
      this.spare = { next: start, end };
    } catch (err) {
      this.log?.error({ err }, 'id block reservation failed');
      throw err;
    }
  }
}
