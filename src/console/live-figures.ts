// Live figures for the console's dashboard: once a second, the connected
// devices of this gateway node and the pushes, deliveries and acks per second,
// read from the process's Metrics registry. The last five minutes are kept so
// a dashboard opened now draws its charts at once.
//
// They reach the browser as server-sent events (GET /api/live). The HTTP layer
// answers whole responses, so each response holds the samples the browser has
// not seen (waiting up to WAIT_MS for the next one) and ends; EventSource
// reconnects by itself, sending Last-Event-ID. One request per second per open
// dashboard, never more, however many figures change.
import type { Metrics } from '../metrics.js';

export interface LiveSample {
  /** Increasing sample number, the SSE event id. */
  id: number;
  /** ms since epoch. */
  at: number;
  node: string;
  connectedDevices: number;
  connectedSockets: number;
  pushesPerSecond: number;
  deliveriesPerSecond: number;
  acksPerSecond: number;
}

const SAMPLE_MS = 1000;
/** Five minutes of one-second samples. */
const KEEP = 300;
/** A held /api/live response ends after this long even without a new sample. */
export const WAIT_MS = 2500;

export class LiveFigures {
  private readonly samples: LiveSample[] = [];
  private waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private last: { at: number; pushes: number; deliveries: number; acks: number } | undefined;
  private nextId = 1;

  constructor(private readonly metrics: Metrics, private readonly node: string, private readonly now: () => number = Date.now) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sample(), SAMPLE_MS);
    this.timer.unref();
    void this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const wake of this.waiters) wake();
    this.waiters = [];
  }

  /** Samples after `afterId`; when there are none yet, waits for the next (at most `waitMs`). */
  async after(afterId: number, waitMs = WAIT_MS): Promise<LiveSample[]> {
    const newer = () => this.samples.filter((s) => s.id > afterId);
    if (newer().length > 0 || !this.timer) return newer();
    await new Promise<void>((resolve) => {
      const timeout = setTimeout(done, waitMs);
      function done() {
        clearTimeout(timeout);
        resolve();
      }
      this.waiters.push(done);
    });
    return newer();
  }

  private async sample(): Promise<void> {
    const m = this.metrics;
    const [pushes, deliveries, acks, devices, sockets] = await Promise.all([total(m.pushesAccepted), total(m.deliveries), total(m.acks), total(m.connectedDevices), total(m.connectedSockets)]);
    const at = this.now();
    const prev = this.last;
    const rate = (nowValue: number, before: number | undefined) => (prev && before !== undefined && at > prev.at ? Math.max(0, ((nowValue - before) * 1000) / (at - prev.at)) : 0);
    this.samples.push({
      id: this.nextId++,
      at,
      node: this.node,
      connectedDevices: devices,
      connectedSockets: sockets,
      pushesPerSecond: round(rate(pushes, prev?.pushes)),
      deliveriesPerSecond: round(rate(deliveries, prev?.deliveries)),
      acksPerSecond: round(rate(acks, prev?.acks)),
    });
    if (this.samples.length > KEEP) this.samples.shift();
    this.last = { at, pushes, deliveries, acks };
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** The sum over every label set of a prom-client counter or gauge. */
async function total(metric: { get(): Promise<{ values: Array<{ value: number }> }> | { values: Array<{ value: number }> } }): Promise<number> {
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** An SSE body: a retry hint, then one `live` event per sample. */
export function sseBody(samples: readonly LiveSample[]): string {
  let body = 'retry: 500\n\n';
  for (const s of samples) body += `id: ${s.id}\nevent: live\ndata: ${JSON.stringify(s)}\n\n`;
  return body;
}
