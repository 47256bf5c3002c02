// CI smoke of the load tools: runs `npm run bench:smoke` (a real Homing, the
// baseline and the plain relay, a swarm of worker processes, every scenario
// scaled down to seconds) and checks that it completed with every delivery
// made exactly once and counted exactly once by Homing (the bench's
// accounting). It asserts correctness only — figures and targets are judged
// in the report, never here, because timings on a shared machine are noise.
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

  it('drives Homing and both baselines through every scenario with no lost, duplicate or miscounted delivery', async () => {
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
      // The memory scenario read anonymous RSS before and after its stream, and the unicast steps the RSS split.
      expect(r!.memory!.delivered, `${target} memory stream`).toBeGreaterThan(0);
      expect(r!.memory!.idleAnonBytes).toBeGreaterThan(0);
      expect(r!.memory!.afterAnonBytes).toBeGreaterThan(0);
      expect(r!.unicast!.memAfter.anon).toBeGreaterThan(0);
      expect(r!.unicast!.memAfter.file).toBeGreaterThan(0);
    }
    // The relay is a unicast baseline: it connected everyone and relayed every push once.
    const relay = report.results.relay!;
    expect(relay.failures).toEqual([]);
    expect(relay.idle!.connected).toBe(report.plan.devices);
    expect(relay.unicast!.steps.reduce((n, s) => n + s.delivered, 0)).toBeGreaterThan(0);
    expect(lossByScenario(relay).every((x) => x.lost === 0 && x.dups === 0)).toBe(true);

    // Accounting: for every Homing scenario that pushed, what went in came out and was counted once.
    const ledgers = report.results.homing!.accounting;
    expect(ledgers.map((a) => a.scenario).sort()).toEqual(['broadcast', 'ingestion', 'memory stream', 'token_list', 'unicast']);
    for (const a of ledgers) {
      expect({ scenario: a.scenario, problems: a.problems }).toEqual({ scenario: a.scenario, problems: [] });
      expect(a.pushes, a.scenario).toBeGreaterThan(0);
      expect(a.acksSent, a.scenario).toBe(a.received);
      expect(a.acksCounted, a.scenario).toBe(a.acksSent);
      expect(a.arrivals!.checked, a.scenario).toBeGreaterThan(0);
      expect(a.arrivals!.arrived, a.scenario).toBe(a.arrivals!.expected);
      expect(a.offlineDepth, a.scenario).toBe(0);
    }
    for (const target of ['baseline', 'relay'] as const) {
      for (const a of report.results[target]!.accounting) expect({ target, scenario: a.scenario, problems: a.problems }).toEqual({ target, scenario: a.scenario, problems: [] });
    }
    // The baseline always broadcasts; Homing may answer "not available yet" until `all` lands.
    expect(report.results.baseline!.broadcast!.available).toBe(true);
    expect(report.verdicts.length).toBeGreaterThan(0);
    expect(code, output).toBe(0);
  }, 120_000);
});
