// Runs the real `homing` CLI as a child process, for tests of what a user runs.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

const BIN = new URL('../../bin/homing.js', import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function homing(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
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
export function startHomingProcess(env: Record<string, string>): Promise<RunningHoming> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
