// Connect rate and idle memory: N devices connect (hello → welcome) as fast as
// the swarm's pacing allows, then sit idle; the server processes' RSS growth
// divided by N is what one connected device costs. The same swarm stays
// connected for the scenarios that follow.
import { Swarm } from '../../loadtest/swarm.js';
import { workersFor, type Plan } from '../plan.js';
import { delta } from '../proc.js';
import type { ServerUnderTest } from '../servers.js';
import { usPer } from './context.js';

export interface IdleFigures {
  devices: number;
  processes: number;
  connected: number;
  /** Welcomes per second from the first to the last welcome. */
  connectsPerSec: number;
  cpuUsPerConnect: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  /** RSS growth over connected devices: the idle-memory figure. */
  bytesPerDevice: number;
  /** Same for anonymous memory only (no file-backed pages such as LMDB maps). */
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
  // A moment of quiet first, so start-up work is not billed to the devices.
  await new Promise((r) => setTimeout(r, 500));
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
    rssBeforeBytes: before.rss,
    rssAfterBytes: after.rss,
    bytesPerDevice: ready > 0 ? Math.round(mem.rss / ready) : 0,
    anonBytesPerDevice: ready > 0 ? Math.round(mem.rssAnon / ready) : 0,
    errors: swarm.stats.errors,
    reconnects: swarm.stats.reconnects,
  };
  log(`  ${ready}/${devices} connected at ${figures.connectsPerSec}/s, ${figures.cpuUsPerConnect} µs server CPU each;`
    + ` RSS +${(mem.rss / 1048576).toFixed(1)} MiB = ${figures.bytesPerDevice} B/device (anon ${figures.anonBytesPerDevice} B)`);
  return { figures, swarm };
}
