// Node liveness as routers see it (cluster mode): gateway nodes announce
// themselves every ANNOUNCE_INTERVAL_MS on the bus; one not heard from for
// deadAfterMs, or one that said it is leaving, is dead. A route naming a dead
// node counts as no route, so the router stores an offline ref (the device
// drains it where it reconnects) instead of sending into a void.
//
// A router that just started has heard nobody yet: until deadAfterMs has
// passed, a node it has not heard of is taken as alive (its announcement is on
// its way), so a router restart does not send every push offline.
//
// A node heard again after its death, or after this router's bus connection
// came back (nats-server restarted: commands sent around it may have been
// dropped, core NATS being at most once), has "returned": its subscriptions
// are live again, since it spoke on the new connection. Return handlers get the
// tokens routed to it while it was taken as dead (stored offline meanwhile, for
// devices that may never have left it), so the router can have them drained.
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
  private readonly returnHandlers: Array<(nodeId: string, parked: string[]) => void> = [];
  /** Nodes known when the bus reconnected and not heard from since. */
  private readonly interrupted = new Set<string>();
  /** Dead node → tokens whose route named it while it was dead. */
  private readonly parked = new Map<string, Set<string>>();
  private readonly unsubscribeReconnect: Unsubscribe | undefined;

  constructor(bus: NodeBus, private readonly options: LiveNodesOptions) {
    this.now = options.now ?? Date.now;
    this.deadAfterMs = options.deadAfterMs ?? DEFAULT_DEAD_AFTER_MS;
    this.started = this.now();
    this.unsubscribe = bus.onAnnouncements((nodeId, presence) => (presence === 'alive' ? this.heard(nodeId) : this.died(nodeId, 'leaving')));
    this.unsubscribeReconnect = bus.onReconnect?.(() => {
      for (const nodeId of this.lastHeard.keys()) this.interrupted.add(nodeId);
    });
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

  /** Called when a node is heard again after its death or after a bus reconnect (above), with the tokens parked for it. */
  onReturn(handler: (nodeId: string, parked: string[]) => void): void {
    this.returnHandlers.push(handler);
  }

  /** `token`'s route named `nodeId`, which is dead: remembered so that the token is drained if the node returns. */
  park(nodeId: string, token: string): void {
    if (!this.dead.has(nodeId)) return;
    let tokens = this.parked.get(nodeId);
    if (!tokens) this.parked.set(nodeId, (tokens = new Set()));
    tokens.add(token);
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    this.unsubscribeReconnect?.();
  }

  private heard(nodeId: string): void {
    const wasDead = this.dead.delete(nodeId);
    if (wasDead) this.options.log.info({ node: nodeId }, 'gateway node alive again');
    this.lastHeard.set(nodeId, this.now());
    const wasInterrupted = this.interrupted.delete(nodeId);
    if (!wasDead && !wasInterrupted) return;
    const parked = [...(this.parked.get(nodeId) ?? [])];
    this.parked.delete(nodeId);
    for (const handler of this.returnHandlers) handler(nodeId, parked);
  }

  private check(): void {
    const cutoff = this.now() - this.deadAfterMs;
    for (const [nodeId, at] of this.lastHeard) if (at < cutoff) this.died(nodeId, 'silent');
    const forgotten = this.now() - FORGET_DEAD_AFTER_MS;
    for (const [nodeId, at] of this.dead) {
      if (at >= forgotten) continue;
      this.dead.delete(nodeId);
      this.parked.delete(nodeId);
    }
  }

  private died(nodeId: string, how: NodeDeath): void {
    this.lastHeard.delete(nodeId);
    this.interrupted.delete(nodeId);
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
      return found.map((node, i) => {
        if (node === undefined || nodes.isAlive(node)) return node;
        nodes.park(node, tokens[i]!);
        return undefined;
      });
    },
  };
}
