// LiveNodes' return events: a node heard again after its death or after the
// router's bus reconnected is reported once, with the tokens that were routed
// to it while it was taken as dead; a node heard as usual is not.
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessBus } from '../src/bus/in-process-bus.js';
import type { Unsubscribe } from '../src/bus/node-bus.js';
import { createLogger } from '../src/log.js';
import type { RouteRegistry } from '../src/stores/types.js';
import { liveRoutes, LiveNodes } from './live-nodes.js';

/** The in-process bus with a connection that can "come back", as NATS's does after a server restart. */
class ReconnectingBus extends InProcessBus {
  private readonly handlers = new Set<() => void>();
  onReconnect(handler: () => void): Unsubscribe {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  reconnected(): void {
    for (const handler of this.handlers) handler();
  }
}

/** Announcements are handed over on a microtask: resolves once the ones sent so far were handled. */
const delivered = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('LiveNodes returns', () => {
  const bus = new ReconnectingBus();
  const nodes = new LiveNodes(bus, { log: createLogger('silent') });
  const returns: Array<[string, string[]]> = [];
  nodes.onReturn((nodeId, parked) => returns.push([nodeId, parked.sort()]));
  const stored = new Map<string, string>([['t1', 'gw-1'], ['t2', 'gw-1'], ['t3', 'gw-2']]);
  const registry: RouteRegistry = {
    set: async () => undefined,
    remove: async () => undefined,
    lookup: async (tokens) => tokens.map((t) => stored.get(t)),
  };
  const routes = liveRoutes(registry, nodes);

  afterEach(() => {
    returns.length = 0;
  });

  it('reports nothing for a node heard as usual', async () => {
    bus.announce('gw-1', 'alive');
    bus.announce('gw-2', 'alive');
    bus.announce('gw-1', 'alive');
    await delivered();
    expect(returns).toEqual([]);
  });

  it('reports a node back after its death, with the tokens routed to it meanwhile', async () => {
    bus.announce('gw-1', 'leaving');
    await delivered();
    expect(await routes.lookup(['t1', 't2', 't3'])).toEqual([undefined, undefined, 'gw-2']);
    expect(await routes.lookup(['t1'])).toEqual([undefined]);
    bus.announce('gw-1', 'alive');
    await delivered();
    expect(returns).toEqual([['gw-1', ['t1', 't2']]]);
    expect(await routes.lookup(['t1', 't3'])).toEqual(['gw-1', 'gw-2']);
    // Parked tokens are reported once: the next announcement is an ordinary one.
    bus.announce('gw-1', 'alive');
    await delivered();
    expect(returns).toHaveLength(1);
  });

  it('reports every known node once when it is heard after a bus reconnect', async () => {
    bus.reconnected();
    bus.announce('gw-2', 'alive');
    bus.announce('gw-2', 'alive');
    await delivered();
    expect(returns).toEqual([['gw-2', []]]);
    bus.announce('gw-1', 'alive');
    await delivered();
    expect(returns).toEqual([['gw-2', []], ['gw-1', []]]);
  });

  it('hears nothing once stopped', async () => {
    nodes.stop();
    bus.reconnected();
    bus.announce('gw-1', 'alive');
    await delivered();
    expect(returns).toEqual([]);
  });
});
