// Starts the servers under test as real processes, the way a user runs them:
// `homing start` (several of them on one port and one data dir when asked:
// uWS listens with SO_REUSEPORT, LMDB is multi-process), the bare uWS baseline
// and the plain relay (each bundled to one JavaScript file first, see bundled()).
// Each is measured from outside through /proc, and each
// exits through process.exit on SIGTERM, so `--cpu-prof` gets to write its profile.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { promisify } from 'node:util';
import { rssSplit, sample, type ProcSample } from './proc.js';
import { freePort } from '../test/helpers/process.js';
import { HOMING_NODE_FLAGS } from '../src/cli/node-flags.js';

export { freePort };

/** The relay is a second unicast baseline only: it runs the idle and unicast scenarios. */
export type Target = 'homing' | 'baseline' | 'relay';

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
  /** Full GC in every process (SIGUSR2, see gc-on-signal.mjs), then until RSS stops falling (pages going back). */
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
const RELAY = `${ROOT}bench/relay-server.ts`;
/**
 * Where the baselines' bundles go: inside the repository, so they resolve
 * uWebSockets.js from its node_modules; under a bench/ directory, so their
 * profiles' frames count as "bench baseline" (profile.ts).
 */
const BUNDLES = `${ROOT}node_modules/.cache/homing/bench`;
const GC_DONE = 'bench-gc-done\n';
/** A GC that has not answered by then is taken as done: a reading must never hang the bench. */
const GC_WAIT_MS = 5_000;
/** After the GC, RSS is read until two readings this far apart differ by less than RSS_STEADY_BYTES. */
const RSS_POLL_MS = 100;
const RSS_STEADY_BYTES = 256 * 1024;
const RSS_SETTLE_MAX_MS = 1_500;
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

interface Launched {
  child: ChildProcess;
  /** Resolves at the next GC marker the process prints (see gc-on-signal.mjs), or when it exits. */
  nextGc(): Promise<void>;
}

/** Resolves once the process prints "listening on"; its output is drained and the tail kept for errors. */
function launch(args: string[], env: NodeJS.ProcessEnv): Promise<Launched> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(child);
    let gcWaiters: Array<() => void> = [];
    const gcDone = () => {
      const waiters = gcWaiters;
      gcWaiters = [];
      waiters.forEach((w) => w());
    };
    child.once('exit', () => {
      started.delete(child);
      gcDone();
    });
    const launched: Launched = {
      child,
      nextGc: () => new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : gcWaiters.push(done))),
    };
    let tail = '';
    let ready = false;
    const keep = (d: Buffer) => {
      const text = d.toString();
      tail = (tail + text).slice(-4000);
      if (text.includes(GC_DONE)) gcDone();
      if (!ready && tail.includes('listening on')) {
        ready = true;
        resolve(launched);
      }
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`${args.join(' ')} exited with ${code} before listening:\n${tail}`));
    });
  });
}

/** Polls the processes' RSS until it stops moving (freed pages go back to the kernel after a GC), within a cap. */
async function rssSteady(pids: readonly number[]): Promise<void> {
  const end = Date.now() + RSS_SETTLE_MAX_MS;
  let last = rssSplit(pids);
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, RSS_POLL_MS));
    const now = rssSplit(pids);
    if (Math.abs(now.anon - last.anon) < RSS_STEADY_BYTES) return;
    last = now;
  }
}

const bundles = new Map<string, Promise<string>>();

/**
 * The baseline and the relay run as one bundled JavaScript file, as Homing
 * runs from its build: under `--import tsx` each process also held tsx's
 * loader thread (~27 MiB of anonymous memory at start), whose own GCs moved the
 * baseline's resident memory independently of its devices.
 */
function bundled(source: string): Promise<string> {
  let out = bundles.get(source);
  if (!out) {
    const outfile = join(BUNDLES, `${basename(source, '.ts')}.mjs`);
    out = build({
      entryPoints: [source], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
      external: ['uWebSockets.js'], logLevel: 'warning',
    }).then(() => outfile);
    bundles.set(source, out);
  }
  return out;
}

export async function startServer(options: ServerOptions): Promise<ServerUnderTest> {
  const { target, processes, label, cpuProfDir } = options;
  const port = await freePort();
  const app = target === 'homing'
    ? await createHomingApp(options.dataDir)
    : { accessId: '1500000001', accessKey: 'ABASELINEKEY', secretKey: 'baseline-secret' };
  const children: Launched[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      // One directory per process: every thread (the tsx loader thread too) writes its own profile,
      // and a fixed --cpu-prof-name would let them overwrite each other.
      const prof = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', join(cpuProfDir, `${target}-${label}-${i}`)] : [];
      const args = target === 'homing'
        ? [...prof, ...GC_PRELOAD, ...HOMING_NODE_FLAGS, HOMING_BIN, 'start'] // as `npm start` runs it
        : [...prof, ...GC_PRELOAD, await bundled(target === 'relay' ? RELAY : BASELINE), '--port', String(port), '--host', '127.0.0.1'];
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
    children.forEach((c) => c.child.kill('SIGKILL'));
    throw err;
  }
  const pids = children.map((c) => c.child.pid!);
  return {
    target, port, pids, app,
    wsUrl: `ws://127.0.0.1:${port}/device`,
    httpUrl: `http://127.0.0.1:${port}`,
    sample: () => sample(pids),
    async collectGarbage() {
      const done = children.map((c) => c.nextGc());
      for (const { child } of children) {
        try {
          child.kill('SIGUSR2');
        } catch {
          // exited: nothing to collect
        }
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(done), new Promise((r) => (timer = setTimeout(r, GC_WAIT_MS)))]);
      clearTimeout(timer);
      await rssSteady(pids);
    },
    async stop() {
      await Promise.all(children.map(({ child: c }) => new Promise<void>((resolve) => {
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
