// Connect rate and idle memory: N devices connect (hello → welcome) as fast as
// the swarm's pacing allows, then sit idle; the server processes' resident
// memory growth divided by N is what one connected device costs. The same
// swarm stays connected for the scenarios that follow. Also the shared-port
// probe, which runs on the multi-process idle swarm.
import { Swarm } from '../../loadtest/swarm.js';
import { workersFor, type Plan } from '../plan.js';
import { delta } from '../proc.js';
import type { ServerUnderTest } from '../servers.js';
import { Pusher } from '../../loadtest/pusher.js';
import { settle, usPer } from './context.js';

export interface IdleFigures {
  devices: number;
  processes: number;
  connected: number;
  /** Welcomes per second from the first to the last welcome. */
  connectsPerSec: number;
  cpuUsPerConnect: number;
  residentBeforeBytes: number;
  residentAfterBytes: number;
  /** Resident growth (shared file pages counted once) over connected devices: the idle-memory figure judged. */
  bytesPerDevice: number;
  /** VmRSS growth summed over processes, over devices (shared file pages counted per process). */
  rssBytesPerDevice: number;
  /** Anonymous memory only (no file-backed pages such as LMDB maps). */
  anonBytesPerDevice: number;
  errors: number;
  reconnects: number;
}

export interface IdleRun {
  figures: IdleFigures;
  swarm: Swarm;
}

/**
 * `firstAddress` picks the 127.0.0.x block; successive runs use fresh blocks
 * so sockets of a previous run in TIME_WAIT never collide with new ones.
 */
export async function connectIdle(
  server: ServerUnderTest, plan: Plan, devices: number, processes: number, firstAddress: number, log: (line: string) => void,
): Promise<IdleRun> {
  // A moment of quiet and a full GC first, so start-up work and garbage are not billed to the devices.
  await new Promise((r) => setTimeout(r, 500));
  await server.collectGarbage();
  const before = server.sample();
  const swarm = Swarm.start({
    url: server.wsUrl,
    devices,
    workers: workersFor(devices),
    connectRate: plan.connectRate,
    apps: [{ accessId: server.app.accessId, accessKey: server.app.accessKey }],
    // Long enough for every scenario on this swarm; workers leave by themselves after it.
    durationMs: 15 * 60_000,
    firstAddress,
    maxReconnects: 3,
  });
  const budgetMs = 30_000 + (devices / Math.max(1, plan.connectRate)) * 3000;
  const ok = await swarm.waitUntil((s) => s.ready >= devices, budgetMs, 100);
  const connected = swarm.stats;
  const afterConnect = server.sample();
  if (!ok) log(`  only ${connected.ready}/${devices} devices connected (last error: ${connected.lastError || 'none'})`);
  await new Promise((r) => setTimeout(r, plan.idleSettleMs));
  await server.collectGarbage();
  const after = server.sample();
  const spanMs = Math.max(1, connected.lastWelcomeAt - connected.firstWelcomeAt);
  const ready = swarm.stats.ready;
  const mem = delta(before, after);
  const figures: IdleFigures = {
    devices,
    processes,
    connected: ready,
    connectsPerSec: Math.round((connected.welcomed - 1) / (spanMs / 1000)),
    cpuUsPerConnect: usPer(delta(before, afterConnect).cpuMs, connected.welcomed),
    residentBeforeBytes: before.resident,
    residentAfterBytes: after.resident,
    bytesPerDevice: ready > 0 ? Math.round(mem.resident / ready) : 0,
    rssBytesPerDevice: ready > 0 ? Math.round(mem.rss / ready) : 0,
    anonBytesPerDevice: ready > 0 ? Math.round(mem.rssAnon / ready) : 0,
    errors: swarm.stats.errors,
    reconnects: swarm.stats.reconnects,
  };
  log(`  ${ready}/${devices} connected at ${figures.connectsPerSec}/s, ${figures.cpuUsPerConnect} µs server CPU each;`
    + ` resident +${(mem.resident / 1048576).toFixed(1)} MiB = ${figures.bytesPerDevice} B/device`
    + ` (VmRSS sum ${figures.rssBytesPerDevice} B, anon ${figures.anonBytesPerDevice} B)`);
  return { figures, swarm };
}

// Informational, not judged: on the multi-process run (several servers on one
// port through SO_REUSEPORT), do token pushes reach devices live when the REST
// request lands on a process other than the one holding the device's socket?
// The kernel spreads both HTTP connections and device sockets over the
// processes, so with P processes about (P-1)/P of pushes cross processes. A
// server whose processes do not share routes delivers only the others live;
// the rest wait in offline storage until the device reconnects.
export interface SharedPortFigures {
  processes: number;
  pushes: number;
  accepted: number;
  /** Delivered live within the settle window. */
  delivered: number;
  deliveredPercent: number;
}

const PUSHES = 400;

export async function sharedPortProbe(server: ServerUnderTest, swarm: Swarm, processes: number, log: (line: string) => void): Promise<SharedPortFigures> {
  const tokens = (await swarm.tokens()).filter(Boolean).slice(0, PUSHES);
  // Many connections, so that the kernel spreads the requests over every process.
  const pusher = new Pusher(server.httpUrl, server.app, 8 * processes);
  try {
    await swarm.reset();
    const run = await pusher.runRate({ rate: 200, durationMs: (tokens.length / 200) * 1000, tokens });
    const { count } = await settle(swarm, run.accepted, 3_000);
    const f: SharedPortFigures = {
      processes, pushes: run.sent, accepted: run.accepted, delivered: count.delivered,
      deliveredPercent: run.accepted > 0 ? Math.round((count.delivered / run.accepted) * 1000) / 10 : 0,
    };
    log(`  shared-port probe: ${f.delivered}/${f.accepted} token pushes delivered live across ${processes} processes (${f.deliveredPercent}%)`);
    return f;
  } finally {
    await pusher.close();
  }
}
