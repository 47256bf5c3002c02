// `homing cluster` as a user runs it, for the cluster load test: one child
// process that starts nats-server, redis-server, a router, an api and G
// gateways sharing one port. Its roles are its children; we find their pids in
// /proc (by parent pid and command line) to read their memory, and stop them
// through the cluster process (SIGTERM: roles drain, then the servers stop).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { freeLoopbackPort } from './homing-process.js';
import { HOMING_NODE_FLAGS } from '../src/cli/node-flags.js';

const ROOT = new URL('..', import.meta.url).pathname;
const SOURCE_CLI = ['--import', 'tsx', `${ROOT}src/cli/main.ts`];
// As `npm start` runs it.
const COMPILED_CLI = [...HOMING_NODE_FLAGS, `${ROOT}bin/homing.js`];
const START_TIMEOUT_MS = 120_000;
/** Draining a gateway whose devices already left is quick; the servers then flush. */
const STOP_TIMEOUT_MS = 60_000;

export type ClusterRole = 'gateway' | 'router' | 'api' | 'nats' | 'redis';

export interface ClusterMember {
  pid: number;
  role: ClusterRole;
}

/** Two adjacent free loopback ports (gateways on the first, the api on the next), a bounded number of tries. */
async function adjacentFreePorts(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await freeLoopbackPort();
    if (port < 65535 && (await portFree(port + 1))) return port;
  }
  throw new Error('no two adjacent free loopback ports found in 20 tries');
}

async function portFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function roleOf(cmdline: string): ClusterRole | undefined {
  if (cmdline.includes('nats-server')) return 'nats';
  if (cmdline.includes('redis-server')) return 'redis';
  const m = /--role\u0000(gateway|router|api)\u0000/.exec(cmdline);
  return m ? (m[1] as ClusterRole) : undefined;
}

export class ClusterProcess {
  private outputTail = '';
  private readonly exited: Promise<void>;
  members: ClusterMember[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly devicePort: number,
    readonly natsUrl: string,
    readonly redisUrl: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    // Log lines keep flowing after start; only the end is kept, to say why something died.
    const keep = (d: Buffer) => (this.outputTail = (this.outputTail + d.toString()).slice(-4000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  /** Runs `homing cluster --gateways G` on free loopback ports and resolves once it printed its URLs. */
  static async start(opts: { gateways: number; dataDir: string; env: NodeJS.ProcessEnv; compiled?: boolean }): Promise<ClusterProcess> {
    const port = await adjacentFreePorts();
    const args = [...(opts.compiled ? COMPILED_CLI : SOURCE_CLI), 'cluster', '--gateways', String(opts.gateways), '--port', String(port), '--host', '127.0.0.1', '--data-dir', opts.dataDir];
    const child = spawn(process.execPath, args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // A run that ends without stopping it (an exception, process.exit) must not leave a cluster behind.
    const killOnExit = () => child.kill('SIGTERM');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => {
        child.kill('SIGTERM');
        reject(new Error(`homing cluster did not come up within ${START_TIMEOUT_MS / 1000} s: ${out.slice(-2000)}`));
      }, START_TIMEOUT_MS);
      const onData = (d: Buffer) => {
        out += d.toString();
        const m = / --nats (\S+) --redis (\S+)/.exec(out);
        if (!m) return;
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        const cluster = new ClusterProcess(child, port, m[1]!, m[2]!);
        cluster.members = cluster.findMembers();
        const gateways = cluster.pids('gateway').length;
        if (gateways !== opts.gateways) reject(new Error(`homing cluster runs ${gateways} gateway processes, ${opts.gateways} asked`));
        else resolve(cluster);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`homing cluster exited (${code}) before it was up: ${out.slice(-2000)}`));
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get lastOutput(): string {
    return this.outputTail;
  }

  pids(role: ClusterRole): number[] {
    return this.members.filter((m) => m.role === role).map((m) => m.pid);
  }

  /** Children of the cluster process, by /proc/PID/stat's parent pid and their command line. */
  private findMembers(): ClusterMember[] {
    const found: ClusterMember[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // Fields after "(comm) ": state, then ppid.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== this.pid) continue;
        const role = roleOf(readFileSync(`/proc/${entry}/cmdline`, 'utf8'));
        if (role) found.push({ pid: Number(entry), role });
      } catch {
        // exited while we looked
      }
    }
    return found;
  }

  /** SIGTERM to `homing cluster` (roles drain, then the servers stop); members still alive past the bound are killed. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS)));
    const late = await Promise.race([this.exited.then(() => false), hung]);
    clearTimeout(timer);
    if (!late) return;
    for (const m of this.members) {
      try {
        process.kill(m.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
