// Pushes to every device of an app, or of one tag: one log append (record +
// BroadcastLog entry, no per-device targets), then one bus message per gateway
// node, where uWS topics fan the one encoded frame out natively. Devices that
// were away get it on reconnect from the BroadcastLog (catch-up), so nothing
// per device is written or tracked. Tag expressions and accounts are resolved
// to tokens instead (AudienceResolver).
import type { NodeBus } from '../src/bus/node-bus.js';
import type { Logger } from '../src/log.js';
import { pushMessage } from '../src/messages.js';
import type { Metrics } from '../src/metrics.js';
import type { PushOutcome, PushTask } from '../src/push-service.js';
import type { TagStore } from '../src/stores/audience-types.js';
import { newPushRecord } from '../src/stores/records.js';
import type { BroadcastLog, DeviceStore, IdAllocator, PushRecord, PushStore, RouteRegistry } from '../src/stores/types.js';
import type { ProviderDispatch } from './provider-dispatch.js';
import type { AudienceResolver } from './audience-resolver.js';
import type { DeliveryTracker } from './delivery-tracker.js';
import type { PushStats } from './push-stats.js';

export interface BroadcasterDeps {
  pushes: PushStore;
  devices: Pick<DeviceStore, 'countOfApp'>;
  routes: Pick<RouteRegistry, 'lookup'>;
  /** APNs/FCM for the audience's devices that are not connected; none = sockets and catch-up only. */
  providers?: Pick<ProviderDispatch, 'enabled' | 'plan' | 'send'>;
  broadcasts: BroadcastLog;
  ids: IdAllocator;
  tags: Pick<TagStore, 'tokenCount' | 'tokensOf'>;
  bus: NodeBus;
  stats: PushStats;
  tracker: DeliveryTracker;
  resolver: Pick<AudienceResolver, 'resolve'>;
  metrics: Metrics;
  log: Logger;
  now: () => number;
}

/** The tag a task goes out to by fan-out: "" for all devices, the tag for a single-tag push; undefined otherwise. */
export function fanoutTag(task: PushTask): string | undefined {
  if (task.reusePushId !== undefined) return undefined;
  const audience = task.audience;
  if (audience?.kind === 'all') return '';
  if (audience?.kind === 'tag' && audience.expression.kind === 'tag') return audience.expression.tag;
  return undefined;
}

export class Broadcaster {
  constructor(private readonly deps: BroadcasterDeps) {}

  async push(task: PushTask, tag: string): Promise<PushOutcome> {
    const { deps } = this;
    const now = deps.now();
    const record: PushRecord = newPushRecord(task.content, deps.ids.next(), task.accessId, task.audienceType, now);
    // Nothing per device to replay: the entry settles with its own append.
    deps.tracker.begin(record.pushId);
    const message = pushMessage(record, record.pushId);
    const counted = tag ? deps.tags.tokenCount(task.accessId, tag) : undefined;
    try {
      const writes: Promise<void>[] = [deps.pushes.create(record, [])];
      if (message.expiresAt > 0) writes.push(deps.broadcasts.append({ pushId: record.pushId, accessId: task.accessId, tag, expiresAt: message.expiresAt }));
      await Promise.all(writes);
    } finally {
      deps.tracker.settle(record.pushId);
    }
    // After the commit, so a device connecting now either gets the publish or
    // finds the entry in its catch-up read (it subscribes before it reads).
    deps.bus.sendToAll({ kind: 'publish', message, tag });
    deps.metrics.deliveredVia('broadcast').inc();
    if (counted) {
      const targets = await counted;
      deps.stats.add(record.pushId, { targets });
      if (targets > 0) this.afterAnswer(record, () => this.viaProviders(record, () => deps.tags.tokensOf(task.accessId, tag)));
      return { pushId: record.pushId, targets: [], targetCount: targets };
    }
    // Counted from the per-app device index after the answer; the app's tokens are read only for providers.
    this.afterAnswer(record, async () => {
      const targets = await deps.devices.countOfApp(task.accessId);
      deps.stats.add(record.pushId, { targets });
      if (targets > 0) await this.viaProviders(record, async () => (await deps.resolver.resolve(task.accessId, { kind: 'all' })).tokens);
    });
    return { pushId: record.pushId, targets: [] };
  }

  private afterAnswer(record: PushRecord, work: () => Promise<void>): void {
    work().catch((err) => this.deps.log.error({ err, push_id: record.pushId }, 'broadcast follow-up failed'));
  }

  /**
   * The audience's devices with no socket (the publish reached the connected
   * ones) go out through APNs or FCM where the channel rules and the app's
   * credentials say so. They get a log entry of their own first, so a crash
   * before the providers answered leaves them to offline storage (recovery).
   */
  private async viaProviders(record: PushRecord, audience: () => Promise<readonly string[]>): Promise<void> {
    const { deps } = this;
    if (!deps.providers || !(await deps.providers.enabled(record.accessId))) return;
    const tokens = await audience();
    const routes = await deps.routes.lookup(tokens);
    const away = tokens.filter((_, i) => routes[i] === undefined);
    const plan = await deps.providers!.plan(record.accessId, record.kind, away, away.map(() => undefined));
    const targets = plan?.filter((t): t is NonNullable<typeof t> => t !== undefined) ?? [];
    if (targets.length === 0) return;
    const seq = deps.ids.next();
    deps.tracker.begin(seq);
    try {
      await deps.pushes.appendTargets({ seq, pushId: record.pushId, tokens: targets.map((t) => t.token) });
      deps.providers!.send(record, pushMessage(record, seq), targets);
    } finally {
      deps.tracker.settle(seq);
    }
  }
}
