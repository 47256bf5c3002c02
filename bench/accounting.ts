// Count what goes in and what comes out of every scenario, and fail the bench
// on any difference. In: pushes the server answered ret_code 0 and the
// deliveries they owe (their targets). Out, as the swarm saw it: push frames
// received and message ids acked (cumulative counters that the scenarios'
// per-step resets do not touch). Out, as Homing counted it: the growth of
// homing_acks_total, `arrived` in the statistics of the scenario's pushes, and
// homing_offline_queue_depth back at 0 once the swarm has acked everything.
//
// A scenario balances when nothing was lost or duplicated, the swarm acked
// every frame it got, Homing counted exactly those acks, the statistics show
// every target of the checked pushes arrived, and no offline ref is left.
// Every wait is bounded; what has not balanced by then is reported as it is.
import type { Pusher } from '../loadtest/pusher.js';
import type { Swarm } from '../loadtest/swarm.js';
import type { CountsProbe } from './homing-probe.js';

/** How long counts may take to catch up after a scenario (acks in flight, the depth gauge). */
const CATCH_UP_MS = 10_000;
const POLL_MS = 100;
/** Statistics calls in flight while checking arrivals. */
const STATS_CONCURRENCY = 16;

export interface Accounting {
  scenario: string;
  /** Pushes answered ret_code 0. */
  pushes: number;
  /** Deliveries those pushes owe: the sum of their targets. */
  expected: number;
  /** Deliveries that may come on top: pushes sent and never answered (autocannon stops at its deadline). */
  slack: number;
  /** Push frames the swarm received, duplicates included. */
  received: number;
  dups: number;
  /** Owed and not received (distinct) when the counts were read. */
  lost: number;
  /** Received (distinct) beyond what was owed plus the slack. */
  extra: number;
  /** Message ids the swarm sent back in Ack frames. */
  acksSent: number;
  /** Growth of homing_acks_total over the scenario; null for servers without metrics. */
  acksCounted: number | null;
  /** Statistics `arrived` summed over the checked pushes, against their targets; null without a statistics API. */
  arrivals: { checked: number; sampled: boolean; expected: number; arrived: number } | null;
  /** homing_offline_queue_depth at the end of the bounded wait; null without metrics. */
  offlineDepth: number | null;
  /** Every difference found, in words; empty = the scenario balances. */
  problems: string[];
}

interface Totals {
  received: number;
  acked: number;
}

async function totals(swarm: Swarm): Promise<Totals> {
  const c = await swarm.collect();
  return { received: c.receivedTotal, acked: c.ackedTotal };
}

async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const end = Date.now() + CATCH_UP_MS;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    value = await read();
  }
  return value;
}

/** Every push when there are at most `max`, else every k-th one, evenly over the scenario. */
export function sampleIndexes(count: number, max: number): number[] {
  const step = Math.max(1, Math.ceil(count / Math.max(1, max)));
  const out: number[] = [];
  for (let i = 0; i < count; i += step) out.push(i);
  return out;
}

/**
 * One scenario's ledger: opened before it (snapshots the counters and hooks
 * the pusher), closed after it with what the scenario itself saw.
 */
export class Ledger {
  private readonly pushIds: string[] = [];
  private readonly targets: number[] = [];

  private constructor(
    readonly scenario: string,
    private readonly swarm: Swarm,
    private readonly pusher: Pusher,
    private readonly probe: CountsProbe | undefined,
    private readonly start: Totals,
    private readonly startAcks: number | null,
  ) {
    pusher.onAccepted = (pushId, targets) => this.record(pushId, targets);
  }

  static async open(scenario: string, swarm: Swarm, pusher: Pusher, probe: CountsProbe | undefined): Promise<Ledger> {
    return new Ledger(scenario, swarm, pusher, probe, await totals(swarm), probe ? await probe.acks() : null);
  }

  /** A push answered ret_code 0 that owes `targets` deliveries. */
  record(pushId: string, targets: number): void {
    this.pushIds.push(pushId);
    this.targets.push(targets);
  }

  /**
   * `dups`: duplicates the scenario's own dedup found; `slack`: deliveries that
   * may come from pushes sent but never answered; `arrivalSample`: at most this
   * many pushes get their statistics read.
   */
  async close(opts: { dups: number; slack?: number; arrivalSample: number }): Promise<Accounting> {
    this.pusher.onAccepted = undefined;
    const { dups } = opts;
    const slack = opts.slack ?? 0;
    const expected = this.targets.reduce((n, t) => n + t, 0);
    // Late deliveries: the scenario waited already; this only bridges the last counters' trip.
    const end = await pollUntil(() => totals(this.swarm), (t) => t.received - this.start.received - dups >= expected);
    const received = end.received - this.start.received;
    const acksSent = end.acked - this.start.acked;
    const distinct = received - dups;
    const a: Accounting = {
      scenario: this.scenario, pushes: this.pushIds.length, expected, slack, received, dups,
      lost: Math.max(0, expected - distinct), extra: Math.max(0, distinct - expected - slack),
      acksSent, acksCounted: null, arrivals: null, offlineDepth: null, problems: [],
    };
    if (a.lost > 0) a.problems.push(`${a.lost} of ${expected} deliveries never arrived`);
    if (dups > 0) a.problems.push(`${dups} duplicate deliveries`);
    if (a.extra > 0) a.problems.push(`${a.extra} deliveries more than accepted pushes owe (slack ${slack})`);
    if (acksSent !== received) a.problems.push(`the swarm acked ${acksSent} of ${received} frames it received`);
    if (this.probe && this.startAcks !== null) await this.homingCounts(a, this.probe, this.startAcks, opts.arrivalSample);
    return a;
  }

  private async homingCounts(a: Accounting, probe: CountsProbe, startAcks: number, sample: number): Promise<void> {
    a.acksCounted = (await pollUntil(() => probe.acks(), (n) => n - startAcks >= a.acksSent)) - startAcks;
    if (a.acksCounted !== a.acksSent) a.problems.push(`homing_acks_total grew by ${a.acksCounted}, the swarm sent ${a.acksSent} acks`);
    const picked = sampleIndexes(this.pushIds.length, sample);
    let arrived = 0;
    let owed = 0;
    let next = 0;
    const lane = async () => {
      while (next < picked.length) {
        const i = picked[next++]!;
        // Awaited first: `arrived += await …` would read `arrived` before the await and drop other lanes' sums.
        const n = await probe.arrived(this.pushIds[i]!);
        owed += this.targets[i]!;
        arrived += n;
      }
    };
    await Promise.all(Array.from({ length: STATS_CONCURRENCY }, lane));
    a.arrivals = { checked: picked.length, sampled: picked.length < this.pushIds.length, expected: owed, arrived };
    if (arrived !== owed) {
      a.problems.push(`statistics: ${arrived} arrivals over ${picked.length} checked pushes that owe ${owed}`);
    }
    a.offlineDepth = await pollUntil(() => probe.offlineDepth(), (n) => n === 0);
    if (a.offlineDepth !== 0) a.problems.push(`homing_offline_queue_depth still ${a.offlineDepth} ${CATCH_UP_MS / 1000} s after the scenario`);
  }
}
