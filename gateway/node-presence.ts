// What a gateway node does to stay reachable in cluster mode: it announces
// itself on the bus every PRESENCE_INTERVAL_MS (routers take a silent node as
// dead and store for its tokens offline), and refreshes the TTL of its
// tokens' shared routes every refreshIntervalMs (a dead node's routes then
// expire by themselves). On a graceful stop it says it is leaving.
import { PRESENCE_INTERVAL_MS, type NodeBus } from '../src/bus/node-bus.js';
import type { Logger } from '../src/log.js';
import type { DeviceGateway } from './device-gateway.js';

/** Tokens per refresh call: one pipelined batch of scripts, not one for a million sockets. */
const REFRESH_BATCH = 5000;

export interface RefreshableRoutes {
  refresh(tokens: readonly string[], nodeId: string): Promise<string[]>;
  readonly refreshIntervalMs: number;
}

export class NodePresence {
  private readonly announcing: NodeJS.Timeout;
  private readonly refreshing: NodeJS.Timeout;
  private refreshRun: Promise<void> = Promise.resolve();

  constructor(
    private readonly nodeId: string,
    private readonly bus: NodeBus,
    private readonly routes: RefreshableRoutes,
    private readonly core: DeviceGateway,
    private readonly log: Logger,
  ) {
    bus.announce(nodeId, 'alive');
    this.announcing = setInterval(() => bus.announce(nodeId, 'alive'), PRESENCE_INTERVAL_MS);
    this.refreshing = setInterval(() => {
      this.refreshRun = this.refreshRun.then(() => this.refresh());
    }, routes.refreshIntervalMs);
  }

  /** Extends this node's routes; tokens another node holds now are left to it (their device moved). */
  async refresh(): Promise<void> {
    const tokens = this.core.heldTokens();
    let moved = 0;
    try {
      for (let i = 0; i < tokens.length; i += REFRESH_BATCH) moved += (await this.routes.refresh(tokens.slice(i, i + REFRESH_BATCH), this.nodeId)).length;
    } catch (err) {
      this.log.error({ err }, 'route refresh failed; retried next interval');
    }
    if (moved > 0) this.log.info({ moved }, 'tokens now held by another node');
  }

  /** Stops the timers and tells the routers this node is leaving. */
  stop(): void {
    clearInterval(this.announcing);
    clearInterval(this.refreshing);
    this.bus.announce(this.nodeId, 'leaving');
  }
}
