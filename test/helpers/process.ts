// Runs the real `homing` CLI as a child process, for tests of what a user runs.
// It runs the TypeScript sources through tsx, as `npm run dev` does, so a test
// always sees the working tree and never a stale dist/; test/e2e/build.test.ts
// covers the compiled entry (bin/homing.js).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

export { freePort } from '../../src/free-port.js';

const CLI = ['--import', 'tsx', new URL('../../src/cli/main.ts', import.meta.url).pathname];
/** What `npm start` and service managers run: bin/homing.js, which loads dist/. */
export const COMPILED_CLI = [new URL('../../bin/homing.js', import.meta.url).pathname];

export interface CliOptions {
  /** Runs the CLI as another user (a root test process checking permissions). */
  uid?: number;
  gid?: number;
  /** Node arguments before the CLI's own; the TypeScript sources through tsx by default. */
  cli?: string[];
}


export async function homing(
  args: string[],
  env: Record<string, string>,
  { cli = CLI, ...as }: CliOptions = {},
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...cli, ...args], { env: { ...process.env, ...env }, ...as });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

export interface RunningHoming {
  child: ChildProcess;
  stdout: string;
  exited: Promise<number | null>;
}

/** Starts `homing start` and resolves once it prints where it listens. */
export function startHomingProcess(env: Record<string, string>, cli = CLI): Promise<RunningHoming> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cli, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const running: RunningHoming = {
      child,
      stdout: '',
      exited: new Promise((r) => child.once('exit', (code) => r(code))),
    };
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.on('data', (d) => {
      running.stdout += d;
      if (running.stdout.includes('listening on')) resolve(running);
    });
    child.once('exit', (code) => reject(new Error(`homing exited with ${code} before listening: ${stderr}`)));
  });
}
