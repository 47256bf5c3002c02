// What one bench run does, from its flags. The full plan fits a few minutes
// on a 2-core machine; --smoke shrinks every scenario to seconds for CI; each
// size can be scaled on its own.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../src/cli/args.js';
import { MAX_DEVICES_PER_WORKER } from '../loadtest/swarm.js';
import type { Target } from './servers.js';

export interface Plan {
  smoke: boolean;
  targets: Target[];
  /** Devices for every scenario but the big idle one (the N = 10,000). */
  devices: number;
  connectRate: number;
  /** Devices of the multi-process idle run (≥ 50,000 in the full plan; 0 skips it). */
  bigDevices: number;
  bigProcesses: number;
  /** Quiet time after the last connect before RSS is read, so start-up garbage and buffers settle. */
  idleSettleMs: number;
  unicast: { startRate: number; factor: number; maxRate: number; stepMs: number; settleMs: number; latencyMs: number };
  /** The memory scenario: a unicast stream at `rate` for `seconds`, then `idleSeconds` of quiet before RSS is read again. */
  stream: { rate: number; seconds: number; idleSeconds: number };
  tokenList: { size: number; pushes: number; concurrency: number };
  broadcast: { pushes: number; timeoutMs: number };
  ingestion: { seconds: number; connections: number };
  /**
   * Keep-alive connections the scenarios' REST pusher uses (unicast, stream,
   * token_list, broadcast). A durable API answers after its sync, so a client
   * waiting on each answer can push at most connections ÷ answer latency; 32,
   * as in the ingestion scenario, lets the client drive the server to its
   * capacity rather than to its latency.
   */
  pushConnections: number;
  /** Token pushes across the multi-process run's processes (informational; off in the smoke). */
  sharedPortProbe: boolean;
  /** Pushes per scenario whose statistics (arrived) are read back; more are sampled evenly. */
  arrivalSample: number;
  cpuProf: boolean;
  outDir: string;
  /** Exit 1 also when a scenario failed to run (CI smoke). Lost, duplicate or miscounted deliveries always exit 1. */
  failOnLoss: boolean;
}

export const USAGE = `usage: npm run bench -- [--smoke] [--only homing|baseline|relay] [--devices 10000] [--big-devices 50000]
  [--big-processes 4] [--rate 4000] [--unicast-start 1000] [--unicast-max 40000] [--step-seconds 3]
  [--stream-rate 2000] [--stream-seconds 60] [--stream-idle-seconds 30] [--arrival-sample 1000]
  [--token-list-pushes 40] [--broadcasts 20] [--ingestion-seconds 5] [--push-connections 32] [--cpu-prof] [--out bench/results] [--fail-on-loss]`;

export function workersFor(devices: number): number {
  // Two workers at least: one client process would be the bottleneck long before the server.
  return Math.max(2, Math.ceil(devices / (MAX_DEVICES_PER_WORKER * 0.85)));
}

export function planFrom(argv: readonly string[]): Plan {
  const { flags } = parseArgs(argv);
  const smoke = flags.has('smoke');
  const num = (name: string, full: number, small: number): number => {
    const raw = flags.get(name);
    const n = raw === undefined ? (smoke ? small : full) : Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${raw}"`);
    return n;
  };
  const only = flags.get('only');
  if (only !== undefined && only !== 'homing' && only !== 'baseline' && only !== 'relay') throw new Error('--only is homing, baseline or relay');
  const plan: Plan = {
    smoke,
    // Baselines first: their figures are the yardstick the Homing figures are read against.
    targets: only ? [only] : ['baseline', 'relay', 'homing'],
    devices: num('devices', 10_000, 1_000),
    connectRate: num('rate', 4_000, 3_000),
    bigDevices: num('big-devices', 50_000, 1_200),
    bigProcesses: num('big-processes', 4, 2),
    idleSettleMs: num('idle-settle-ms', 3_000, 500),
    unicast: {
      startRate: num('unicast-start', 1_000, 500),
      factor: 1.5,
      maxRate: num('unicast-max', 40_000, 500),
      stepMs: num('step-seconds', 3, 1) * 1000,
      settleMs: 1_500,
      latencyMs: num('latency-seconds', 5, 1) * 1000,
    },
    stream: {
      rate: num('stream-rate', 2_000, 500),
      seconds: num('stream-seconds', 60, 1),
      idleSeconds: num('stream-idle-seconds', 30, 1),
    },
    tokenList: { size: 1000, pushes: num('token-list-pushes', 40, 4), concurrency: 2 },
    broadcast: { pushes: num('broadcasts', 20, 2), timeoutMs: 15_000 },
    ingestion: { seconds: num('ingestion-seconds', 5, 1), connections: 32 },
    pushConnections: num('push-connections', 32, 32),
    sharedPortProbe: !smoke,
    arrivalSample: num('arrival-sample', 1_000, 300),
    cpuProf: flags.has('cpu-prof'),
    // A smoke run must not replace bench/results/latest.md, the figures the README quotes.
    outDir: flags.get('out') ?? (smoke ? join(tmpdir(), 'homing-bench-smoke') : new URL('./results', import.meta.url).pathname),
    failOnLoss: flags.has('fail-on-loss'),
  };
  if (plan.devices < 1) throw new Error('--devices must be at least 1');
  if (plan.pushConnections < 1) throw new Error('--push-connections must be at least 1');
  if (plan.stream.rate < 1 || plan.stream.seconds <= 0) throw new Error('--stream-rate and --stream-seconds must be positive');
  return plan;
}
