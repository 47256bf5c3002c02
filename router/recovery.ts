// Crash recovery: replays the push log from the last checkpoint. Entries up to
// the checkpoint are settled; for later ones, every target whose ack was not
// counted (no ack mark) and that has not expired gets an offline ref, so it is
// delivered when its device connects. Refs already stored are left as they are
// (appends are idempotent), so a replay after a clean stop writes nothing.
// Runs before any gateway accepts a device.
import type { Logger } from '../src/log.js';
import { offlineRef, pushMessage, type OfflineRef } from '../src/messages.js';
import type { OfflineStore, PushRecord, PushStore } from '../src/stores/types.js';
import type { DeliveryTracker } from './delivery-tracker.js';
import type { PushStats } from './push-stats.js';

/** Log entries read per page: bounds memory however far behind the checkpoint is. */
const PAGE = 5000;

export interface RecoveryResult {
  entries: number;
  /** Targets given an offline ref (acks not counted before the crash). */
  targets: number;
  ms: number;
}

export async function recoverFromLog(
  deps: { pushes: PushStore; offline: OfflineStore; stats: PushStats; tracker: DeliveryTracker; log: Logger },
  now: number,
): Promise<RecoveryResult> {
  const started = performance.now();
  const { pushes, offline, stats, tracker } = deps;
  const progress = await pushes.progress();
  const acked = new Set(progress.acked);
  const records = new Map<string, PushRecord | undefined>();
  let after = progress.checkpoint;
  let entries = 0;
  let targets = 0;
  for (;;) {
    const page = await pushes.entriesAfter(after, PAGE);
    if (page.length === 0) break;
    const refs: OfflineRef[] = [];
    for (const entry of page) {
      entries++;
      after = entry.seq;
      let record = records.get(entry.pushId);
      if (!records.has(entry.pushId)) records.set(entry.pushId, (record = await pushes.get(entry.pushId)));
      if (!record || record.expireTime === 0) continue; // online-only pushes are not kept for absent devices
      const message = pushMessage(record, entry.seq);
      if (message.expiresAt <= now) continue; // the sweep has nothing to count: these were never stored
      for (const token of entry.tokens) if (!acked.has(`${entry.seq} ${token}`)) refs.push(offlineRef(message, token));
    }
    targets += refs.length;
    // One append per page: one transaction (and one sync) for up to PAGE entries.
    const dropped = refs.length > 0 ? await offline.append(refs) : [];
    if (dropped.length > 0) stats.overflowed(dropped);
    if (records.size > PAGE * 4) records.clear();
  }
  if (after !== undefined) {
    tracker.restore(after);
    // Everything replayed is settled now; the next flush would say so too, but say it before serving.
    await stats.flush();
  }
  const result = { entries, targets, ms: Math.round(performance.now() - started) };
  if (entries > 0) deps.log.info({ ...result, checkpoint: progress.checkpoint }, 'push log replayed');
  return result;
}
