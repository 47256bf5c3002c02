// The bench's decisions that need no servers: which arrivals it samples, how
// it reads /metrics, and when a run's counts make it exit 1. The smoke test
// drives the whole path against real servers; these pin the rules it relies on.
import { describe, expect, it } from 'vitest';
import type { Accounting } from './accounting.js';
import { sampleIndexes } from './accounting.js';
import { metricValue } from './homing-probe.js';
import { clientCosts, countingFailures, judge, serverBudget, type TargetResult } from './verdicts.js';
import type { IngestionFigures } from './scenarios/ingestion.js';

function ledger(overrides: Partial<Accounting> = {}): Accounting {
  return {
    scenario: 'unicast', pushes: 10, expected: 10, slack: 0, received: 10, dups: 0, lost: 0, extra: 0,
    acksSent: 10, acksCounted: 10, arrivals: { checked: 10, sampled: false, expected: 10, arrived: 10 }, offlineDepth: 0,
    problems: [], ...overrides,
  };
}

describe('arrival sampling', () => {
  it('checks every push up to the limit', () => {
    expect(sampleIndexes(5, 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes every k-th push beyond it, over the whole scenario, never more than the limit', () => {
    const picked = sampleIndexes(10_001, 1000);
    expect(picked.length).toBeLessThanOrEqual(1000);
    expect(picked[0]).toBe(0);
    expect(picked[picked.length - 1]).toBeGreaterThan(9_900);
  });
});

describe('metricValue', () => {
  const text = '# HELP homing_acks_total Deliveries acked\n# TYPE homing_acks_total counter\nhoming_acks_total 1234\n'
    + 'homing_acks_total_created 5\nhoming_offline_queue_depth 0\n';

  it('reads an unlabelled sample by its exact name', () => {
    expect(metricValue(text, 'homing_acks_total')).toBe(1234);
    expect(metricValue(text, 'homing_offline_queue_depth')).toBe(0);
  });

  it('throws when the metric is missing rather than reading it as 0', () => {
    expect(() => metricValue(text, 'homing_inflight_deliveries')).toThrow(/no homing_inflight_deliveries/);
  });
});

describe('countingFailures (what makes the bench exit 1)', () => {
  const result = (accounting: Accounting[]): TargetResult => ({ failures: [], accounting });

  it('is empty when every scenario balanced', () => {
    expect(countingFailures({ homing: result([ledger()]), baseline: result([ledger({ acksCounted: null })]) })).toEqual([]);
  });

  it('names a scenario whose counts differ, whatever the difference', () => {
    const problems = ['homing_acks_total grew by 9, the swarm sent 10 acks'];
    expect(countingFailures({ homing: result([ledger(), ledger({ scenario: 'token_list', acksCounted: 9, problems })]) }))
      .toEqual([`homing token_list: ${problems[0]}`]);
  });

  it('names lost and duplicate deliveries of a scenario', () => {
    const r = result([]);
    r.tokenList = {
      listSize: 2, pushes: 1, rejected: 0, expected: 2, delivered: 1, lost: 1, dups: 1,
      seconds: 1, deliveriesPerSec: 1, cpuUsPerDelivery: 1, p50Ms: 1, p99Ms: 1,
    };
    expect(countingFailures({ relay: r })).toEqual(['relay token_list: 1 lost, 1 duplicate']);
  });

  it('fails the accounting verdict for Homing when a scenario did not balance', () => {
    const bad = ledger({ scenario: 'ingestion', offlineDepth: 3, problems: ['homing_offline_queue_depth still 3'] });
    const verdict = judge(result([ledger(), bad]), undefined).find((v) => v.target.startsWith('Homing: accepted'));
    expect(verdict?.pass).toBe(false);
    expect(verdict?.note).toContain('ingestion: homing_offline_queue_depth still 3');
  });
});

describe('the ingestion budget the clients leave the server', () => {
  const run = (loadCpuUsPerRequest: number, swarmCpuUsPerRequest: number, expected: number) =>
    ({ requests: 1000, expected, loadCpuUsPerRequest, swarmCpuUsPerRequest, cpus: 2 }) as IngestionFigures;

  it('takes the lowest autocannon cost of any run and the lowest swarm cost of the runs that delivered', () => {
    // The second run delivered nothing: its swarm figure (1 µs) is not a delivery's cost.
    expect(clientCosts([run(40, 25, 1000), run(30, 1, 0), run(35, 20, 1000)])).toEqual({ loadUs: 30, swarmUs: 20, cpus: 2 });
    expect(clientCosts([run(30, 1, 0), undefined])).toBeUndefined();
  });

  it('charges the clients their CPU at the target rate and gives the server the rest', () => {
    // 10,000 req/s × 50 µs = 0.5 cores for the clients; 1.5 cores left = 150 µs per request.
    expect(serverBudget({ loadUs: 30, swarmUs: 20, cpus: 2 }, 10_000)).toEqual({ clientCores: 0.5, serverUs: 150 });
  });

  it('leaves nothing when the clients alone fill the machine', () => {
    expect(serverBudget({ loadUs: 30, swarmUs: 20, cpus: 2 }, 40_000).serverUs).toBe(0); // 40,000 × 50 µs = 2 cores
    expect(serverBudget({ loadUs: 30, swarmUs: 20, cpus: 2 }, 50_000).serverUs).toBeLessThan(0);
  });
});
