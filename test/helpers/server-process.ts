// Runs an infrastructure server binary (nats-server, redis-server) as a child
// process for a test, and knows when it is ready by the line it logs: tests wait
// on that event, never on a sleep.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian installs nats-server in /usr/sbin, which is not on every user's PATH. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin'];

/** The binary's full path, or an error that says how to install it. */
export function findBinary(name: string, debianPackage: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this directory
    }
  }
  throw new Error(`${name} not found on PATH or in ${EXTRA_DIRS.join(', ')}; install it (Debian: apt-get install -y ${debianPackage}; .ci/run does)`);
}

export interface ReadyProcess {
  child: ChildProcess;
  /** The first match of the ready pattern. */
  match: RegExpMatchArray;
  /** Resolves when the process has exited (at once if it already has). */
  exited: Promise<void>;
}

/**
 * Spawns `bin` and resolves once its output matches `ready`. Rejects, with the
 * output so far, when the process exits first.
 */
export function spawnUntilReady(bin: string, args: string[], ready: RegExp): Promise<ReadyProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // A test run that ends without stopping the server (a crash, a missing
    // teardown) must not leave it running: kill it as this process exits.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const exited = new Promise<void>((r) =>
      child.once('exit', () => {
        process.removeListener('exit', killOnExit);
        r();
      }),
    );
    let output = '';
    let done = false;
    const onData = (chunk: Buffer) => {
      if (done) return;
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        done = true;
        resolve({ child, match, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (err) => {
      done = true;
      reject(err);
    });
    child.once('exit', (code, signal) => {
      if (done) return;
      done = true;
      reject(new Error(`${bin} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
}

/** Sends `signal` and waits for the exit; a process already gone is fine. */
export async function stopProcess(running: ReadyProcess, signal: NodeJS.Signals): Promise<void> {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill(signal);
  await running.exited;
}
