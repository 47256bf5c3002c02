// What a reconnect storm (storm.ts) measured, when it counts as passed, and how
// it is printed: `npm run loadtest -- --storm` and loadtest/storm.test.ts share it.

export interface StormReport {
  devices: number;
  workers: number;
  registerMs: number;
  /** SIGTERM → exit, and the exit code. */
  shutdownMs: number;
  exitCode: number | null;
  /** Spawn → listen line of the second start. */
  startMs: number;
  /** SIGTERM → the last device's welcome, and listen line → the same. */
  backAfterSigtermMs: number;
  backAfterListenMs: number;
  /** The goaway's reconnect_after_ms: one value per shutdown, which the devices spread by up to half again. */
  goawayHintMs: number;
  /** SIGTERM → half, 90% and 99% of the devices welcomed again (sampled every 100 ms; -1 when never). */
  halfBackMs: number;
  p90BackMs: number;
  p99BackMs: number;
  /** Devices back on their old token, on a new one, not back at all. */
  resumed: number;
  renewed: number;
  missing: number;
  /** Connect attempts while the server was down or refusing, and socket errors seen, during the restart. */
  reconnects: number;
  errors: number;
  gaveUp: number;
  lastError: string;
  pushRequests: number;
  pushesAccepted: number;
  /** Deliveries owed (targets of accepted pushes), received (duplicates included), unique, duplicate. */
  expected: number;
  received: number;
  unique: number;
  dups: number;
  /** Listen line → the last push received. */
  deliveredAfterListenMs: number;
  /** Arrivals the server's statistics counted for those pushes. */
  counted: number;
  serverAlive: boolean;
  healthzSockets: number;
  serverCpuMs: number;
  serverRssMiB: number;
  pass: boolean;
  problems: string[];
}

/** Every way the storm can fail; empty when it passed. */
export function stormProblems(r: StormReport): string[] {
  const out: string[] = [];
  if (r.exitCode !== 0) out.push(`SIGTERM ended the server with exit code ${r.exitCode}`);
  if (r.goawayHintMs < 0) out.push('the watching device got no goaway before its socket closed');
  if (r.missing > 0) out.push(`${r.missing} devices did not come back`);
  if (r.renewed > 0) out.push(`${r.renewed} devices came back with a new token instead of resuming`);
  if (r.pushesAccepted !== r.pushRequests) out.push(`${r.pushRequests - r.pushesAccepted} of ${r.pushRequests} pushes were not accepted`);
  if (r.unique !== r.expected) out.push(`${r.unique} unique deliveries, expected ${r.expected}`);
  if (r.counted !== r.expected) out.push(`the server counted ${r.counted} arrivals, expected ${r.expected}`);
  if (!r.serverAlive) out.push('the server process is gone');
  else if (r.healthzSockets !== r.devices) out.push(`/healthz reports ${r.healthzSockets} sockets, expected ${r.devices}`);
  return out;
}

const n = (v: number) => v.toLocaleString('en-US');
const s = (ms: number) => (ms < 0 ? 'never' : `${(ms / 1000).toFixed(2)} s`);

export function formatStormReport(r: StormReport): string {
  return [
    `reconnect storm: ${n(r.devices)} devices from ${r.workers} worker processes`,
    `registered:   ${n(r.devices)} in ${s(r.registerMs)}`,
    `SIGTERM:      exit code ${r.exitCode} after ${s(r.shutdownMs)}; listening again after ${s(r.startMs)} more`,
    `back:         ${n(r.resumed)} resumed their token, ${n(r.renewed)} got a new one, ${n(r.missing)} missing; last welcome ${s(r.backAfterSigtermMs)} after SIGTERM (${s(r.backAfterListenMs)} after the restart listened)`,
    `              goaway hint ${s(r.goawayHintMs)}; after SIGTERM: half back by ${s(r.halfBackMs)}, 90% by ${s(r.p90BackMs)}, 99% by ${s(r.p99BackMs)} (±0.2 s)`,
    `              ${n(r.reconnects)} reconnect attempts, ${n(r.errors)} socket errors on the way (refused while down), ${r.gaveUp} gave up${r.lastError ? `; last: ${r.lastError.slice(0, 80)}` : ''}`,
    `pushes:       ${r.pushesAccepted}/${r.pushRequests} token_list pushes accepted (the first round as the restart listened, the others as devices came back), ${n(r.expected)} deliveries owed`,
    `deliveries:   ${n(r.received)} received, ${n(r.unique)} unique, ${n(r.dups)} duplicates (dropped by message id), ${n(Math.max(0, r.expected - r.unique))} lost; last ${s(r.deliveredAfterListenMs)} after the restart listened; server counted ${n(r.counted)} arrivals`,
    `server:       ${r.serverAlive ? 'up' : 'DOWN'}, /healthz sockets ${n(r.healthzSockets)}, ${n(Math.round(r.serverCpuMs))} ms CPU from listening to all back, RSS ${r.serverRssMiB} MiB`,
    r.pass ? 'storm: pass' : `storm: FAIL\n${r.problems.map((p) => `  - ${p}`).join('\n')}`,
  ].join('\n');
}
