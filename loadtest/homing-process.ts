// Homing as a user runs it: the `homing` CLI in a child process (`homing app
// create`, `homing start`), stopped with SIGTERM as a service manager would.
// The reconnect storm restarts it on the same data dir and port. By default
// the CLI runs from the TypeScript sources through tsx, as tests do, so a run
// never measures a stale dist/; `compiled` runs bin/homing.js (npm start).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { HOMING_NODE_FLAGS } from '../src/cli/node-flags.js';

const ROOT = new URL('..', import.meta.url).pathname;
const SOURCE_CLI = ['--import', 'tsx', `${ROOT}src/cli/main.ts`];
// As `npm start` runs it.
const COMPILED_CLI = [...HOMING_NODE_FLAGS, `${ROOT}bin/homing.js`];
/** A start that prints nothing for this long is reported as hung. */
const START_TIMEOUT_MS = 60_000;
/** SIGTERM flushes and exits in well under a second; past this it is killed and reported. */
const STOP_TIMEOUT_MS = 60_000;

export interface AppCredentials {
  accessId: string;
  accessKey: string;
  secretKey: string;
}

function cliArgs(compiled: boolean): string[] {
  return compiled ? COMPILED_CLI : SOURCE_CLI;
}

/** A loopback port free right now: the restart must come back on the port the devices know. */
export { freePort as freeLoopbackPort } from '../test/helpers/process.js';

/** `homing app create` on the data dir; its JSON answer names the credentials. */
export async function createApp(env: NodeJS.ProcessEnv, name: string, compiled = false): Promise<AppCredentials> {
  const { stdout } = await promisify(execFile)(process.execPath, [...cliArgs(compiled), 'app', 'create', '--name', name], { env });
  const json = JSON.parse(stdout) as { access_id: string; access_key: string; secret_key: string };
  return { accessId: json.access_id, accessKey: json.access_key, secretKey: json.secret_key };
}

/** A running `homing start`. */
export class HomingProcess {
  private stderrTail = '';
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? -1 : null);
      resolve();
    }));
    // Keep only the end of stderr: enough to say why it died.
    child.stderr!.on('data', (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-2000)));
  }

  /** Spawns `homing start` and resolves once it prints where it listens. */
  static start(env: NodeJS.ProcessEnv, compiled = false): Promise<HomingProcess> {
    const child = spawn(process.execPath, [...cliArgs(compiled), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // An interrupted run must not leave a server holding the port and data dir.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    const running = new HomingProcess(child);
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`homing start printed no listen line within ${START_TIMEOUT_MS / 1000} s: ${running.stderrTail}`));
      }, START_TIMEOUT_MS);
      const onData = (d: Buffer) => {
        out += d.toString();
        if (!out.includes(' listening on ')) return;
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume(); // its log lines keep flowing; nobody reads them
        resolve(running);
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`homing start exited (${code}) before listening: ${running.stderrTail}`));
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  get lastStderr(): string {
    return this.stderrTail;
  }

  /** SIGTERM, then the exit code (killed with SIGKILL and -1 when it hangs past the bound). */
  async stop(): Promise<number | null> {
    if (this.alive) this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS)));
    if (await Promise.race([this.exited.then(() => false), hung])) {
      this.child.kill('SIGKILL');
      await this.exited;
      return -1;
    }
    clearTimeout(timer);
    return this.exitCode ?? null;
  }

  /** CPU time (user + system) the process has used, in ms, from /proc. */
  cpuMs(): number {
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat; after the ") " split they sit at 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  }

  /** Resident memory in MiB, from /proc. */
  rssMiB(): number {
    const line = readFileSync(`/proc/${this.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : 0;
  }
}
