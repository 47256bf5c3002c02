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
import type { BroadcastLog, IdAllocator, PushRecord, PushStore } from '../src/stores/types.js';
import type { AudienceResolver } from './audience-resolver.js';
import type { DeliveryTracker } from './delivery-tracker.js';
import type { PushStats } from './push-stats.js';

export interface BroadcasterDeps {
  pushes: PushStore;
  broadcasts: BroadcastLog;
  ids: IdAllocator;
  tags: Pick<TagStore, 'tokenCount'>;
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
    const record: PushRecord = { ...task.content, pushId: deps.ids.next(), accessId: task.accessId, audienceType: task.audienceType, createdAt: now };
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
    deps.metrics.deliveries.inc({ channel: 'broadcast' });
    if (counted) {
      const targets = await counted;
      deps.stats.add(record.pushId, { targets });
      return { pushId: record.pushId, targets: [], targetCount: targets };
    }
    // Counting every device of the app reads them all: done after the answer.
    deps.resolver.resolve(task.accessId, { kind: 'all' }).then(
      ({ tokens }) => deps.stats.add(record.pushId, { targets: tokens.length }),
      (err) => deps.log.error({ err, push_id: record.pushId }, 'counting the targets of an all push failed'),
    );
    return { pushId: record.pushId, targets: [] };
  }
}
