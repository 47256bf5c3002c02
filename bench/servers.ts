// Starts the two servers under test as real processes, the way a user runs
// them: `homing start` (several of them on one port and one data dir when asked:
// uWS listens with SO_REUSEPORT, LMDB is multi-process) and the bare uWS
// baseline. Each is measured from outside through /proc, and each exits through
// process.exit on SIGTERM, so `--cpu-prof` gets to write its profile.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sample, type ProcSample } from './proc.js';
import { freePort } from '../test/helpers/process.js';

export { freePort };

export type Target = 'homing' | 'baseline';

export interface ServerApp {
  accessId: string;
  accessKey: string;
  secretKey: string;
}

export interface ServerUnderTest {
  target: Target;
  port: number;
  wsUrl: string;
  httpUrl: string;
  pids: number[];
  app: ServerApp;
  sample(): ProcSample;
  /** Full GC in every process (SIGUSR2, see gc-on-signal.mjs), then a moment for the pages to go back. */
  collectGarbage(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  target: Target;
  processes: number;
  /** Homing's HOMING_DATA_DIR (fresh per bench run). */
  dataDir: string;
  /** Names the processes and profiles, e.g. "main" or "idle-50k". */
  label: string;
  /** When set, each process runs with --cpu-prof and writes its .cpuprofile here on stop. */
  cpuProfDir?: string;
}

const ROOT = new URL('..', import.meta.url).pathname;
const HOMING_BIN = `${ROOT}bin/homing.js`;
const BASELINE = `${ROOT}bench/baseline-server.ts`;
const GC_PRELOAD = ['--expose-gc', '--import', `${ROOT}bench/gc-on-signal.mjs`];
// Every server this process started, so that a crashed bench does not leave servers running.
const started = new Set<ChildProcess>();
const killAll = () => started.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
process.once('exit', killAll);
// A signal ends the process without 'exit' handlers: stop the servers first.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

async function createHomingApp(dataDir: string): Promise<ServerApp> {
  const { stdout } = await promisify(execFile)(process.execPath, [HOMING_BIN, 'app', 'create', '--name', 'bench'], {
    env: { ...process.env, HOMING_DATA_DIR: dataDir, HOMING_LOG_LEVEL: 'warn' },
  });
  const app = JSON.parse(stdout) as { access_id: string; access_key: string; secret_key: string };
  return { accessId: app.access_id, accessKey: app.access_key, secretKey: app.secret_key };
}

/** Resolves once the process prints "listening on"; its output is drained and the tail kept for errors. */
function launch(args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(child);
    child.once('exit', () => started.delete(child));
    let tail = '';
    let ready = false;
    const keep = (d: Buffer) => {
      tail = (tail + d.toString()).slice(-4000);
      if (!ready && tail.includes('listening on')) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`${args.join(' ')} exited with ${code} before listening:\n${tail}`));
    });
  });
}

export async function startServer(options: ServerOptions): Promise<ServerUnderTest> {
  const { target, processes, label, cpuProfDir } = options;
  const port = await freePort();
  const app = target === 'homing'
    ? await createHomingApp(options.dataDir)
    : { accessId: '1500000001', accessKey: 'ABASELINEKEY', secretKey: 'baseline-secret' };
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      // One directory per process: every thread (the tsx loader thread too) writes its own profile,
      // and a fixed --cpu-prof-name would let them overwrite each other.
      const prof = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', join(cpuProfDir, `${target}-${label}-${i}`)] : [];
      const args = target === 'homing'
        ? [...prof, ...GC_PRELOAD, HOMING_BIN, 'start']
        : [...prof, ...GC_PRELOAD, '--import', 'tsx', BASELINE, '--port', String(port), '--host', '127.0.0.1'];
      // Started one after another: each must bind before the next shares the port.
      children.push(await launch(args, {
        ...process.env,
        HOMING_PORT: String(port),
        HOMING_HOST: '127.0.0.1',
        HOMING_DATA_DIR: options.dataDir,
        HOMING_LOG_LEVEL: 'warn',
        HOMING_NODE_ID: `bench-${label}-${i}`,
        // The bench measures capacity: thousands of devices register from one address in
        // seconds and one app pushes flat out, which the abuse limits exist to stop.
        HOMING_REGISTRATIONS_PER_APP_PER_MINUTE: '0',
        HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE: '0',
        HOMING_PUSH_REQUESTS_PER_APP_PER_SECOND: '0',
      }));
    }
  } catch (err) {
    children.forEach((c) => c.kill('SIGKILL'));
    throw err;
  }
  const pids = children.map((c) => c.pid!);
  return {
    target, port, pids, app,
    wsUrl: `ws://127.0.0.1:${port}/device`,
    httpUrl: `http://127.0.0.1:${port}`,
    sample: () => sample(pids),
    async collectGarbage() {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGUSR2');
        } catch {
          // exited: nothing to collect
        }
      }
      await new Promise((r) => setTimeout(r, 700));
    },
    async stop() {
      await Promise.all(children.map((c) => new Promise<void>((resolve) => {
        if (c.exitCode !== null || c.signalCode !== null) return resolve();
        const kill = setTimeout(() => c.kill('SIGKILL'), 20_000);
        c.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        c.kill('SIGTERM');
      })));
    },
  };
}
