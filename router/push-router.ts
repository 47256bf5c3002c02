// Resolves a push's targets and picks each one's way out: a live socket on a
// gateway node, APNs or FCM where the channel rules say so (provider-dispatch.ts,
// for apps with provider credentials), else offline storage until expiry.
//
// Storage model (docs/architecture.md): an accepted push is one durable append
// to the push log (record + registered targets), awaited before the API
// answers. Connected targets get the message from their gateway straight away
// and are tracked in memory until acked; only targets that are not connected
// get an offline ref (a reference to the log, never a copy of the content).
// The DeliveryTracker knows which log entries still have targets in flight, so
// recovery after a crash replays only those.
import { LRUCache } from 'lru-cache';
import { CLOCK_ON_EACH_CHECK } from '../src/ttl-cache.js';
import type { NodeBus } from '../src/bus/node-bus.js';
import { ApiError, RetCode } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import { offlineRef, pushMessage, type OfflineRef } from '../src/messages.js';
import type { Metrics } from '../src/metrics.js';
import type { PushOutcome, PushService, PushTask, TargetStatus } from '../src/push-service.js';
import type { AccountStore, TagStore } from '../src/stores/audience-types.js';
import { newPushRecord } from '../src/stores/records.js';
import type { BroadcastLog, DeviceStore, IdAllocator, OfflineStore, PushRecord, PushStore, RouteRegistry } from '../src/stores/types.js';
import { AudienceResolver } from './audience-resolver.js';
import { Broadcaster, fanoutTag } from './broadcaster.js';
import { groupByNode } from './by-node.js';
import type { DeliveryTracker } from './delivery-tracker.js';
import type { ProviderDispatch, ProviderTarget } from './provider-dispatch.js';
import type { PushStats } from './push-stats.js';
import { traceRouting, type DeliveryTrace } from '../src/trace/delivery-trace.js';

export interface PushRouterDeps {
  devices: DeviceStore;
  routes: RouteRegistry;
  offline: OfflineStore;
  pushes: PushStore;
  ids: IdAllocator;
  tags: TagStore;
  accounts: AccountStore;
  broadcasts: BroadcastLog;
  bus: NodeBus;
  stats: PushStats;
  tracker: DeliveryTracker;
  metrics: Metrics;
  log: Logger;
  now?: () => number;
  /** Delivery trace (src/trace); none = nothing recorded. */
  trace?: DeliveryTrace;
  /** APNs and FCM; none = long connection and offline storage only. */
  providers?: ProviderDispatch;
}

/** No tokens: shared, never pushed to. */
const NONE: string[] = [];

export class PushRouter implements PushService {
  private readonly now: () => number;
  private readonly log: Logger;
  /**
   * token → its app, for tokens seen registered lately: app servers push to the
   * same devices over and over, and a token never moves to another app. A
   * device record removed meanwhile (unused for months) is seen at most a
   * minute late: its push is logged and waits offline until expiry.
   */
  private readonly owners = new LRUCache<string, string>({ ...CLOCK_ON_EACH_CHECK, max: 100_000, ttl: 60_000 });
  private readonly resolver: AudienceResolver;
  private readonly broadcaster: Broadcaster;

  constructor(private readonly deps: PushRouterDeps) {
    this.now = deps.now ?? Date.now;
    this.resolver = new AudienceResolver(deps);
    this.broadcaster = new Broadcaster({ ...deps, resolver: this.resolver, now: this.now });
    this.log = deps.log.child({ component: 'router' });
  }

  async push(task: PushTask): Promise<PushOutcome> {
    const tag = fanoutTag(task);
    if (tag !== undefined) return this.broadcaster.push(task, tag);
    // all / tag / accounts become registered tokens first; the rest is a token_list push.
    const audience = task.audience ? await this.resolver.resolve(task.accessId, task.audience) : undefined;
    const targetTokens = audience?.tokens ?? task.tokens;
    const now = this.now();
    const { deps } = this;
    const record = task.reusePushId
      ? await this.reuse(task.accessId, task.reusePushId, now)
      : newPushRecord(task.content, deps.ids.next(), task.accessId, task.audienceType, now);
    // The log position of this call; allocated and begun in one step (see DeliveryTracker.begin).
    const seq = task.reusePushId ? deps.ids.next() : record.pushId;
    deps.tracker.begin(seq);
    const message = pushMessage(record, seq);

    let appended: Promise<void> | undefined;
    let stored: Promise<OfflineRef[]> | undefined;
    const statuses: TargetStatus[] = new Array(targetTokens.length);
    try {
      // Plain loops and no per-call Maps below: a token push runs this thousands of times a second.
      const owners = this.knownOwners(targetTokens) ?? (await this.ownersOf(targetTokens));
      const registered: string[] = [];
      let unregistered: string[] = NONE;
      for (let i = 0; i < targetTokens.length; i++) {
        if (owners[i] === task.accessId) registered.push(targetTokens[i]!);
        else {
          statuses[i] = 'not_registered';
          if (deps.trace) (unregistered === NONE ? (unregistered = []) : unregistered).push(targetTokens[i]!);
        }
      }
      const routes = await deps.routes.lookup(registered);
      const planning = deps.providers?.plan(task.accessId, record.kind, registered, routes);
      const viaProvider = planning && (await planning);
      // One append: the record (new pushes) and this call's targets, in one commit.
      appended = task.reusePushId ? deps.pushes.appendTargets({ seq, pushId: record.pushId, tokens: registered }) : deps.pushes.create(record, registered);
      appended.catch(() => undefined); // awaited below; not unhandled meanwhile

      // Each registered target's way out (same index as `registered`).
      const ways: TargetStatus[] = new Array(registered.length);
      const unrouted: string[] = [];
      const toProviders: ProviderTarget[] = [];
      for (let i = 0; i < registered.length; i++) {
        const token = registered[i]!;
        const node = routes[i];
        const via = viaProvider?.[i];
        if (via) {
          toProviders.push(via);
          ways[i] = 'provider';
        } else if (node) {
          ways[i] = 'online';
        } else {
          ways[i] = message.expiresAt > 0 ? 'offline' : 'dropped_offline';
          if (message.expiresAt > 0) unrouted.push(token);
        }
      }
      // Live targets; provider ones are added when their sends start (ProviderDispatch.send).
      if (message.expiresAt > 0) deps.tracker.add(seq, registered.length - unrouted.length - toProviders.length);
      // Sent before the append commits, for latency: an ack that overtakes the
      // commit is counted in memory and stores nothing.
      if (deps.trace) traceRouting(deps.trace, message, registered, routes, unregistered, this.now(), viaProvider);
      // Provider targets have a route too, but go out through their provider.
      const liveRoutes = toProviders.length > 0 ? routes.map((node, i) => (viaProvider?.[i] ? undefined : node)) : routes;
      for (const [node, tokens] of groupByNode(registered, liveRoutes)) deps.bus.sendToNode(node, { kind: 'deliver', message, tokens });
      if (unrouted.length > 0) {
        stored = deps.offline.append(unrouted.map((token) => offlineRef(message, token)));
        stored.catch(() => undefined);
      }
      await appended;
      const dropped = stored && (await stored);
      if (dropped && dropped.length > 0) deps.stats.overflowed(dropped);
      // After the append, so nothing reaches a provider for a push the API refuses; they answer later.
      if (toProviders.length > 0) deps.providers!.send(record, message, toProviders);
      if (unrouted.length > 0) await this.nudgeLateConnects(unrouted);
      // Registered targets in call order take their ways in order.
      for (let i = 0, r = 0; i < statuses.length; i++) statuses[i] ??= ways[r++]!;
    } finally {
      // Durable (or failed, and the API says so): either way nothing to replay for the append itself.
      deps.tracker.settle(seq);
    }
    this.count(record.pushId, task, statuses);
    if (audience) return { pushId: record.pushId, targets: [], targetCount: targetTokens.length, accountsWithoutDevices: audience.accountsWithoutDevices ?? [] };
    return { pushId: record.pushId, targets: statuses };
  }

  async record(accessId: string, pushId: string) {
    const record = await this.deps.pushes.get(pushId);
    if (!record || record.accessId !== accessId) return undefined;
    return { record, counters: await this.deps.stats.counters(pushId) };
  }

  list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]> {
    return this.deps.pushes.list(accessId, fromMs, toMs, limit);
  }

  /** The app of each token when every one is cached (no await); undefined otherwise. */
  private knownOwners(tokens: readonly string[]): Array<string | undefined> | undefined {
    const owners: Array<string | undefined> = new Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const owner = this.owners.get(tokens[i]!);
      if (owner === undefined) return undefined;
      owners[i] = owner;
    }
    return owners;
  }

  /** The app of each token, undefined where the token is unknown; same order. */
  private async ownersOf(tokens: readonly string[]): Promise<Array<string | undefined>> {
    const owners = tokens.map((t) => this.owners.get(t));
    const missing = tokens.filter((_, i) => owners[i] === undefined);
    if (missing.length === 0) return owners;
    const devices = await this.deps.devices.getMany(missing);
    const found = new Map<string, string>();
    devices.forEach((d, i) => {
      if (!d) return;
      found.set(missing[i]!, d.accessId);
      this.owners.set(missing[i]!, d.accessId);
    });
    return tokens.map((t, i) => owners[i] ?? found.get(t));
  }

  private async reuse(accessId: string, pushId: string, now: number): Promise<PushRecord> {
    const record = await this.deps.pushes.get(pushId);
    if (!record || record.accessId !== accessId) throw new ApiError(RetCode.PUSH_TASK_NOT_FOUND, `push_id ${pushId} does not exist`);
    // XG keeps a token_list task's content as long as its expire_time.
    if (record.expireTime > 0 && record.createdAt + record.expireTime * 1000 <= now) {
      throw new ApiError(RetCode.PUSH_TASK_NOT_FOUND, `push_id ${pushId} has expired`);
    }
    return record;
  }

  /**
   * A device may connect between our route lookup and the offline write; its
   * gateway has then read the queue already. Look again and ask that node to drain.
   */
  private async nudgeLateConnects(tokens: string[]): Promise<void> {
    const routes = await this.deps.routes.lookup(tokens);
    for (const [node, list] of groupByNode(tokens, routes)) this.deps.bus.sendToNode(node, { kind: 'drain', tokens: list });
  }

  private count(pushId: string, task: PushTask, statuses: TargetStatus[]): void {
    let online = 0;
    let offline = 0;
    let notRegistered = 0;
    let dropped = 0;
    for (const s of statuses) {
      if (s === 'online') online++;
      else if (s === 'offline') offline++;
      else if (s === 'not_registered') notRegistered++;
      else if (s === 'dropped_offline') dropped++;
      // 'provider': counted when the provider answers.
    }
    const failed: Record<string, number> | undefined = notRegistered + dropped > 0 ? {} : undefined;
    if (notRegistered) failed!.token_not_registered = notRegistered;
    if (dropped) failed!.offline_and_no_expire_time = dropped;
    this.deps.stats.add(pushId, { targets: statuses.length, online, offline, failed });
    const m = this.deps.metrics;
    if (online) m.deliveredVia('long_connection').inc(online);
    if (offline) m.deliveredVia('offline_store').inc(offline);
    if (failed) m.deliveredVia('failed').inc(notRegistered + dropped);
    // Debug, not info: a line per push costs real CPU at thousands of pushes a second.
    this.log.debug({ push_id: pushId, online, offline, notRegistered, dropped, audience: task.audienceType }, 'push routed');
  }
}
