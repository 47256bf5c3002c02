// `npm run bench:ingestion` end to end, scaled down: a real Homing, a swarm of
// 100 devices (from 127.0.0.225, clear of the other load tests' blocks) and one 1 s round. Correctness only (the round ran, nothing was
// refused or lost); its figures are for reading, never asserted.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

function probe(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ingestion-probe.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run bench:ingestion', () => {
  it('runs the ingestion scenario against Homing and exits 0 when nothing was refused or lost', async () => {
    const { code, output } = await probe(['--devices', '100', '--ingestion-seconds', '1', '--rounds', '1', '--first-address', '225']);
    expect(code, output).toBe(0);
    const line = /(\d+) accepted, 0 refused, 0 errors, [\d.]+ µs CPU\/request \(main thread [\d.]+; clients: autocannon [\d.]+, swarm [\d.]+; machine \d+ % busy\); delivered (\d+)\/(\d+), lost 0, dups 0/.exec(output);
    expect(line, output).not.toBeNull();
    expect(Number(line![1])).toBeGreaterThan(0);
    expect(Number(line![2])).toBeGreaterThanOrEqual(Number(line![3]));
  }, 120_000);

  it('refuses a flag it does not know before starting anything', async () => {
    const { code, output } = await probe(['--rate', '5']);
    expect(code).not.toBe(0);
    expect(output).toContain('unknown flag --rate');
  }, 60_000);
});
