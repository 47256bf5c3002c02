// What this router sent live to each gateway node lately (cluster mode), so
// that when a node dies without a word (kill -9, power loss) the deliveries it
// held in memory are not lost: the router writes them to offline storage and
// asks the tokens' new nodes to drain. Each router hands back only what it
// sent itself.
//
// Retention: a gateway writes a delivery unacked past its ack deadline to
// offline storage itself, so only the last ack timeout (plus the time it takes
// to notice a death) can be lost with a node; older entries are dropped.
//
// A delivery acked just before the death is handed back too (acks go to any
// router, so this one cannot know): the device gets it again and its SDK
// drops the duplicate by message id; the push's `arrived` may count it twice.
import type { NodeBus } from '../src/bus/node-bus.js';
import type { Logger } from '../src/log.js';
import { offlineRef, type GatewayCommand, type OfflineRef, type PushMessage } from '../src/messages.js';
import type { OfflineStore, RouteRegistry } from '../src/stores/types.js';
import { groupByNode } from './by-node.js';
import type { PushStats } from './push-stats.js';

/** Refs per offline append while handing back: one script call per token, batched by the client. */
const HAND_BACK_BATCH = 1000;

interface Sent {
  at: number;
  message: PushMessage;
  tokens: string[];
}

export class SentJournal {
  private readonly byNode = new Map<string, Sent[]>();

  constructor(
    private readonly retainMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `bus` with every live delivery it sends recorded here; everything else passes through. */
  recording(bus: NodeBus): NodeBus {
    const record = (nodeId: string, command: GatewayCommand) => {
      if (command.kind === 'deliver' && command.message.expiresAt > 0) this.record(nodeId, command.message, command.tokens);
      bus.sendToNode(nodeId, command);
    };
    return new Proxy(bus, {
      get(target, property) {
        if (property === 'sendToNode') return record;
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** Removes and returns what was sent to `nodeId` within the retention. */
  take(nodeId: string): Sent[] {
    const sent = this.byNode.get(nodeId) ?? [];
    this.byNode.delete(nodeId);
    const cutoff = this.now() - this.retainMs;
    return sent.filter((s) => s.at >= cutoff);
  }

  /** Entries held, all nodes (tests, metrics). */
  get size(): number {
    let n = 0;
    for (const list of this.byNode.values()) n += list.length;
    return n;
  }

  private record(nodeId: string, message: PushMessage, tokens: string[]): void {
    const at = this.now();
    let list = this.byNode.get(nodeId);
    if (!list) this.byNode.set(nodeId, (list = []));
    list.push({ at, message, tokens });
    // Entries are in time order: drop the expired head, amortised over sends.
    const cutoff = at - this.retainMs;
    let old = 0;
    while (old < list.length && list[old]!.at < cutoff) old++;
    if (old > 64 || old === list.length) list.splice(0, old);
  }
}

export interface HandBackDeps {
  journal: SentJournal;
  offline: OfflineStore;
  /** The live view (routes to dead nodes read as absent). */
  routes: RouteRegistry;
  bus: NodeBus;
  stats: PushStats;
  log: Logger;
  now: () => number;
}

/**
 * A node died silently: what this router sent it lately goes to offline
 * storage (refs already stored are left alone), and the nodes now holding
 * those tokens are asked to drain, since their device may have reconnected
 * and read its queue before the refs were written.
 */
export async function handBack(deps: HandBackDeps, nodeId: string): Promise<number> {
  const now = deps.now();
  const refs: OfflineRef[] = [];
  for (const { message, tokens } of deps.journal.take(nodeId)) {
    if (message.expiresAt > now) for (const token of tokens) refs.push(offlineRef(message, token));
  }
  for (let i = 0; i < refs.length; i += HAND_BACK_BATCH) {
    const batch = refs.slice(i, i + HAND_BACK_BATCH);
    const dropped = await deps.offline.append(batch);
    if (dropped.length > 0) deps.stats.overflowed(dropped);
    const tokens = [...new Set(batch.map((r) => r.token))];
    const routes = await deps.routes.lookup(tokens);
    for (const [node, list] of groupByNode(tokens, routes)) deps.bus.sendToNode(node, { kind: 'drain', tokens: list });
  }
  if (refs.length > 0) deps.log.warn({ node: nodeId, refs: refs.length }, 'deliveries of a dead gateway node stored offline');
  return refs.length;
}
