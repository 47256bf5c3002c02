// Memory after a push stream: does the server give back what a stream of
// pushes made it allocate? Anonymous RSS (heap, buffers: what the kernel cannot
// drop) is read at idle with the devices connected, then a unicast stream runs
// at a fixed moderate rate, then nothing happens for a while, then anonymous
// RSS is read again. Both readings follow a full GC in the server (SIGUSR2,
// bench/gc-on-signal.mjs), so they measure what is still referenced, not
// garbage a lazy collector has not reached. File-backed RSS (code, LMDB's map)
// is reported beside it and not judged: the kernel reclaims it on demand.
import { rssSplit, delta } from '../proc.js';
import { latencyOf, settle, usPer, type DeliveryCount, type ScenarioContext } from './context.js';

const LATE_WAIT_MS = 10_000;
const PEAK_SAMPLE_MS = 1_000;

export interface MemoryFigures extends DeliveryCount {
  rate: number;
  streamSeconds: number;
  /** Quiet time between the end of the stream and the second reading. */
  idleSeconds: number;
  accepted: number;
  /** Refused, failed, or held back because the server fell behind. */
  notAccepted: number;
  /** Anonymous and file-backed RSS at idle, after a GC, bytes. */
  idleAnonBytes: number;
  idleFileBytes: number;
  /** Highest anonymous RSS sampled during the stream (no GC), bytes. */
  peakAnonBytes: number;
  /** The same `idleSeconds` after the stream, after a GC, bytes. */
  afterAnonBytes: number;
  afterFileBytes: number;
  /** afterAnon ÷ idleAnon: the target is ≤ 1.1. */
  anonRatio: number;
  cpuUsPerMessage: number;
  p99Ms: number;
}

export async function memoryAfterStream(ctx: ScenarioContext): Promise<MemoryFigures> {
  const { swarm, server, pusher, tokens, plan } = ctx;
  const { rate, seconds, idleSeconds } = plan.stream;
  await swarm.reset();
  await server.collectGarbage();
  const idle = server.sample();
  let peak = idle.rssAnon;
  const sampler = setInterval(() => (peak = Math.max(peak, rssSplit(server.pids).anon)), PEAK_SAMPLE_MS);
  let run;
  try {
    run = await pusher.runRate({ rate, durationMs: seconds * 1000, tokens });
  } finally {
    clearInterval(sampler);
  }
  const streamEnd = Date.now();
  peak = Math.max(peak, rssSplit(server.pids).anon);
  const { collected, count } = await settle(swarm, run.accepted, LATE_WAIT_MS);
  const cpu = delta(idle, server.sample());
  // The quiet period counts from the end of the stream, whatever the settle took.
  await new Promise((r) => setTimeout(r, Math.max(0, streamEnd + idleSeconds * 1000 - Date.now())));
  await server.collectGarbage();
  const after = server.sample();
  const f: MemoryFigures = {
    rate, streamSeconds: seconds, idleSeconds,
    accepted: run.accepted, notAccepted: run.rejected + run.failed + run.skipped,
    ...count,
    idleAnonBytes: idle.rssAnon, idleFileBytes: idle.rssFile, peakAnonBytes: peak,
    afterAnonBytes: after.rssAnon, afterFileBytes: after.rssFile,
    anonRatio: idle.rssAnon > 0 ? Math.round((after.rssAnon / idle.rssAnon) * 1000) / 1000 : 0,
    cpuUsPerMessage: usPer(cpu.cpuMs, count.delivered),
    p99Ms: latencyOf(collected).p99Ms,
  };
  const mib = (b: number) => (b / 1048576).toFixed(1);
  ctx.log(`  ${f.accepted} pushes at ${rate}/s over ${seconds} s (${f.notAccepted} not accepted), lost ${f.lost}, dups ${f.dups};`
    + ` anon RSS ${mib(f.idleAnonBytes)} MiB idle, ${mib(f.peakAnonBytes)} peak, ${mib(f.afterAnonBytes)} ${idleSeconds} s after`
    + ` (×${f.anonRatio}); file-backed ${mib(f.idleFileBytes)} → ${mib(f.afterFileBytes)} MiB`);
  return f;
}
