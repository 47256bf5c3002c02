// Node liveness as routers see it (cluster mode): gateway nodes announce
// themselves every ANNOUNCE_INTERVAL_MS on the bus; one not heard from for
// deadAfterMs, or one that said it is leaving, is dead. A route naming a dead
// node counts as no route, so the router stores an offline ref (the device
// drains it where it reconnects) instead of sending into a void.
//
// A router that just started has heard nobody yet: until deadAfterMs has
// passed, a node it has not heard of is taken as alive (its announcement is on
// its way), so a router restart does not send every push offline.
import { PRESENCE_INTERVAL_MS, type NodeBus, type Unsubscribe } from '../src/bus/node-bus.js';
import type { Logger } from '../src/log.js';
import type { RouteRegistry } from '../src/stores/types.js';

/** Three missed announcements make a node dead; a busy event loop may delay one a little. */
export const DEFAULT_DEAD_AFTER_MS = 3 * PRESENCE_INTERVAL_MS + 500;

/** Node ids are host-pid by default: every gateway restart is a new one, so the dead are forgotten. */
const FORGET_DEAD_AFTER_MS = 600_000;

export type NodeDeath = 'silent' | 'leaving';

export interface LiveNodesOptions {
  deadAfterMs?: number;
  now?: () => number;
  log: Logger;
}

export class LiveNodes {
  private readonly lastHeard = new Map<string, number>();
  /** node → when it died; kept a while only to report each death once (past the start grace an unknown node is dead anyway). */
  private readonly dead = new Map<string, number>();
  private readonly started: number;
  private readonly deadAfterMs: number;
  private readonly now: () => number;
  private readonly unsubscribe: Unsubscribe;
  private readonly timer: NodeJS.Timeout;
  private readonly deathHandlers: Array<(nodeId: string, how: NodeDeath) => void> = [];

  constructor(bus: NodeBus, private readonly options: LiveNodesOptions) {
    this.now = options.now ?? Date.now;
    this.deadAfterMs = options.deadAfterMs ?? DEFAULT_DEAD_AFTER_MS;
    this.started = this.now();
    this.unsubscribe = bus.onAnnouncements((nodeId, presence) => (presence === 'alive' ? this.heard(nodeId) : this.died(nodeId, 'leaving')));
    this.timer = setInterval(() => this.check(), Math.max(100, Math.floor(this.deadAfterMs / 4)));
    this.timer.unref();
  }

  isAlive(nodeId: string): boolean {
    if (this.dead.has(nodeId)) return false;
    return this.lastHeard.has(nodeId) || this.now() - this.started < this.deadAfterMs;
  }

  /** Called once per death: a silent node that speaks again is alive again, and may die again. */
  onDeath(handler: (nodeId: string, how: NodeDeath) => void): void {
    this.deathHandlers.push(handler);
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private heard(nodeId: string): void {
    if (this.dead.delete(nodeId)) this.options.log.info({ node: nodeId }, 'gateway node alive again');
    this.lastHeard.set(nodeId, this.now());
  }

  private check(): void {
    const cutoff = this.now() - this.deadAfterMs;
    for (const [nodeId, at] of this.lastHeard) if (at < cutoff) this.died(nodeId, 'silent');
    const forgotten = this.now() - FORGET_DEAD_AFTER_MS;
    for (const [nodeId, at] of this.dead) if (at < forgotten) this.dead.delete(nodeId);
  }

  private died(nodeId: string, how: NodeDeath): void {
    this.lastHeard.delete(nodeId);
    if (this.dead.has(nodeId)) return;
    this.dead.set(nodeId, this.now());
    this.options.log.warn({ node: nodeId, how }, 'gateway node gone; its routes count as offline');
    for (const handler of this.deathHandlers) handler(nodeId, how);
  }
}

/** The registry with routes to dead nodes read as absent (the router's view). */
export function liveRoutes(routes: RouteRegistry, nodes: LiveNodes): RouteRegistry {
  return {
    set: (tokens, nodeId) => routes.set(tokens, nodeId),
    remove: (tokens, nodeId) => routes.remove(tokens, nodeId),
    async lookup(tokens) {
      const found = await routes.lookup(tokens);
      return found.map((node) => (node !== undefined && nodes.isAlive(node) ? node : undefined));
    },
  };
}
