// The cluster load test: `homing cluster` with G gateways sharing one port
// holds N devices, added in steps; at each step the gateways' summed resident
// memory (anonymous and file-backed, from /proc) is read, so the memory per
// device shows whether it stays flat. Then one `all` push (time from the call
// until the last device has it) and a bounded token stream (lost and duplicate
// deliveries after the devices' dedup by message id). Every wait is bounded,
// everything runs on loopback, and the cluster and the swarm are stopped at the end.
import { createApp } from './homing-process.js';
import { ClusterProcess } from './cluster-process.js';
import { nowMs, summarize, type LatencySummary } from './latency.js';
import { ALL_BODY, Pusher } from './pusher.js';
import { SwarmGroup } from './swarm-group.js';
import { MAX_DEVICES_PER_WORKER } from './swarm.js';
import { rssSplit } from '../bench/proc.js';
import { readdirSync, readlinkSync } from 'node:fs';

export interface ClusterLoadOptions {
  gateways: number;
  /** Connected devices at which memory is read; the last is the total. */
  steps: number[];
  connectRate: number;
  pushRate: number;
  pushSeconds: number;
  firstAddress: number;
  devicesPerAddress: number;
  /** Bound on each wait (a step's connects, the broadcast, the stream's deliveries). */
  timeoutMs: number;
  dataDir: string;
  compiled?: boolean;
  log: (line: string) => void;
}

export interface MemoryRow {
  devices: number;
  /** Gateways' RSS summed, bytes. */
  anon: number;
  file: number;
  /** Sockets each gateway holds (fewest, most). */
  socketsMin: number;
  socketsMax: number;
  redisRss: number;
}

export interface ClusterLoadReport {
  gateways: number;
  devices: number;
  connected: number;
  connectSeconds: number;
  reconnects: number;
  gaveUp: number;
  lastError: string;
  idle: MemoryRow;
  memory: MemoryRow[];
  broadcast: { retCode: number; reached: number; dups: number; lastMs: number; firstMs: number };
  /**
   * rejected: answered another ret_code; failed: no JSON answer; skipped: not sent because 1,024
   * answers were outstanding (the cluster fell behind the asked rate). None of these is owed to a
   * device, so they are throughput figures; only lost and dups fail the run.
   */
  stream: {
    rate: number; seconds: number; sent: number; accepted: number; rejected: number; failed: number; skipped: number;
    lost: number; dups: number; latency: LatencySummary; lastProblem: string;
  };
  after: MemoryRow;
  pass: boolean;
  problems: string[];
}

/** Socket file descriptors a process holds: its device sockets, plus a handful of its own. */
function socketCount(pid: number): number {
  let n = 0;
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
      } catch {
        // closed while we looked
      }
    }
  } catch {
    // process gone
  }
  return n;
}

function memoryRow(cluster: ClusterProcess, devices: number): MemoryRow {
  const gateways = cluster.pids('gateway');
  const { anon, file } = rssSplit(gateways);
  const redis = rssSplit(cluster.pids('redis'));
  const sockets = gateways.map(socketCount);
  return { devices, anon, file, socketsMin: Math.min(...sockets), socketsMax: Math.max(...sockets), redisRss: redis.anon + redis.file };
}

/** A pause with a reason: memory read right after a burst of handshakes counts garbage not yet collected. */
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SETTLE_MS = 3_000;

export async function runClusterLoad(o: ClusterLoadOptions, group: SwarmGroup, started: (c: ClusterProcess) => void): Promise<ClusterLoadReport> {
  const env = {
    ...process.env,
    HOMING_LOG_LEVEL: 'warn',
    // N registrations from ten loopback addresses is what these limits exist to refuse; off for this run only.
    HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE: '0',
    HOMING_REGISTRATIONS_PER_APP_PER_MINUTE: '0',
  };
  const cluster = await ClusterProcess.start({ gateways: o.gateways, dataDir: o.dataDir, env, compiled: o.compiled });
  started(cluster);
  o.log(`homing cluster pid ${cluster.pid}: ${o.gateways} gateways on 127.0.0.1:${cluster.devicePort}, api on ${cluster.devicePort + 1}`);
  const app = await createApp({ ...env, HOMING_NATS_URL: cluster.natsUrl, HOMING_REDIS_URL: cluster.redisUrl }, 'cluster-load', o.compiled);
  const pusher = new Pusher(`http://127.0.0.1:${cluster.devicePort + 1}`, { accessId: app.accessId, secretKey: app.secretKey }, 32);
  const total = o.steps[o.steps.length - 1]!;
  const problems: string[] = [];
  try {
    const idle = memoryRow(cluster, 0);
    const memory: MemoryRow[] = [];
    // Workers leave by themselves after this, whatever happens here.
    const deadline = (o.steps.length + 3) * o.timeoutMs + o.pushSeconds * 1000;
    let nextAddress = o.firstAddress;
    let previous = 0;
    const connectStart = Date.now();
    const prefix = `cl${Date.now().toString(36)}`;
    for (const [k, step] of o.steps.entries()) {
      const count = step - previous;
      group.add({
        url: `ws://127.0.0.1:${cluster.devicePort}/device`,
        devices: count,
        workers: Math.ceil(count / MAX_DEVICES_PER_WORKER),
        connectRate: o.connectRate,
        apps: [{ accessId: app.accessId, accessKey: app.accessKey }],
        durationMs: deadline,
        firstAddress: nextAddress,
        devicesPerAddress: o.devicesPerAddress,
        devicePrefix: `${prefix}s${k}`,
      });
      nextAddress += Math.ceil(count / o.devicesPerAddress);
      const reached = await group.waitUntil((s) => s.ready >= step && s.connecting === 0, o.timeoutMs);
      const s = group.stats;
      if (!reached) {
        problems.push(`only ${s.ready} of ${step} devices connected within ${o.timeoutMs / 1000} s (gave up ${s.gaveUp}, last error: ${s.lastError})`);
        break;
      }
      await settle(SETTLE_MS);
      memory.push(memoryRow(cluster, step));
      o.log(`${step} devices connected (${((Date.now() - connectStart) / 1000).toFixed(0)} s); gateways ${mib(memory.at(-1)!.anon)} anon + ${mib(memory.at(-1)!.file)} file`);
      previous = step;
    }
    const connectSeconds = (Date.now() - connectStart) / 1000;
    const connected = group.stats.ready;

    // One `all` push: from the call until the last device has it.
    await group.reset();
    const callAt = nowMs();
    const reply = await pusher.push(ALL_BODY, connected);
    if (reply.retCode !== 0) problems.push(`all push answered ${reply.retCode}: ${reply.errMsg}`);
    else await group.waitUntil((s) => s.unique >= connected, o.timeoutMs);
    const b = await group.collect();
    const broadcast = { retCode: reply.retCode, reached: b.unique, dups: b.dups, lastMs: b.lastAt > 0 ? b.lastAt - callAt : -1, firstMs: b.firstAt > 0 ? b.firstAt - callAt : -1 };
    o.log(`all push: ${b.unique} of ${connected} devices in ${(broadcast.lastMs / 1000).toFixed(2)} s`);

    // A token stream round-robin over every device.
    const tokens = (await group.tokens()).filter(Boolean);
    await group.reset();
    const run = await pusher.runRate({ rate: o.pushRate, durationMs: o.pushSeconds * 1000, tokens });
    await group.waitUntil((s) => s.unique >= run.accepted, o.timeoutMs);
    const t = await group.collect();
    const stream = {
      rate: o.pushRate, seconds: run.elapsedMs / 1000, sent: run.sent, accepted: run.accepted, rejected: run.rejected, failed: run.failed, skipped: run.skipped,
      lost: Math.max(0, run.accepted - t.unique), dups: t.dups, latency: summarize(t.histogram), lastProblem: run.lastProblem,
    };
    o.log(`token stream: ${stream.accepted} accepted, ${stream.lost} lost, ${stream.dups} duplicate`);
    const after = memoryRow(cluster, group.stats.ready);

    const end = group.stats;
    if (connected < total) problems.push(`${connected} of ${total} devices connected`);
    if (broadcast.reached < connected) problems.push(`all push reached ${broadcast.reached} of ${connected} devices`);
    if (broadcast.dups > 0) problems.push(`all push arrived twice at ${broadcast.dups} devices`);
    if (stream.lost > 0 || stream.dups > 0) problems.push(`token stream: ${stream.lost} lost, ${stream.dups} duplicate`);
    return {
      gateways: o.gateways, devices: total, connected, connectSeconds, reconnects: end.reconnects, gaveUp: end.gaveUp, lastError: end.lastError,
      idle, memory, broadcast, stream, after, pass: problems.length === 0, problems,
    };
  } finally {
    await pusher.close();
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const kib = (bytes: number) => (bytes / 1024).toFixed(1);

export function formatClusterLoad(r: ClusterLoadReport): string {
  const lines = [
    `cluster load: ${r.gateways} gateways on one port, ${r.connected}/${r.devices} devices connected in ${r.connectSeconds.toFixed(0)} s (reconnects ${r.reconnects}, gave up ${r.gaveUp})`,
    '',
    // "per device" is the whole RSS over the devices held; "added" is the growth since the row
    // before over the devices added since: flat when a device costs the same at 10k and at 100k.
    '| devices | gateways RSS anon | file-backed | RSS per device | anon added per device added | sockets per gateway | redis RSS |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  let prev = r.idle;
  for (const m of [r.idle, ...r.memory, r.after]) {
    const label = m === r.idle ? '0 (idle)' : m === r.after ? `${m.devices.toLocaleString('en')} after pushes` : m.devices.toLocaleString('en');
    const per = m.devices > 0 ? `${kib((m.anon + m.file) / m.devices)} KiB` : '';
    const added = m.devices > prev.devices ? `${kib((m.anon - prev.anon) / (m.devices - prev.devices))} KiB` : '';
    lines.push(`| ${label} | ${mib(m.anon)} | ${mib(m.file)} | ${per} | ${added} | ${m.socketsMin}–${m.socketsMax} | ${mib(m.redisRss)} |`);
    if (m !== r.after) prev = m;
  }
  const l = r.stream.latency;
  lines.push(
    '',
    `all push: ret_code ${r.broadcast.retCode}; ${r.broadcast.reached.toLocaleString('en')} of ${r.connected.toLocaleString('en')} devices, ${r.broadcast.dups} duplicate; first after ${(r.broadcast.firstMs / 1000).toFixed(2)} s, last after ${(r.broadcast.lastMs / 1000).toFixed(2)} s (from the call)`,
    `token stream at ${r.stream.rate}/s asked: ${r.stream.sent} sent, ${r.stream.accepted} accepted in ${r.stream.seconds.toFixed(1)} s (${(r.stream.accepted / r.stream.seconds).toFixed(0)}/s), ${r.stream.rejected} rejected, ${r.stream.failed} failed, ${r.stream.skipped} skipped (cluster behind)${r.stream.lastProblem ? ` (last problem: ${r.stream.lastProblem})` : ''}`,
    `token stream deliveries: ${r.stream.lost} lost, ${r.stream.dups} duplicate; push accepted → device p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, max ${l.maxMs} ms`,
    r.pass ? 'pass' : `FAIL: ${r.problems.join('; ')}`,
  );
  return lines.join('\n');
}
