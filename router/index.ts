// Router entry: wires push routing, counters, the delivery tracker and the
// expiry sweep to the bus and stores it is given, after replaying the push log
// from its checkpoint (crash recovery).
import type { NodeBus } from '../src/bus/node-bus.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics.js';
import type { PushService } from '../src/push-service.js';
import type { Stores } from '../src/stores/types.js';
import { DeliveryTracker, OwnAppendsTracker } from './delivery-tracker.js';
import { ProviderDispatch } from './provider-dispatch.js';
import { ProviderRegistry, ProviderRetrier, DEFAULT_RETRY, type ProviderSettings, type RetryOptions } from './providers/index.js';
import { OfflineSweeper } from './offline-sweeper.js';
import { PushRouter } from './push-router.js';
import { PushStats } from './push-stats.js';
import { recoverFromLog, type RecoveryResult } from './recovery.js';
import { traceReceipts, type DeliveryTrace } from '../src/trace/delivery-trace.js';
import { liveRoutes, type LiveNodes } from './live-nodes.js';
import { handBack, SentJournal } from './sent-journal.js';
import { groupByNode } from './by-node.js';

export interface RouterOptions {
  stores: Stores;
  bus: NodeBus;
  log: Logger;
  metrics: Metrics;
  /** How often counters and the checkpoint are written to the store. */
  statsFlushMs?: number;
  /** How often expired offline refs are dropped and counted. */
  sweepIntervalMs?: number;
  now?: () => number;
  /** Records accepted, routed, acked, clicked, expired, failed steps when given. */
  trace?: DeliveryTrace;
  /** APNs and FCM hosts, limits (config); none = long connection and offline storage only. */
  providers?: Omit<ProviderSettings, 'logger'>;
  /** Provider retry backoff; tests shorten it. */
  providerRetry?: Omit<RetryOptions, 'now'>;
  /**
   * Cluster mode (several routers, gateways in other processes): routes to dead
   * nodes count as offline, and a node's silent death hands this router's recent
   * deliveries to it back to offline storage (journalMs: how far back).
   */
  cluster?: { liveNodes: LiveNodes; journalMs: number };
}

export interface RouterRole {
  pushService: PushService;
  /** What the start-up replay of the push log did. */
  recovery: RecoveryResult;
  /** Runs an expiry pass now (tests, shutdown). */
  sweep(): Promise<void>;
  /** Writes counters and the checkpoint now. */
  flush(): Promise<void>;
  /** Resolves when every APNs/FCM send started so far has its final answer (tests). */
  providersIdle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRouter(options: RouterOptions): Promise<RouterRole> {
  const { stores, bus, log, metrics } = options;
  const now = options.now ?? Date.now;
  const { cluster } = options;
  // Cluster mode: live deliveries belong to the gateways holding them (they store
  // what goes unacked) and acks reach any router, so this router tracks only its
  // own appends, which are durable, with their offline refs, before it replies.
  // Nothing it accepted is left for a replay, and the shared checkpoint is not
  // read: a router's start does not replay other routers' entries.
  const tracker = cluster ? new OwnAppendsTracker() : new DeliveryTracker();
  const stats = new PushStats(stores.pushes, tracker, metrics, options.statsFlushMs ?? 250);
  const recovery = cluster ? { entries: 0, targets: 0, ms: 0 } : await recoverFromLog({ pushes: stores.pushes, offline: stores.offline, stats, tracker, log }, now());
  metrics.recoveredTargets.inc(recovery.targets);
  const { trace } = options;
  const sweeper = new OfflineSweeper(stores.offline, stats, metrics, log, options.sweepIntervalMs ?? 5000, now, trace);
  // Expired broadcasts leave the catch-up log; rare enough for a slow timer.
  const pruning = setInterval(() => void stores.broadcasts.prune(now()).catch((err) => log.error({ err }, 'broadcast log prune failed')), 60_000);
  pruning.unref();
  const unsubscribe = bus.onReceipts((receipts) => {
    stats.onReceipts(receipts);
    if (trace) traceReceipts(trace, receipts);
  });
  const providers = options.providers
    ? new ProviderDispatch({
        providers: new ProviderRegistry(stores.credentials, { ...options.providers, logger: log }),
        retrier: new ProviderRetrier({ ...DEFAULT_RETRY, ...options.providerRetry, now }),
        devices: stores.devices, stats, tracker, metrics, log, now, trace,
      })
    : undefined;
  let routerBus = bus;
  let routes = stores.routes;
  if (cluster) {
    const journal = new SentJournal(cluster.journalMs, now);
    routerBus = journal.recording(bus);
    routes = liveRoutes(stores.routes, cluster.liveNodes);
    const deps = { journal, offline: stores.offline, routes, bus, stats, log, now };
    cluster.liveNodes.onDeath((nodeId, how) => {
      // A node that said it is leaving stored its own unacked deliveries.
      if (how === 'silent') handBack(deps, nodeId).catch((err) => log.error({ err, node: nodeId }, 'hand-back of a dead node failed'));
      else journal.take(nodeId);
    });
    cluster.liveNodes.onReturn((nodeId, parked) => {
      // Back after a death or a bus reconnect: what was sent to it around the
      // gap may have been dropped, and what was routed to it while it was taken
      // as dead waits offline for devices that may never have left it.
      void (async () => {
        await handBack(deps, nodeId);
        if (parked.length === 0) return;
        for (const [node, list] of groupByNode(parked, await routes.lookup(parked))) bus.sendToNode(node, { kind: 'drain', tokens: list });
      })().catch((err) => log.error({ err, node: nodeId }, 'hand-back of a returning node failed'));
    });
  }
  const pushService = new PushRouter({ ...stores, routes, bus: routerBus, stats, tracker, metrics, log, now, trace, providers });
  return {
    pushService,
    recovery,
    sweep: () => sweeper.sweep(),
    flush: () => stats.flush(),
    providersIdle: async () => providers?.idle(),
    async stop() {
      clearInterval(pruning);
      unsubscribe();
      await sweeper.stop();
      // Before the last flush: sends cut short stay unsettled, so the checkpoint stays below them.
      await providers?.stop();
      await stats.stop();
    },
  };
}
