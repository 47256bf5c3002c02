// What every scenario gets: the server under test, a connected swarm, the
// swarm's tokens and a REST pusher, plus the waiting rule they all share.
import { summarize, type LatencySummary } from '../../loadtest/latency.js';
import type { Pusher } from '../../loadtest/pusher.js';
import type { Swarm, SwarmCollected } from '../../loadtest/swarm.js';
import type { Plan } from '../plan.js';
import type { ServerUnderTest } from '../servers.js';

export interface ScenarioContext {
  plan: Plan;
  server: ServerUnderTest;
  swarm: Swarm;
  /** One per connected device (first app). */
  tokens: string[];
  pusher: Pusher;
  log(line: string): void;
}

/** Loss and duplicates every scenario reports. */
export interface DeliveryCount {
  expected: number;
  delivered: number;
  lost: number;
  dups: number;
}

/**
 * Waits until the swarm holds `expected` distinct deliveries since its last
 * reset, or `timeoutMs` passes; then collects. What is missing at that point
 * counts as lost: at-least-once means late is as bad as never for a bench.
 */
export async function settle(swarm: Swarm, expected: number, timeoutMs: number): Promise<{ collected: SwarmCollected; count: DeliveryCount }> {
  const end = Date.now() + timeoutMs;
  await swarm.waitUntil((s) => s.unique >= expected, timeoutMs, 50);
  // Counters reach the controller every 100 ms; a collect asks every worker now.
  let collected = await swarm.collect();
  while (collected.unique < expected && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    collected = await swarm.collect();
  }
  return {
    collected,
    count: { expected, delivered: collected.unique, lost: Math.max(0, expected - collected.unique), dups: collected.dups },
  };
}

export function latencyOf(collected: SwarmCollected): LatencySummary {
  return summarize(collected.histogram);
}

/** µs of server CPU per unit of work; 0 when there was no work. */
export function usPer(cpuMs: number, units: number): number {
  return units > 0 ? Math.round((cpuMs * 1000) / units * 10) / 10 : 0;
}
