// What keeping the embedded store bounded costs, and whether it stays bounded:
// N token pushes are created and counted, a checkpoint settles them all, and then
// - trimLog removes their log entries (the work a counter round does as the
//   checkpoint moves), and pruneHistory forgets them (the history pass, once
//   they are HOMING_PUSH_HISTORY_DAYS old): CPU per entry, this process only
//   (the main thread and lmdb-js's write thread);
// - N more pushes go in and are pruned the same way: the data file must not
//   grow by more than a tenth, because LMDB reuses the pages the first N freed.
// It exits 1 when anything is left behind or the file kept growing.
//
//   npm run bench:prune -- [--pushes 100000] [--durability fsync|commit|nosync]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Durability } from '../src/config.js';
import { openEmbeddedStores, type Stores } from '../src/stores/index.js';
import type { PushRecord } from '../src/stores/types.js';

const { values } = parseArgs({ options: { pushes: { type: 'string', default: '100000' }, durability: { type: 'string', default: 'fsync' } } });
const pushes = Number(values.pushes);
const durability = values.durability as Durability;
if (!Number.isInteger(pushes) || pushes < 1000) throw new Error(`--pushes must be a whole number of at least 1000, got ${values.pushes}`);
if (!['fsync', 'commit', 'nosync'].includes(durability)) throw new Error(`--durability must be fsync, commit or nosync, got ${durability}`);

const APP = '1500000001';
const PAGE = 1000;
const dir = mkdtempSync(join(tmpdir(), 'homing-prune-'));
const fileBytes = () => statSync(join(dir, 'data.mdb')).size;

/** N pushes created, each counted (one target, online and arrived), then all settled by one checkpoint. */
async function fill(stores: Stores, createdAt: number): Promise<void> {
  let last = '';
  for (let i = 0; i < pushes; i += PAGE) {
    const ids: string[] = [];
    const writes: Promise<void>[] = [];
    for (let j = i; j < Math.min(pushes, i + PAGE); j++) {
      const pushId = stores.ids.next();
      const record: PushRecord = {
        pushId, accessId: APP, audienceType: 'token', kind: 'notify', title: 'title', content: `content ${j}`, customContent: '',
        message: { title: 'title', content: `content ${j}` }, platform: 'all', environment: 'product', expireTime: 86_400, createdAt,
      };
      ids.push(pushId);
      writes.push(stores.pushes.create(record, [`token-${j % 10_000}`.padEnd(40, '0')]));
    }
    await Promise.all(writes);
    await stores.pushes.addCounters(new Map(ids.map((id) => [id, { targets: 1, online: 1, arrived: 1 }])));
    last = ids.at(-1)!;
  }
  // The round that saves the checkpoint removes the first settled entries itself
  // (up to 10,000, as a running server's rounds do); trimLog takes the rest.
  await stores.pushes.addCounters(new Map(), { checkpoint: last, acked: [] });
}

/** Calls `step` until it returns less than a page; CPU µs per item removed. */
async function timed(step: () => Promise<number>): Promise<{ removed: number; cpuUsEach: number }> {
  const before = process.cpuUsage();
  let removed = 0;
  for (let n = PAGE; n === PAGE; removed += n) n = await step();
  const cpu = process.cpuUsage(before);
  return { removed, cpuUsEach: removed ? +((cpu.user + cpu.system) / removed).toFixed(2) : 0 };
}

try {
  const stores = await openEmbeddedStores(dir, { durability });
  const rounds: Array<{ fileMiB: number; trimmed: number; trimUsEach: number; logLeft: number; pruned: number; pruneUsEach: number }> = [];
  for (let round = 0; round < 2; round++) {
    const createdAt = Date.now();
    await fill(stores, createdAt);
    const trim = await timed(() => stores.pushes.trimLog(PAGE));
    const prune = await timed(() => stores.pushes.pruneHistory(APP, createdAt + 1, PAGE));
    const logLeft = (await stores.pushes.entriesAfter(undefined, 10)).length;
    rounds.push({ fileMiB: +(fileBytes() / 1048576).toFixed(1), trimmed: trim.removed, trimUsEach: trim.cpuUsEach, logLeft, pruned: prune.removed, pruneUsEach: prune.cpuUsEach });
  }
  const listed = (await stores.pushes.list(APP, 0, Date.now() + 1, 10)).length;
  await stores.close();
  console.log(JSON.stringify({ pushes, durability, rounds, listed }));
  for (const [i, r] of rounds.entries()) {
    console.log(`round ${i + 1}: ${pushes.toLocaleString('en')} pushes; trimLog ${r.trimmed.toLocaleString('en')} entries at ${r.trimUsEach} µs CPU each,`
      + ` pruneHistory ${r.pruned.toLocaleString('en')} pushes at ${r.pruneUsEach} µs each; data file ${r.fileMiB} MiB`);
  }
  const [first, second] = rounds as [typeof rounds[0], typeof rounds[0]];
  const problems = [
    ...rounds.flatMap((r, i) => (r.logLeft === 0 && r.pruned === pushes ? [] : [`round ${i + 1} left ${r.logLeft} log entries and forgot ${r.pruned} pushes of ${pushes}`])),
    ...(listed ? [`left behind: ${listed} listed pushes`] : []),
    ...(second.fileMiB > first.fileMiB * 1.1 ? [`the data file grew from ${first.fileMiB} to ${second.fileMiB} MiB: freed pages were not reused`] : []),
  ];
  for (const p of problems) console.error(p);
  if (problems.length) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
