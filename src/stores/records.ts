// Record helpers shared by every store implementation, so each one adds
// counters and orders listings the same way and the contract suite can hold
// them all to one answer.
import { compareMessageIds } from '../messages.js';
import type { AppRecord, AudienceType, CounterDelta, DeliveryProgress, ProgressUpdate, PushContent, PushCounters, PushRecord } from './types.js';

/** Every numeric counter; `apns` and `fcm` are optional in PushCounters (absent = 0). */
export const COUNTER_FIELDS = ['targets', 'online', 'offline', 'arrived', 'clicked', 'expired', 'apns', 'fcm'] as const;

/**
 * Adds `delta` into `into` (mutated) and returns it. A missing field counts as 0
 * and failed reasons merge by name. Works on full counters and on pending deltas
 * alike, so several callers' deltas can be folded into one write.
 */
export function addDelta<T extends CounterDelta>(into: T, delta: CounterDelta): T {
  for (const field of COUNTER_FIELDS) {
    const n = delta[field];
    if (n) into[field] = (into[field] ?? 0) + n;
  }
  if (delta.failed) {
    for (const [reason, n] of Object.entries(delta.failed)) {
      if (!n) continue;
      const failed = (into.failed ??= {});
      failed[reason] = (failed[reason] ?? 0) + n;
    }
  }
  return into;
}

/**
 * A new push's record from its content. Every field is listed, not spread: V8
 * builds `{ ...content, pushId, ... }` on its slow path (measured ~10 µs per
 * push), and a record with one fixed shape keeps msgpack encoding fast too.
 */
export function newPushRecord(content: PushContent, pushId: string, accessId: string, audienceType: AudienceType, createdAt: number): PushRecord {
  return {
    kind: content.kind,
    title: content.title,
    content: content.content,
    customContent: content.customContent,
    message: content.message,
    platform: content.platform,
    environment: content.environment,
    expireTime: content.expireTime,
    pushId,
    accessId,
    audienceType,
    createdAt,
  };
}

export function copyCounters(c: PushCounters): PushCounters {
  return { ...c, failed: { ...c.failed } };
}

/** AppStore.list order: oldest first; the access id breaks ties so every store agrees. */
export function compareAppsOldestFirst(a: AppRecord, b: AppRecord): number {
  return a.createdAt - b.createdAt || (a.accessId < b.accessId ? -1 : a.accessId > b.accessId ? 1 : 0);
}

/** PushStore.list order: newest first; among equal createdAt, the later push id first. */
export function comparePushesNewestFirst(a: PushRecord, b: PushRecord): number {
  return b.createdAt - a.createdAt || compareMessageIds(b.pushId, a.pushId);
}

/** An ack mark is `${seq} ${token}`: the log entry it belongs to. */
export function markSeq(mark: string): string {
  return mark.slice(0, mark.indexOf(' '));
}

/** Marks at or below the checkpoint belong to settled entries and are no longer needed. */
export function markIsAfter(mark: string, checkpoint: string | undefined): boolean {
  return checkpoint === undefined || compareMessageIds(markSeq(mark), checkpoint) > 0;
}

/** The progress after an update. */
export function mergeProgress(saved: DeliveryProgress, update: ProgressUpdate): DeliveryProgress {
  const checkpoint = update.checkpoint ?? saved.checkpoint;
  const keep = (mark: string) => markIsAfter(mark, checkpoint);
  return { checkpoint, acked: [...saved.acked.filter(keep), ...update.acked.filter(keep)] };
}
