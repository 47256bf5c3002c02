// `npm run loadtest -- --url ws://127.0.0.1:8080/device --devices N --workers K
//   --rate R --duration S --app ACCESS_ID:ACCESS_KEY [--push-rate P --secret SECRET]`
//
// Drives a running Homing (or the bench baseline) with N devices from K worker
// processes: connects at R/s, holds them for S seconds with heartbeats, acks
// pushes, reconnects closed sockets. With --push-rate it also pushes by token at
// P/s over REST and reports lost and duplicate deliveries and the latency from
// push accepted (Push.sentAt) to device receipt. Exit code 1 when anything was
// lost or duplicated.
import { parseArgs } from '../src/cli/args.js';
import { renderHistogram, summarize } from './latency.js';
import { Pusher } from './pusher.js';
import { clusterMain } from './cluster-main.js';
import { stormMain } from './storm-main.js';
import { MAX_DEVICES_PER_WORKER, Swarm } from './swarm.js';

const USAGE = `usage: npm run loadtest -- --url ws://127.0.0.1:8080/device --app ACCESS_ID:ACCESS_KEY[,ID2:KEY2]
  [--devices 1000] [--workers auto] [--rate 500] [--duration 60]
  [--push-rate P --secret SECRET_KEY [--http http://127.0.0.1:8080]]
  [--first-address 2] [--devices-per-address 10000] [--max-reconnects 5]
   or: npm run loadtest -- --storm [--devices 15000] [--pushes 2] [--compiled] (starts and restarts Homing itself; see loadtest/storm-main.ts)
   or: npm run loadtest -- --cluster [--gateways 7] [--devices 100000] (starts homing cluster itself; see loadtest/cluster-main.ts)`;

const SETTLE_MS = 3_000;

function numberFlag(flags: Map<string, string>, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${raw}"`);
  return n;
}

async function main(): Promise<number> {
  const { flags } = parseArgs(process.argv.slice(2));
  if (flags.has('storm')) return stormMain(flags);
  if (flags.has('cluster')) return clusterMain(flags);
  const url = flags.get('url');
  const appFlag = flags.get('app');
  if (!url || !appFlag || flags.has('help')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const apps = appFlag.split(',').map((pair) => {
    const [accessId, accessKey] = pair.split(':');
    if (!accessId || !accessKey) throw new Error(`--app wants ACCESS_ID:ACCESS_KEY, got "${pair}"`);
    return { accessId, accessKey };
  });
  const devices = numberFlag(flags, 'devices', 1000);
  const workers = numberFlag(flags, 'workers', Math.max(1, Math.ceil(devices / MAX_DEVICES_PER_WORKER)));
  const durationMs = numberFlag(flags, 'duration', 60) * 1000;
  const pushRate = numberFlag(flags, 'push-rate', 0);
  const secret = flags.get('secret');
  if (pushRate > 0 && !secret) throw new Error('--push-rate needs --secret SECRET_KEY (the app\'s secret_key)');
  const httpUrl = flags.get('http') ?? url.replace(/^ws/, 'http').replace(/\/device\/?$/, '');

  const swarm = Swarm.start({
    url, devices, workers, apps,
    connectRate: numberFlag(flags, 'rate', 500),
    // Workers outlive the schedule by a margin, then leave on their own whatever the controller does.
    durationMs: durationMs + 30_000,
    firstAddress: numberFlag(flags, 'first-address', 2),
    devicesPerAddress: numberFlag(flags, 'devices-per-address', 10_000),
    maxReconnects: numberFlag(flags, 'max-reconnects', 5),
  });
  const pusher = pushRate > 0 ? new Pusher(httpUrl, { accessId: apps[0]!.accessId, secretKey: secret! }) : undefined;
  const started = Date.now();
  const progress = setInterval(() => {
    const s = swarm.stats;
    const p = pusher?.current;
    const line = `[${Math.round((Date.now() - started) / 1000)}s] connected ${s.ready}/${devices} (connecting ${s.connecting})`
      + ` · delivered ${s.unique} · dups ${s.dups}${p ? ` · pushed ${p.accepted} ok, ${p.rejected + p.failed} failed, ${p.skipped} skipped` : ''}`
      + ` · errors ${s.errors} · reconnects ${s.reconnects}${s.lastError ? ` · last error: ${s.lastError.slice(0, 60)}` : ''}`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  }, 1000);
  const stopAll = () => void swarm.stop().then(() => process.exit(130));
  process.once('SIGINT', stopAll);

  const end = started + durationMs;
  await swarm.waitUntil((s) => s.ready >= devices, Math.max(0, end - Date.now() - (pusher ? SETTLE_MS + 1000 : 0)));
  let run;
  if (pusher && end - Date.now() > SETTLE_MS) {
    const tokens = (await swarm.tokens()).filter(Boolean);
    await swarm.reset();
    run = await pusher.runRate({ rate: pushRate, durationMs: end - Date.now() - SETTLE_MS, tokens });
    const accepted = run.accepted;
    await swarm.waitUntil((s) => s.unique >= accepted, Math.max(SETTLE_MS, end - Date.now()));
  } else {
    await new Promise((r) => setTimeout(r, Math.max(0, end - Date.now())));
  }
  clearInterval(progress);
  const collected = pusher ? await swarm.collect() : undefined;
  const final = await swarm.stop();
  await pusher?.close();
  if (process.stderr.isTTY) process.stderr.write('\n');

  const out: string[] = [
    `devices: ${final.welcomed}/${devices} connected at least once; closes ${final.closes}, reconnects ${final.reconnects}, gave up ${final.gaveUp}, errors ${final.errors}${final.lastError ? ` (last: ${final.lastError})` : ''}`,
  ];
  let clean = final.welcomed === devices;
  if (run && collected) {
    const lost = Math.max(0, run.accepted - collected.unique);
    clean &&= lost === 0 && collected.dups === 0;
    const l = summarize(collected.histogram);
    out.push(
      `pushes: ${run.sent} sent at ${pushRate}/s over ${(run.elapsedMs / 1000).toFixed(1)} s; ${run.accepted} accepted, ${run.rejected} rejected, ${run.failed} failed, ${run.skipped} skipped (server behind)${run.lastProblem ? `; last problem: ${run.lastProblem}` : ''}`,
      `deliveries: ${collected.unique} unique, ${lost} lost, ${collected.dups} duplicate; ${collected.acked} acked`,
      `latency push accepted → device (ms): p50 ${l.p50Ms} p90 ${l.p90Ms} p99 ${l.p99Ms} max ${l.maxMs}`,
      renderHistogram(collected.histogram),
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return clean ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`loadtest: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
