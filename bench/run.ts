// `npm run bench`: Homing and the bare uWS baseline, measured one after the
// other in the same run on the same machine, every scenario on both, then a
// report of figures, ratios and verdicts (bench/results/<stamp>.{json,md} and
// latest.md). See bench/README.md for what each scenario means.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Pusher } from '../loadtest/pusher.js';
import { planFrom, USAGE, type Plan } from './plan.js';
import { machine } from './proc.js';
import { summarizeProfiles } from './profile.js';
import { writeReport } from './report.js';
import { broadcast, tokenList } from './scenarios/fanout.js';
import { connectIdle, sharedPortProbe } from './scenarios/idle.js';
import { ingestion } from './scenarios/ingestion.js';
import { unicast } from './scenarios/unicast.js';
import type { ScenarioContext } from './scenarios/context.js';
import { startServer, type Target } from './servers.js';
import { lossByScenario, type TargetResult } from './verdicts.js';

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

async function benchTarget(target: Target, plan: Plan, profileDir: string | undefined): Promise<TargetResult> {
  const result: TargetResult = { failures: [] };
  const dataDir = mkdtempSync(join(tmpdir(), `homing-bench-${target}-`));
  try {
    log(`${target}: 1 process, ${plan.devices} devices`);
    const server = await startServer({ target, processes: 1, dataDir, label: 'main', cpuProfDir: profileDir });
    try {
      const idle = await connectIdle(server, plan, plan.devices, 1, addressBlock(plan.devices), log);
      result.idle = idle.figures;
      const pusher = new Pusher(server.httpUrl, server.app, 16);
      const ctx: ScenarioContext = { plan, server, swarm: idle.swarm, tokens: (await idle.swarm.tokens()).filter(Boolean), pusher, log };
      log(`${target}: unicast, stepping up from ${plan.unicast.startRate}/s`);
      result.unicast = await attempt(result, 'unicast', () => unicast(ctx));
      log(`${target}: token_list pushes of ${Math.min(plan.tokenList.size, ctx.tokens.length)} tokens`);
      result.tokenList = await attempt(result, 'token_list', () => tokenList(ctx));
      log(`${target}: broadcast to every device`);
      result.broadcast = await attempt(result, 'broadcast', () => broadcast(ctx));
      log(`${target}: REST ingestion with autocannon`);
      result.ingestion = await attempt(result, 'ingestion', () => ingestion(ctx));
      await idle.swarm.stop();
      await pusher.close();
    } finally {
      await server.stop();
    }
    if (plan.bigDevices > 0) {
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
  const results: { homing?: TargetResult; baseline?: TargetResult } = {};
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
  const bad = Object.values(results).some((r) => r.failures.length > 0 || lossByScenario(r).some((x) => x.lost > 0 || x.dups > 0));
  return plan.failOnLoss && bad ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
