// Routes (token → gateway node) shared by the cluster, one key per token with
// a TTL. The gateway holding a socket keeps its route alive with refresh();
// when a gateway dies without removing its routes they expire by themselves,
// so a dead node's tokens read as offline within one TTL (node liveness, to
// come, makes that immediate).
import type { Redis } from 'ioredis';
import type { RouteRegistry } from '../types.js';
import { keys } from './keys.js';
import type { PendingWrites } from './pending-writes.js';
import type { Scripts } from './scripts.js';

/**
 * How long a route lives without a refresh. Long enough that a gateway busy
 * with a connect storm or a Redis failover does not lose live routes; short
 * enough that a dead gateway's routes stop attracting deliveries soon.
 */
export const DEFAULT_ROUTE_TTL_MS = 90_000;
/** Refresh three times per TTL, so one late or failed refresh loses nothing. */
export const ROUTE_REFRESH_DIVISOR = 3;

export class RedisRouteRegistry implements RouteRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly scripts: Scripts,
    private readonly writes: PendingWrites,
    readonly ttlMs: number = DEFAULT_ROUTE_TTL_MS,
  ) {
    if (!Number.isSafeInteger(ttlMs) || ttlMs < 1) throw new RangeError(`bad route TTL ${ttlMs}`);
  }

  /** How often a gateway should call refresh() for its tokens. */
  get refreshIntervalMs(): number {
    return Math.max(1, Math.floor(this.ttlMs / ROUTE_REFRESH_DIVISOR));
  }

  async set(tokens: readonly string[], nodeId: string): Promise<void> {
    await this.writes.track(Promise.all(tokens.map((token) => this.redis.set(keys.route(token), nodeId, 'PX', this.ttlMs))));
  }

  async lookup(tokens: readonly string[]): Promise<Array<string | undefined>> {
    const held = await Promise.all(tokens.map((token) => this.redis.get(keys.route(token))));
    return held.map((nodeId) => nodeId ?? undefined);
  }

  async remove(tokens: readonly string[], nodeId: string): Promise<void> {
    await this.writes.track(Promise.all(tokens.map((token) => this.scripts.routeRemove(keys.route(token), nodeId))));
  }

  /**
   * Extends the routes `nodeId` holds by a full TTL, and sets again those that
   * expired meanwhile. Resolves with the tokens another node holds now: their
   * device reconnected elsewhere, and this node's socket for them is stale.
   */
  async refresh(tokens: readonly string[], nodeId: string): Promise<string[]> {
    const held = await this.writes.track(Promise.all(tokens.map((token) => this.scripts.routeRefresh(keys.route(token), nodeId, this.ttlMs))));
    return tokens.filter((_, i) => held[i] !== 1);
  }
}
