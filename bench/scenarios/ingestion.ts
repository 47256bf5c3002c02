// REST ingestion: autocannon sends token pushes as fast as 32 keep-alive
// connections allow, and the answers are counted by ret_code.
// - Homing: each request names a connected device's token (round-robin), so
//   this is the whole accepted path a user gets: auth, validation, offline
//   write-ahead, routing, delivery and the ack that clears it; the devices'
//   deliveries are checked for loss like every other scenario.
// - Baseline: the same request naming a token that no socket holds, so it
//   measures what the issue asks of it: JSON parsing and the XG envelope.
// - Relay (not judged): connected tokens, as for Homing, so the figure is
//   what this machine does when each request also goes out on a socket.
//   Ingestion here is one core serving both the HTTP side and the deliveries.
// The clients' CPU is read too (autocannon runs in this process, the devices
// in the swarm's workers), and how busy the whole machine was: they share its
// cores with the server, so they bound the rate any server can reach here.
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { tokenBody } from '../../loadtest/pusher.js';
import { delta, machineTicks, sample } from '../proc.js';
import { settle, usPer, type DeliveryCount, type ScenarioContext } from './context.js';

const PUSH_ID = /"push_id":"(\d+)"/;

export interface IngestionFigures extends DeliveryCount {
  requestsPerSec: number;
  requests: number;
  accepted: number;
  rejected: number;
  /** Transport errors, timeouts and non-2xx answers. */
  errors: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerRequest: number;
  /** Of which on the server's main thread (the rest: LMDB's writer and the libuv pool, V8's helpers). */
  mainCpuUsPerRequest: number;
  /** Sent but not answered when autocannon stopped. */
  unanswered: number;
  /** CPU of the bench process per request: autocannon building, sending and reading the requests. */
  loadCpuUsPerRequest: number;
  /** CPU of the swarm's processes per request: the devices receiving and acking the deliveries. */
  swarmCpuUsPerRequest: number;
  /** Share of all the machine's CPU time that was busy during the run (0–1), and how many CPUs it has. */
  machineBusy: number;
  cpus: number;
  note: string;
}

export async function ingestion(ctx: ScenarioContext): Promise<IngestionFigures> {
  const { server, swarm, tokens, plan } = ctx;
  const deliver = server.target !== 'baseline';
  // Baseline tokens look like real ones (40 hex chars) but name no socket.
  const bodies = (deliver ? tokens : Array.from({ length: 1000 }, (_, i) => i.toString(16).padStart(40, 'f'))).map((t) => tokenBody([t]));
  let next = 0;
  let accepted = 0;
  let rejected = 0;
  let lastProblem = '';
  const auth = `Basic ${Buffer.from(`${server.app.accessId}:${server.app.secretKey}`).toString('base64')}`;
  await swarm.reset();
  const swarmPids = swarm.pids();
  const swarmBefore = sample(swarmPids);
  const loadBefore = process.cpuUsage();
  const machineBefore = machineTicks();
  const before = server.sample();
  const result = await autocannon({
    url: server.httpUrl,
    connections: plan.ingestion.connections,
    duration: plan.ingestion.seconds,
    headers: { 'content-type': 'application/json', authorization: auth },
    requests: [{
      method: 'POST',
      path: '/v3/push/app',
      setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
      onResponse: (status: number, body: string) => {
        // A substring test, not JSON.parse: the client must not become the bottleneck it measures.
        if (status === 200 && body.includes('"ret_code":0,')) {
          accepted++;
          // Into the scenario's ledger (bench/accounting.ts), as the pusher does for its own calls.
          if (deliver) ctx.pusher.onAccepted?.(PUSH_ID.exec(body)?.[1] ?? '', 1);
        } else {
          rejected++;
          lastProblem = `HTTP ${status}: ${body.slice(0, 100)}`;
        }
      },
    }],
  });
  const cpu = delta(before, server.sample());
  const machineAfter = machineTicks();
  const load = process.cpuUsage(loadBefore);
  const swarmCpu = delta(swarmBefore, sample(swarmPids));
  // autocannon stops at its deadline with up to one request per connection unanswered; the
  // server may still accept and deliver those. Expected is what was answered ret_code 0;
  // up to `unanswered` more deliveries are not extras.
  const unanswered = Math.max(0, result.requests.sent - result.requests.total);
  const expected = deliver ? accepted : 0;
  const { count } = await settle(swarm, expected, 10_000);
  const extra = count.delivered - expected;
  if (extra > unanswered) lastProblem = `${extra} more deliveries than accepted pushes (${unanswered} unanswered at stop)`;
  const f: IngestionFigures = {
    requestsPerSec: Math.round(result.requests.average),
    requests: result.requests.total,
    accepted,
    rejected,
    errors: result.errors + result.timeouts + result.non2xx,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuUsPerRequest: usPer(cpu.cpuMs, result.requests.total),
    mainCpuUsPerRequest: usPer(cpu.mainCpuMs, result.requests.total),
    ...count,
    unanswered,
    loadCpuUsPerRequest: usPer((load.user + load.system) / 1000, result.requests.total),
    swarmCpuUsPerRequest: usPer(swarmCpu.cpuMs, result.requests.total),
    machineBusy: Math.round(((machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total)) * 1000) / 1000,
    cpus: cpus().length,
    note: server.target === 'homing' ? 'connected tokens: full accept + deliver path'
      : deliver ? 'connected tokens: HTTP in, ws.send out' : 'unheld token: JSON parse + envelope only',
  };
  ctx.log(`  ${f.requestsPerSec} req/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, ${f.accepted} accepted, ${f.rejected} refused,`
    + ` ${f.errors} errors, ${f.cpuUsPerRequest} µs CPU/request (main thread ${f.mainCpuUsPerRequest}; clients: autocannon ${f.loadCpuUsPerRequest}, swarm ${f.swarmCpuUsPerRequest};`
    + ` machine ${Math.round(f.machineBusy * 100)} % busy); delivered ${f.delivered}/${f.expected}, lost ${f.lost}, dups ${f.dups}`
    + (lastProblem ? `; problem: ${lastProblem}` : ''));
  return f;
}
