// `npm run bench`: Homing, the bare uWS baseline and the plain relay, measured
// one after the other in the same run on the same machine, every scenario on
// Homing and the baseline (the relay runs the idle and unicast ones), each
// scenario's deliveries and acks accounted for, then a report of figures,
// ratios and verdicts (bench/results/<stamp>.{json,md} and latest.md). See
// bench/README.md for what each scenario means. Exits 1 when any delivery was
// lost, duplicated or miscounted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Pusher } from '../loadtest/pusher.js';
import { Ledger, type Accounting } from './accounting.js';
import { homingProbe } from './homing-probe.js';
import { planFrom, USAGE, type Plan } from './plan.js';
import { machine } from './proc.js';
import { summarizeProfiles } from './profile.js';
import { writeReport } from './report.js';
import { broadcast, tokenList } from './scenarios/fanout.js';
import { connectIdle, sharedPortProbe } from './scenarios/idle.js';
import { ingestion } from './scenarios/ingestion.js';
import { memoryAfterStream } from './scenarios/memory.js';
import { unicast } from './scenarios/unicast.js';
import type { ScenarioContext } from './scenarios/context.js';
import { startServer, type Target } from './servers.js';
import { countingFailures, type TargetResult } from './verdicts.js';

const ROOT = new URL('..', import.meta.url).pathname;
const t0 = Date.now();
const log = (line: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${line}\n`);

/** Source addresses 127.0.0.x are handed out in blocks, never reused within a run (TIME_WAIT). */
let nextAddress = 2;
function addressBlock(devices: number): number {
  const first = nextAddress;
  nextAddress += Math.ceil(devices / 10_000);
  return first;
}

async function attempt<T>(result: TargetResult, name: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    result.failures.push(`${name}: ${message}`);
    log(`  ${name} failed: ${message}`);
    return undefined;
  }
}

function accountingLine(a: Accounting): string {
  const homing = a.acksCounted === null ? ''
    : `, homing_acks_total +${a.acksCounted}, arrived ${a.arrivals?.arrived}/${a.arrivals?.expected} over ${a.arrivals?.checked} pushes,`
      + ` offline depth ${a.offlineDepth}`;
  return `  accounting: ${a.pushes} pushes owe ${a.expected}${a.slack ? ` (+≤${a.slack})` : ''}, received ${a.received} (${a.dups} dups),`
    + ` acks sent ${a.acksSent}${homing} — ${a.problems.length === 0 ? 'balanced' : `DIFFERENCE: ${a.problems.join('; ')}`}`;
}

async function benchTarget(target: Target, plan: Plan, profileDir: string | undefined): Promise<TargetResult> {
  const result: TargetResult = { failures: [], accounting: [] };
  const dataDir = mkdtempSync(join(tmpdir(), `homing-bench-${target}-`));
  try {
    log(`${target}: 1 process, ${plan.devices} devices`);
    const server = await startServer({ target, processes: 1, dataDir, label: 'main', cpuProfDir: profileDir });
    try {
      const idle = await connectIdle(server, plan, plan.devices, 1, addressBlock(plan.devices), log);
      result.idle = idle.figures;
      const pusher = new Pusher(server.httpUrl, server.app, plan.pushConnections);
      const probe = target === 'homing' ? homingProbe(server.httpUrl, pusher) : undefined;
      const ctx: ScenarioContext = { plan, server, swarm: idle.swarm, tokens: (await idle.swarm.tokens()).filter(Boolean), pusher, log };
      // Each scenario inside a ledger: counted in and out, whether it completed or threw.
      const accounted = async <T>(name: string, fn: () => Promise<T>, counts: (f: T) => { dups: number; slack?: number }): Promise<T | undefined> => {
        const ledger = await attempt(result, `${name} accounting`, () => Ledger.open(name, idle.swarm, pusher, probe));
        const figures = await attempt(result, name, fn);
        if (!ledger) return figures;
        const a = await attempt(result, `${name} accounting`, () =>
          ledger.close({ ...(figures ? counts(figures) : { dups: 0 }), arrivalSample: plan.arrivalSample }));
        if (a && (a.pushes > 0 || a.received > 0)) {
          result.accounting.push(a);
          log(accountingLine(a));
        }
        return figures;
      };
      if (target !== 'relay') {
        log(`${target}: memory around a push stream, ${plan.stream.rate}/s for ${plan.stream.seconds} s, then ${plan.stream.idleSeconds} s quiet`);
        result.memory = await accounted('memory stream', () => memoryAfterStream(ctx), (f) => ({ dups: f.dups }));
      }
      log(`${target}: unicast, stepping up from ${plan.unicast.startRate}/s`);
      result.unicast = await accounted('unicast', () => unicast(ctx), (f) => ({ dups: f.dups }));
      if (target !== 'relay') {
        log(`${target}: token_list pushes of ${Math.min(plan.tokenList.size, ctx.tokens.length)} tokens`);
        result.tokenList = await accounted('token_list', () => tokenList(ctx), (f) => ({ dups: f.dups }));
        log(`${target}: broadcast to every device`);
        result.broadcast = await accounted('broadcast', () => broadcast(ctx), (f) => ({ dups: f.dups }));
      }
      log(`${target}: REST ingestion with autocannon`);
      result.ingestion = await accounted('ingestion', () => ingestion(ctx), (f) => ({ dups: f.dups, slack: f.unanswered }));
      await idle.swarm.stop();
      await pusher.close();
    } finally {
      await server.stop();
    }
    if (plan.bigDevices > 0 && target !== 'relay') {
      log(`${target}: ${plan.bigProcesses} processes on one port, ${plan.bigDevices} devices`);
      const bigDir = join(dataDir, 'big');
      const big = await startServer({ target, processes: plan.bigProcesses, dataDir: bigDir, label: 'idle-big', cpuProfDir: profileDir });
      try {
        const run = await connectIdle(big, plan, plan.bigDevices, plan.bigProcesses, addressBlock(plan.bigDevices), log);
        result.idleBig = run.figures;
        if (plan.sharedPortProbe) {
          result.sharedPort = await attempt(result, 'shared-port probe', () => sharedPortProbe(big, run.swarm, plan.bigProcesses, log));
        }
        await run.swarm.stop();
      } finally {
        await big.stop();
      }
    }
  } catch (err) {
    result.failures.push(err instanceof Error ? err.message : String(err));
    log(`${target} failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const plan = planFrom(argv);
  const stamp = new Date(t0).toISOString().replace(/[:.]/g, '-');
  const profileDir = plan.cpuProf ? join(plan.outDir, `profiles-${stamp}`) : undefined;
  const results: { homing?: TargetResult; baseline?: TargetResult; relay?: TargetResult } = {};
  for (const target of plan.targets) results[target] = await benchTarget(target, plan, profileDir);
  const { mdPath, jsonPath } = writeReport(plan.outDir, stamp, {
    startedAt: new Date(t0).toISOString(),
    seconds: Math.round((Date.now() - t0) / 1000),
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    machine: machine(),
    plan,
    results,
    // Relative to the repository when inside it: the report is committed and read on other machines.
    profileDir: profileDir ? (relative(ROOT, profileDir).startsWith('..') ? profileDir : relative(ROOT, profileDir)) : null,
    profiles: profileDir ? summarizeProfiles(profileDir) : [],
  });
  process.stdout.write(`\n${readFileSync(mdPath, 'utf8')}\nreport: ${mdPath}\ndata:   ${jsonPath}\n`);
  const miscounted = countingFailures(results);
  if (miscounted.length > 0) process.stderr.write(`bench: deliveries lost, duplicated or miscounted:\n${miscounted.map((m) => `  ${m}`).join('\n')}\n`);
  const failed = Object.values(results).some((r) => r.failures.length > 0);
  return miscounted.length > 0 || (plan.failOnLoss && failed) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
