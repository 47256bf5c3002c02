#!/usr/bin/env node
// Start-up time to a first /healthz answer (wall clock, and the CPU time the process used
// until then, which a busy machine inflates less), and resident memory once idle, for the
// compiled build (`node bin/homing.js start`, what `npm start` runs) against the
// TypeScript run through tsx (`npm run dev -- start`). Each is started RUNS times on a
// fresh data dir; the medians are printed as a Markdown table for the README.
//
//   npm run build && node scripts/startup-figures.mjs [--runs 5]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 5;
/** Time after the first /healthz answer before RSS is read: lazy start-up work settles. */
const SETTLE_MS = 2000;

const VARIANTS = [
  { name: 'compiled (`npm start`)', args: [join(root, 'bin/homing.js'), 'start'] },
  { name: 'tsx (`npm run dev -- start`)', args: ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'start'] },
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** utime + stime from /proc/PID/stat, in ms (Linux clock ticks are 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMiB(pid) {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return kb / 1024;
}

/** Polls /healthz every 5 ms; the figure includes that granularity. */
async function untilHealthy(port, exited) {
  for (;;) {
    if (exited.value) throw new Error('homing exited during start-up');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function once(variant) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'homing-startup-'));
  const started = performance.now();
  const child = spawn(process.execPath, variant.args, {
    cwd: root,
    env: { ...process.env, HOMING_PORT: String(port), HOMING_HOST: '127.0.0.1', HOMING_DATA_DIR: dataDir, HOMING_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = { value: false };
  const gone = new Promise((r) => child.once('exit', () => r((exited.value = true))));
  try {
    await untilHealthy(port, exited);
    const ms = performance.now() - started;
    const cpu = cpuMs(child.pid);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return { ms, cpu, rss: rssMiB(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await gone;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`| run (median of ${RUNS}) | start to first /healthz (ms) | CPU used until then (ms) | idle RSS (MiB) |`);
console.log('| --- | --- | --- | --- |');
for (const variant of VARIANTS) {
  const results = [];
  await once(variant); // warm the file cache (and tsx's transform cache) before measuring
  for (let i = 0; i < RUNS; i++) results.push(await once(variant));
  const m = (key) => median(results.map((r) => r[key]));
  console.log(`| ${variant.name} | ${m('ms').toFixed(0)} | ${m('cpu').toFixed(0)} | ${m('rss').toFixed(1)} |`);
}
