// Unicast: REST push by token → device. The rate steps up (×1.5) until a step
// is not sustained, one step between the last good and the first bad rate
// refines the answer, and a run at half the top rate measures latency.
//
// A step is sustained when the client never had to hold back (at most 1,024
// answers outstanding), every push was answered ret_code 0, every delivery
// arrived within the settle window after the step, none twice, and p99 stayed
// under 250 ms: a server queueing behind shows in p99 long before it loses.
import { delta, rssSplit, type RssSplit } from '../proc.js';
import { latencyOf, settle, usPer, type DeliveryCount, type ScenarioContext } from './context.js';

const SUSTAINED_P99_MS = 250;
const LATE_WAIT_MS = 10_000;

export interface UnicastStep extends DeliveryCount {
  rate: number;
  sent: number;
  accepted: number;
  /** Not sent because the server had fallen 1,024 answers behind. */
  skipped: number;
  rejected: number;
  achievedRate: number;
  cpuUsPerMessage: number;
  /** Of which on the server's main thread (the rest: LMDB writer, GC and pool threads). */
  mainCpuUsPerMessage: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Server RSS at the end of the step (no GC): anonymous and file-backed, bytes. */
  rssAnonBytes: number;
  rssFileBytes: number;
  sustained: boolean;
  why: string;
}

export interface UnicastFigures {
  steps: UnicastStep[];
  /** Highest sustained rate, pushes per second (0: not even the first step). */
  topRate: number;
  cpuUsPerMessage: number;
  latency: UnicastStep | undefined;
  lost: number;
  dups: number;
  /** Server RSS split after a full GC, before the warm-up and after the last step. */
  memBefore: RssSplit;
  memAfter: RssSplit;
}

async function step(ctx: ScenarioContext, rate: number, durationMs: number): Promise<UnicastStep> {
  const { swarm, server, pusher, tokens, plan } = ctx;
  await swarm.reset();
  const before = server.sample();
  const run = await pusher.runRate({ rate, durationMs, tokens });
  const inWindow = await settle(swarm, run.accepted, plan.unicast.settleMs);
  const cpu = delta(before, server.sample());
  const rss = rssSplit(server.pids);
  const l = latencyOf(inWindow.collected);
  let count = inWindow.count;
  // Missing after the window: late or lost? Wait longer before calling anything lost.
  const late = count.lost;
  if (late > 0) ({ count } = await settle(swarm, run.accepted, LATE_WAIT_MS));
  const problems: string[] = [];
  if (run.skipped > 0) problems.push(`${run.skipped} pushes held back (server behind)`);
  if (run.rejected + run.failed > 0) problems.push(`${run.rejected + run.failed} pushes refused (${run.lastProblem})`);
  if (late > 0) problems.push(`${late} not delivered within ${plan.unicast.settleMs} ms (${count.lost} not within ${LATE_WAIT_MS / 1000} s)`);
  if (count.dups > 0) problems.push(`${count.dups} duplicates`);
  if (l.p99Ms > SUSTAINED_P99_MS) problems.push(`p99 ${l.p99Ms} ms > ${SUSTAINED_P99_MS} ms`);
  const result: UnicastStep = {
    rate, sent: run.sent, accepted: run.accepted, skipped: run.skipped, rejected: run.rejected + run.failed,
    achievedRate: Math.round(run.accepted / (durationMs / 1000)),
    ...count,
    cpuUsPerMessage: usPer(cpu.cpuMs, count.delivered),
    mainCpuUsPerMessage: usPer(cpu.mainCpuMs, count.delivered),
    p50Ms: l.p50Ms, p99Ms: l.p99Ms, maxMs: l.maxMs,
    rssAnonBytes: rss.anon, rssFileBytes: rss.file,
    sustained: problems.length === 0 && run.accepted > 0,
    why: problems.join('; '),
  };
  ctx.log(`  ${rate}/s: ${result.accepted} accepted, ${result.delivered} delivered, lost ${result.lost}, dups ${result.dups},`
    + ` ${result.cpuUsPerMessage} µs CPU/msg, p50 ${l.p50Ms} p99 ${l.p99Ms} ms${result.sustained ? '' : ` — not sustained: ${result.why}`}`);
  return result;
}

export async function unicast(ctx: ScenarioContext): Promise<UnicastFigures> {
  const { startRate, factor, maxRate, stepMs, latencyMs } = ctx.plan.unicast;
  await ctx.server.collectGarbage();
  const memBefore = rssSplit(ctx.server.pids);
  // Warm-up, not recorded: the first pushes pay for JIT compilation and new
  // keep-alive connections, which would be billed to the first step's CPU.
  await ctx.pusher.runRate({ rate: startRate, durationMs: Math.min(2000, stepMs), tokens: ctx.tokens });
  await new Promise((r) => setTimeout(r, 500));
  const steps: UnicastStep[] = [];
  let best: UnicastStep | undefined;
  let failedRate = 0;
  for (let rate = startRate; rate <= maxRate; rate = Math.round(rate * factor)) {
    const s = await step(ctx, rate, stepMs);
    steps.push(s);
    if (!s.sustained) {
      failedRate = rate;
      break;
    }
    best = s;
  }
  if (best && failedRate > 0) {
    const between = Math.round(Math.sqrt(best.rate * failedRate));
    if (between > best.rate && between < failedRate) {
      const s = await step(ctx, between, stepMs);
      steps.push(s);
      if (s.sustained) best = s;
    }
  }
  const topRate = best?.rate ?? 0;
  const latency = topRate > 0 ? await step(ctx, Math.max(1, Math.round(topRate / 2)), latencyMs) : undefined;
  if (latency) steps.push(latency);
  await ctx.server.collectGarbage();
  const memAfter = rssSplit(ctx.server.pids);
  const mib = (b: number) => (b / 1048576).toFixed(1);
  ctx.log(`  RSS after GC, before → after the steps: anonymous ${mib(memBefore.anon)} → ${mib(memAfter.anon)} MiB,`
    + ` file-backed ${mib(memBefore.file)} → ${mib(memAfter.file)} MiB`);
  return {
    memBefore,
    memAfter,
    steps,
    topRate,
    cpuUsPerMessage: best?.cpuUsPerMessage ?? 0,
    latency,
    // Lost: still missing 10 s after a step ended, in any step, overloaded ones included.
    lost: steps.reduce((n, s) => n + s.lost, 0),
    dups: steps.reduce((n, s) => n + s.dups, 0),
  };
}
