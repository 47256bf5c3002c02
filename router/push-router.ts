// Resolves a push's targets and picks each one's way out: a live socket on a
// gateway node, else offline storage until expiry. Providers (APNs, FCM,
// vendors) slot in at `chooseChannel` in a later change.
//
// Durability: every target of a push with an expiry is written to offline
// storage (acks remove it) before the API answers, so ret_code 0 survives a
// crash. Live delivery starts before that write finishes to keep latency low.
import type { NodeBus } from '../src/bus/node-bus.js';
import { ApiError, RetCode } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import type { Delivery } from '../src/messages.js';
import type { Metrics } from '../src/metrics.js';
import type { PushOutcome, PushService, PushTask, TargetStatus } from '../src/push-service.js';
import type { DeviceStore, IdAllocator, OfflineStore, PushRecord, PushStore, RouteRegistry } from '../src/stores/types.js';
import type { PushStats } from './push-stats.js';

export interface PushRouterDeps {
  devices: DeviceStore;
  routes: RouteRegistry;
  offline: OfflineStore;
  pushes: PushStore;
  ids: IdAllocator;
  bus: NodeBus;
  stats: PushStats;
  metrics: Metrics;
  log: Logger;
  now?: () => number;
}

export class PushRouter implements PushService {
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly deps: PushRouterDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.log.child({ component: 'router' });
  }

  async push(task: PushTask): Promise<PushOutcome> {
    const now = this.now();
    // A new record's write joins the offline write's transaction; both are awaited before answering.
    const { record, created } = task.reusePushId
      ? { record: await this.reuse(task.accessId, task.reusePushId, now), created: undefined }
      : this.create(task, now);
    const { pushId } = record;
    const devices = await this.deps.devices.getMany(task.tokens);
    const statuses: TargetStatus[] = new Array(task.tokens.length);
    const deliveries: Delivery[] = [];
    const expiresAt = record.expireTime > 0 ? record.createdAt + record.expireTime * 1000 : 0;
    task.tokens.forEach((token, i) => {
      if (devices[i]?.accessId !== task.accessId) {
        statuses[i] = 'not_registered';
        return;
      }
      deliveries.push(this.delivery(record, token, expiresAt));
    });

    const routes = await this.deps.routes.lookup(deliveries.map((d) => d.token));
    const stored = expiresAt > 0 ? this.deps.offline.append(deliveries) : undefined;
    const byNode = new Map<string, Delivery[]>();
    const unrouted: string[] = [];
    const outcome = new Map<string, TargetStatus>();
    deliveries.forEach((d, i) => {
      const node = routes[i];
      if (node) {
        const list = byNode.get(node);
        if (list) list.push(d);
        else byNode.set(node, [d]);
        outcome.set(d.token, 'online');
      } else {
        outcome.set(d.token, stored ? 'offline' : 'dropped_offline');
        if (stored) unrouted.push(d.token);
      }
    });
    for (const [node, list] of byNode) this.deps.bus.sendToNode(node, { kind: 'deliver', deliveries: list });
    await Promise.all([created, stored]);
    if (unrouted.length > 0) await this.nudgeLateConnects(unrouted);

    task.tokens.forEach((token, i) => {
      statuses[i] ??= outcome.get(token)!;
    });
    this.count(pushId, task, statuses);
    return { pushId, targets: statuses };
  }

  async record(accessId: string, pushId: string) {
    const record = await this.deps.pushes.get(pushId);
    if (!record || record.accessId !== accessId) return undefined;
    return { record, counters: await this.deps.stats.counters(pushId) };
  }

  list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]> {
    return this.deps.pushes.list(accessId, fromMs, toMs, limit);
  }

  private create(task: PushTask, now: number): { record: PushRecord; created: Promise<void> } {
    const record: PushRecord = { ...task.content, pushId: this.deps.ids.next(), accessId: task.accessId, audienceType: task.audienceType, createdAt: now };
    const created = this.deps.pushes.create(record);
    // Awaited later in push(); a failure must not count as unhandled meanwhile.
    created.catch(() => undefined);
    this.log.info({ push_id: record.pushId, accessId: task.accessId, audience: task.audienceType, targets: task.tokens.length }, 'push accepted');
    return { record, created };
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

  private delivery(record: PushRecord, token: string, expiresAt: number): Delivery {
    return {
      // One message per (push, token): the push id is the message id, and sorting ids is push order.
      messageId: record.pushId,
      pushId: record.pushId,
      accessId: record.accessId,
      token,
      kind: record.kind,
      title: record.title,
      content: record.content,
      customContent: record.customContent,
      expiresAt,
      sentAt: record.createdAt,
    };
  }

  /**
   * A device may connect between our route lookup and the offline write; its
   * gateway has then read the queue already. Look again and ask that node to drain.
   */
  private async nudgeLateConnects(tokens: string[]): Promise<void> {
    const routes = await this.deps.routes.lookup(tokens);
    const byNode = new Map<string, string[]>();
    tokens.forEach((token, i) => {
      const node = routes[i];
      if (!node) return;
      const list = byNode.get(node);
      if (list) list.push(token);
      else byNode.set(node, [token]);
    });
    for (const [node, list] of byNode) this.deps.bus.sendToNode(node, { kind: 'drain', tokens: list });
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
      else dropped++;
    }
    const failed: Record<string, number> = {};
    if (notRegistered) failed.token_not_registered = notRegistered;
    if (dropped) failed.offline_and_no_expire_time = dropped;
    this.deps.stats.add(pushId, { targets: statuses.length, online, offline, failed });
    const m = this.deps.metrics;
    m.deliveries.inc({ channel: 'long_connection' }, online);
    m.deliveries.inc({ channel: 'offline_store' }, offline);
    if (notRegistered + dropped > 0) m.deliveries.inc({ channel: 'failed' }, notRegistered + dropped);
    this.log.debug({ push_id: pushId, online, offline, notRegistered, dropped, audience: task.audienceType }, 'push routed');
  }
}
