// CI smoke of the load tools: runs `npm run bench:smoke` (a real Homing and
// the baseline, a swarm of worker processes, every scenario scaled down to
// seconds) and checks that it completed with every delivery made exactly once.
// It asserts correctness only — figures and targets are judged in the report,
// never here, because timings on a shared machine are noise.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchReport } from './report.js';
import { lossByScenario } from './verdicts.js';

const ROOT = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'homing-smoke-test-'));

function runSmoke(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--fail-on-loss', '--out', out], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('bench smoke', () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('drives Homing and the baseline through every scenario with no lost or duplicate delivery', async () => {
    const { code, output } = await runSmoke();
    const jsonFile = readdirSync(out).find((f) => f.endsWith('.json'));
    expect(jsonFile, output).toBeDefined();
    const report = JSON.parse(readFileSync(join(out, jsonFile!), 'utf8')) as BenchReport;

    for (const target of ['homing', 'baseline'] as const) {
      const r = report.results[target];
      expect(r, `${target} results`).toBeDefined();
      expect(r!.failures, `${target} scenario failures`).toEqual([]);
      // Every device of both idle runs connected, so the swarm's worker split and source addresses work.
      expect(r!.idle!.connected).toBe(report.plan.devices);
      expect(r!.idleBig!.connected).toBe(report.plan.bigDevices);
      // Pushes really flowed: an empty run would pass the loss check vacuously. (Whether a rate was
      // "sustained" is a timing verdict, not asserted: CI machines run other tests beside this one.)
      expect(r!.unicast!.steps.reduce((n, s) => n + s.delivered, 0), `${target} delivered no unicast push`).toBeGreaterThan(0);
      expect(r!.tokenList!.delivered).toBeGreaterThan(0);
      for (const row of lossByScenario(r)) {
        expect({ target, ...row }).toEqual({ target, scenario: row.scenario, expected: row.expected, lost: 0, dups: 0 });
      }
    }
    // The baseline always broadcasts; Homing may answer "not available yet" until `all` lands.
    expect(report.results.baseline!.broadcast!.available).toBe(true);
    expect(report.verdicts.length).toBeGreaterThan(0);
    expect(code, output).toBe(0);
  }, 120_000);
});
