// A real redis-server for a test: a free port, its data in a temp dir, with the
// append-only file on and fsynced on every write (appendfsync always), which is
// how a cluster that promises "ret_code 0 is never lost" must run Redis. stop()
// removes it; restart() comes back on the same port and data, so tests can
// kill -9 Redis and check what survived.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './process.js';
import { findBinary, spawnUntilReady, stopProcess, type ReadyProcess } from './server-process.js';

export interface TestRedisServer {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Stops the server (SIGKILL when `kill`, else a clean shutdown) and starts it again on the same port and data. */
  restart(options?: { kill?: boolean }): Promise<void>;
  /** Stops the server and deletes its data dir. */
  stop(): Promise<void>;
}

export async function startRedisServer(): Promise<TestRedisServer> {
  const bin = findBinary('redis-server', 'redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'homing-redis-'));
  const launch = (port: number) =>
    spawnUntilReady(
      bin,
      [
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--dir', dir,
        '--appendonly', 'yes',
        '--appendfsync', 'always',
        '--save', '',
        '--daemonize', 'no',
        '--logfile', '',
      ],
      /Ready to accept connections/,
    );
  let running: ReadyProcess | undefined;
  let port = 0;
  // Redis cannot pick its own port (0 means "no TCP"): take a free one, and try
  // again in the rare case another process grabbed it in between.
  for (let attempt = 0; !running; attempt++) {
    port = await freePort();
    try {
      running = await launch(port);
    } catch (err) {
      if (attempt >= 2 || !/Address already in use/.test(String(err))) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
  let current: ReadyProcess = running;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(options = {}) {
      await stopProcess(current, options.kill ? 'SIGKILL' : 'SIGTERM');
      current = await launch(port);
    },
    async stop() {
      await stopProcess(current, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
