// `npm run fuzz [-- --frames 1000000 --bodies 100000 --seed 1 --sockets 64 --concurrency 16]`
//
// Starts Homing as its own process on a fresh data dir, then sends mutated
// device frames over real WebSockets and mutated REST bodies over real HTTP at
// the same time. Passes when the server is healthy after (a new device
// registers and gets a push), every answer carried a documented code, and the
// data dir holds exactly what the run saw accepted: same apps, devices plus
// the registrations that got a welcome, pushes plus those answered with a
// push_id. Prints the count of each code. Exit code 1 on any finding.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../src/cli/args.js';
import { DeviceError, RetCode } from '../src/errors.js';
import { openStores } from '../src/stores/index.js';
import { countFlag } from './count-flag.js';
import { deviceErrorsFromMetrics, findings, formatReport, runFuzz, seedFuzzData, snapshot } from './fuzz/run.js';

const ROOT = new URL('..', import.meta.url).pathname;

function rssMiB(pid: number): string {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return line ? `${Math.round(Number(line.split(/\s+/)[1]) / 1024)} MiB` : '?';
}

async function main(): Promise<number> {
  const { flags } = parseArgs(process.argv.slice(2));
  const frames = countFlag(flags, 'frames', 1_000_000);
  const bodies = countFlag(flags, 'bodies', 100_000);
  const seed = countFlag(flags, 'seed', 1);
  const sockets = countFlag(flags, 'sockets', 64);
  const concurrency = countFlag(flags, 'concurrency', 16);
  const dataDir = mkdtempSync(join(tmpdir(), 'homing-fuzz-'));
  try {
    const seeding = await openStores('embedded', dataDir);
    const data = await seedFuzzData(seeding, sockets, 200);
    const before = await snapshot(seeding, data.app.accessId);
    await seeding.close();

    // The fuzz is about input, not disks: nosync keeps accepted pushes from pacing it.
    const env = { ...process.env, HOMING_DATA_DIR: dataDir, HOMING_PORT: '0', HOMING_HOST: '127.0.0.1', HOMING_LOG_LEVEL: 'info', HOMING_DURABILITY: 'nosync', HOMING_NODE_ID: 'fuzz' };
    const { child: server, port } = await startServer(env);
    const httpUrl = `http://127.0.0.1:${port}`;
    const pid = server.pid!;
    process.stdout.write(`homing pid ${pid} on port ${port}, RSS ${rssMiB(pid)}; fuzzing ${frames.toLocaleString('en-US')} frames and ${bodies.toLocaleString('en-US')} bodies (seed ${seed})\n`);
    let result;
    let serverErrors;
    try {
      result = await runFuzz(data, { wsUrl: `ws://127.0.0.1:${port}/device`, httpUrl, frames, bodies, seed, maxBodyBytes: 1024 * 1024, concurrency });
      serverErrors = deviceErrorsFromMetrics(await (await fetch(`${httpUrl}/metrics`)).text());
      process.stdout.write(`server RSS after: ${rssMiB(pid)}\n`);
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    const reading = await openStores('embedded', dataDir);
    const after = await snapshot(reading, data.app.accessId);
    await reading.close();
    process.stdout.write(`${formatReport(result, before, after, serverErrors)}\n`);
    const problems = findings(result, before, after, new Set(Object.values(DeviceError)), new Set(Object.values(RetCode)));
    for (const p of problems) process.stdout.write(`FINDING: ${p}\n`);
    process.stdout.write(problems.length === 0 ? 'fuzz: pass\n' : `fuzz: ${problems.length} findings\n`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `homing start` from the sources (no build needed); resolves when it logs its port. */
function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'start'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    process.once('exit', () => child.kill('SIGKILL'));
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /"port":(\d+)/.exec(output);
      if (m) {
        child.stdout!.off('data', onData);
        child.stdout!.resume(); // keep draining its log lines
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`homing exited (${code}) before it listened:\n${output}`)));
  });
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`fuzz failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
