// An in-process stand-in for the Web Locks API (navigator.locks), for Node
// tests of code that elects a leader among browser tabs: exclusive locks
// granted in request order, a queued request withdrawn by its AbortSignal.
import type { LockManagerLike } from '../../src/sdk/tabs/leadership.js';

interface Request {
  callback: (lock: unknown) => Promise<void>;
  settle: (error?: unknown) => void;
  signal: AbortSignal | undefined;
}

export class FakeLockManager implements LockManagerLike {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, Request[]>();

  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const request: Request = { callback, signal: options.signal, settle: (error) => (error ? reject(error) : resolve(undefined)) };
      options.signal?.addEventListener('abort', () => {
        const queue = this.queues.get(name) ?? [];
        const at = queue.indexOf(request);
        if (at < 0) return;
        queue.splice(at, 1);
        request.settle(new DOMException('withdrawn', 'AbortError'));
      });
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      queue.push(request);
      this.grant(name);
    });
  }

  private grant(name: string): void {
    const request = this.held.has(name) ? undefined : this.queues.get(name)?.shift();
    if (!request) return;
    this.held.add(name);
    void Promise.resolve(request.callback({ name })).finally(() => {
      this.held.delete(name);
      request.settle();
      this.grant(name);
    });
  }
}
