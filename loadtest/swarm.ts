// The swarm controller: forks worker processes, splits devices, connect rate
// and source addresses between them, sums their counters and merges their
// latency histograms. The CLI (loadtest/main.ts) and the bench (bench/) both
// drive devices through this class.
//
// Limits it enforces, because this machine has them: at most 15,000 sockets per
// worker (a process may hold 20,000 files), at most `devicesPerAddress` sockets
// per source address 127.0.0.x, each on its own source port (see device.ts for
// why the port is explicit), loopback targets only, and a deadline after which
// every worker exits on its own.
import { fork, type ChildProcess } from 'node:child_process';
import { EMPTY_STATS, type AppCredential, type Collected, type ControllerMessage, type WorkerMessage, type WorkerStats } from './ipc.js';
import { mergeHistograms, type Histogram } from './latency.js';

export const MAX_DEVICES_PER_WORKER = 15_000;
/** Explicit source ports sit below Linux's ephemeral range (32768–60999), where nothing else is handed out. */
export const FIRST_LOCAL_PORT = 10_000;
const LAST_LOCAL_PORT = 32_767;
const WORKER = new URL('./worker.ts', import.meta.url).pathname;

export interface SwarmOptions {
  url: string;
  devices: number;
  workers: number;
  /** New connections per second over the whole swarm. */
  connectRate: number;
  apps: AppCredential[];
  /** Workers close everything and exit this long after start, whatever happens. */
  durationMs: number;
  /** Connects in flight over the whole swarm (default 400, under uWS's listen backlog of 512). */
  maxPendingConnects?: number;
  /** Last byte of the first source address (default 2: 127.0.0.2, 127.0.0.3, ...). */
  firstAddress?: number;
  devicesPerAddress?: number;
  maxReconnects?: number;
  devicePrefix?: string;
}

export interface SwarmCollected extends Omit<Collected, 'histogram'> {
  histogram: Histogram;
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!(host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new Error(`refusing to load ${host}: the swarm only targets loopback addresses`);
  }
}

export class Swarm {
  private readonly children: ChildProcess[] = [];
  private readonly latest: WorkerStats[] = [];
  private readonly pending = new Map<number, { left: number; results: unknown[]; resolve: (r: unknown[]) => void }>();
  private nextId = 1;
  private readonly exited: Promise<void>[] = [];

  private constructor(readonly options: SwarmOptions) {}

  static start(options: SwarmOptions): Swarm {
    assertLoopback(options.url);
    const { devices, workers } = options;
    if (!(workers >= 1) || Math.ceil(devices / workers) > MAX_DEVICES_PER_WORKER) {
      throw new Error(`${devices} devices over ${workers} workers exceeds ${MAX_DEVICES_PER_WORKER} sockets per worker; add --workers`);
    }
    const perAddress = options.devicesPerAddress ?? 10_000;
    if (!(perAddress >= 1 && perAddress <= LAST_LOCAL_PORT - FIRST_LOCAL_PORT + 1)) {
      throw new Error(`devicesPerAddress must be 1..${LAST_LOCAL_PORT - FIRST_LOCAL_PORT + 1} (source ports ${FIRST_LOCAL_PORT}–${LAST_LOCAL_PORT})`);
    }
    const first = options.firstAddress ?? 2;
    const addressCount = Math.max(1, Math.ceil(devices / perAddress));
    if (first + addressCount > 255) throw new Error('not enough 127.0.0.x source addresses; raise devicesPerAddress');
    const localAddresses = Array.from({ length: addressCount }, (_, i) => `127.0.0.${first + i}`);
    const swarm = new Swarm(options);
    const deadline = Date.now() + options.durationMs;
    const prefix = options.devicePrefix ?? `lt${Date.now().toString(36)}`;
    const pendingTotal = options.maxPendingConnects ?? 400;
    let firstDevice = 0;
    for (let w = 0; w < workers; w++) {
      const count = Math.floor(devices / workers) + (w < devices % workers ? 1 : 0);
      const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      swarm.children.push(child);
      swarm.latest.push({ ...EMPTY_STATS });
      swarm.exited.push(new Promise((resolve) => child.once('exit', () => resolve())));
      child.on('message', (m: WorkerMessage) => swarm.onMessage(w, m));
      const message: ControllerMessage = {
        type: 'start',
        config: {
          worker: w, url: options.url, firstDevice, devices: count,
          connectRate: options.connectRate / workers,
          maxPendingConnects: Math.max(1, Math.floor(pendingTotal / workers)),
          apps: options.apps, localAddresses, devicesPerAddress: perAddress, firstLocalPort: FIRST_LOCAL_PORT, deadline,
          maxReconnects: options.maxReconnects ?? 5, devicePrefix: prefix,
        },
      };
      child.send(message);
      firstDevice += count;
    }
    return swarm;
  }

  /** Counters summed over workers, as of their last report (at most 100 ms old). */
  get stats(): WorkerStats & { workersAlive: number } {
    const sum: WorkerStats = { ...EMPTY_STATS };
    for (const s of this.latest) {
      for (const k of Object.keys(sum) as Array<keyof WorkerStats>) {
        if (k === 'lastError') sum.lastError = s.lastError || sum.lastError;
        else if (k === 'firstWelcomeAt') sum[k] = s[k] && sum[k] ? Math.min(s[k], sum[k]) : s[k] || sum[k];
        else if (k === 'lastWelcomeAt') sum[k] = Math.max(s[k], sum[k]);
        else sum[k] += s[k];
      }
    }
    return { ...sum, workersAlive: this.children.filter((c) => c.exitCode === null && c.signalCode === null).length };
  }

  /** Polls the summed counters until `done` holds or the time is up; resolves whether it held. */
  async waitUntil(done: (s: WorkerStats) => boolean, timeoutMs: number, pollMs = 100): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (done(this.stats)) return true;
      if (this.stats.workersAlive === 0) return false;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    return done(this.stats);
  }

  /** The worker processes still running (to read their CPU from /proc). */
  pids(): number[] {
    return this.children.filter((c) => c.exitCode === null && c.signalCode === null && c.pid !== undefined).map((c) => c.pid!);
  }

  async tokens(): Promise<string[]> {
    return ((await this.request('tokens')) as string[][]).flat();
  }

  /** Clears delivery counters, dedup sets and histograms in every worker. */
  async reset(): Promise<void> {
    await this.request('reset');
  }

  async collect(): Promise<SwarmCollected> {
    const parts = ((await this.request('collect')) as Array<Collected | null>).filter((c): c is Collected => c !== null);
    const firsts = parts.map((p) => p.firstAt).filter((t) => t > 0);
    return {
      received: parts.reduce((n, p) => n + p.received, 0),
      unique: parts.reduce((n, p) => n + p.unique, 0),
      dups: parts.reduce((n, p) => n + p.dups, 0),
      acked: parts.reduce((n, p) => n + p.acked, 0),
      receivedTotal: parts.reduce((n, p) => n + p.receivedTotal, 0),
      ackedTotal: parts.reduce((n, p) => n + p.ackedTotal, 0),
      firstAt: firsts.length ? Math.min(...firsts) : 0,
      lastAt: Math.max(0, ...parts.map((p) => p.lastAt)),
      histogram: mergeHistograms(parts.map((p) => p.histogram)),
    };
  }

  /** Closes every socket and waits for the workers to exit (killing any that hang past 15 s). */
  async stop(): Promise<WorkerStats> {
    for (const child of this.children) if (child.connected) child.send({ type: 'stop' } satisfies ControllerMessage);
    const timer = setTimeout(() => this.children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')), 15_000);
    await Promise.all(this.exited);
    clearTimeout(timer);
    return this.stats;
  }

  private request(type: 'tokens' | 'reset' | 'collect'): Promise<unknown[]> {
    const live = this.children.filter((c) => c.connected);
    if (live.length === 0) return Promise.resolve([]);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { left: live.length, results: [], resolve });
      for (const c of live) c.send({ type, id } satisfies ControllerMessage);
      // A worker that dies mid-request must not hang the caller.
      setTimeout(() => this.finish(id), 10_000).unref();
    });
  }

  private onMessage(worker: number, message: WorkerMessage): void {
    if (message.type === 'stats' || message.type === 'stopped') {
      this.latest[worker] = message.stats;
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    waiting.results.push(message.data);
    if (--waiting.left === 0) this.finish(message.id);
  }

  private finish(id: number): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    waiting.resolve(waiting.results);
  }
}
