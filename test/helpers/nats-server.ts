// A real nats-server with JetStream for a test: a free port, its store dir in a
// temp dir, stopped and removed by stop(). restart() comes back on the same port
// and store dir, as an operator's restart would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary, spawnUntilReady, stopProcess, type ReadyProcess } from './server-process.js';

export interface TestNatsServer {
  /** nats://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Stops the server (SIGKILL when `kill`, else a clean shutdown) and starts it again on the same port and store. */
  restart(options?: { kill?: boolean }): Promise<void>;
  /** Stops the server and deletes its store dir. */
  stop(): Promise<void>;
}

export async function startNatsServer(): Promise<TestNatsServer> {
  const bin = findBinary('nats-server', 'nats-server');
  const dir = mkdtempSync(join(tmpdir(), 'homing-nats-'));
  // Port -1 lets the server pick a free port itself (no race with another test);
  // the log line that announces it is also the sign that clients can connect.
  const launch = (port: number) =>
    spawnUntilReady(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], /Listening for client connections on [^:\s]+:(\d+)/);
  let running: ReadyProcess;
  try {
    running = await launch(-1);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const port = Number(running.match[1]);
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    async restart(options = {}) {
      await stopProcess(running, options.kill ? 'SIGKILL' : 'SIGTERM');
      running = await launch(port);
    },
    async stop() {
      await stopProcess(running, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
