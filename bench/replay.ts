// Crash-recovery replay time: how long start-up takes to replay the push log
// from its checkpoint (router/recovery.ts) when N accepted token pushes are all
// still unsettled: the worst case, a checkpoint stuck at the first push. Each
// push has one target that was in flight, so replay writes one offline ref per
// push. Normally the checkpoint trails the newest push by at most the ack
// deadline (HOMING_ACK_TIMEOUT_SECONDS), so real replays are far smaller.
//
//   npm run bench:replay -- [--pushes 1000000] [--durability fsync|commit|nosync]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DeliveryTracker } from '../router/delivery-tracker.js';
import { PushStats } from '../router/push-stats.js';
import { recoverFromLog } from '../router/recovery.js';
import type { Durability } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { Metrics } from '../src/metrics.js';
import { openEmbeddedStores } from '../src/stores/index.js';
import type { PushRecord } from '../src/stores/types.js';

const { values } = parseArgs({
  options: { pushes: { type: 'string', default: '1000000' }, durability: { type: 'string', default: 'fsync' }, tokens: { type: 'string', default: '10000' } },
});
const pushes = Number(values.pushes);
const tokens = Number(values.tokens);
const durability = values.durability as Durability;
const dir = mkdtempSync(join(tmpdir(), 'homing-replay-'));
const log = createLogger('warn');

try {
  // Fill the log as fast as possible (nosync): the setup is not what is measured.
  let stores = await openEmbeddedStores(dir, { durability: 'nosync' });
  const now = Date.now();
  const filled = performance.now();
  const BATCH = 5000;
  for (let i = 0; i < pushes; i += BATCH) {
    const writes: Promise<void>[] = [];
    for (let j = i; j < Math.min(pushes, i + BATCH); j++) {
      const record: PushRecord = {
        pushId: stores.ids.next(), accessId: '1500000001', audienceType: 'token', kind: 'notify', title: 'title', content: `content ${j}`,
        customContent: '', message: { title: 'title', content: `content ${j}` }, platform: 'all', environment: 'product', expireTime: 86_400, createdAt: now,
      };
      writes.push(stores.pushes.create(record, [`token-${j % tokens}`]));
    }
    await Promise.all(writes);
  }
  await stores.close();
  const fillMs = performance.now() - filled;

  stores = await openEmbeddedStores(dir, { durability, maxOfflinePerToken: Number.MAX_SAFE_INTEGER });
  const metrics = new Metrics();
  const tracker = new DeliveryTracker();
  const stats = new PushStats(stores.pushes, tracker, metrics, 60_000);
  const result = await recoverFromLog({ pushes: stores.pushes, offline: stores.offline, stats, tracker, log }, Date.now());
  const depth = await stores.offline.depth();
  await stats.stop();
  await stores.close();
  console.log(JSON.stringify({ pushes, tokens, durability, fillSeconds: +(fillMs / 1000).toFixed(1), replay: result, offlineRefsAfter: depth }));
  console.log(`replayed ${result.entries.toLocaleString('en')} log entries (${result.targets.toLocaleString('en')} targets) in ${(result.ms / 1000).toFixed(1)} s`
    + ` = ${Math.round(result.entries / (result.ms / 1000)).toLocaleString('en')} entries/s (HOMING_DURABILITY=${durability})`);
  if (result.entries !== pushes || depth !== pushes) {
    console.error(`expected ${pushes} entries replayed and ${pushes} offline refs, got ${result.entries} and ${depth}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
