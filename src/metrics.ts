// Prometheus metrics for one process. Built once by the composition root and
// passed to the components that count; each process has its own registry so
// tests can run several servers side by side.
import { readdir } from 'node:fs/promises';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

const OPEN_FDS = 'homing_process_open_fds';

/**
 * How often the event loop lag histogram samples. prom-client's default (10 ms)
 * is a timer that wakes the loop 100 times a second for ever: an idle process
 * holding 10,000 sockets spent ~8 ms of CPU a second on it alone, ~1 ms at
 * 100 ms. `nodejs_eventloop_lag_seconds` is measured at each scrape either way.
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

export class Metrics {
  readonly registry = new Registry();
  readonly connectedSockets = new Gauge({ name: 'homing_connected_sockets', help: 'Device sockets past hello', registers: [this.registry] });
  readonly connectedDevices = new Gauge({ name: 'homing_connected_tokens', help: 'App tokens online (one socket carries several)', registers: [this.registry] });
  readonly framesIn = foldedCounter(this.registry, 'homing_frames_in_total', 'Device frames received', ['type'], () => this.inByType.values());
  readonly framesOut = foldedCounter(this.registry, 'homing_frames_out_total', 'Frames sent to devices', ['type'], () => this.outByType.values());
  readonly connectionsRefused = new Counter({ name: 'homing_connections_refused_total', help: 'Device upgrades answered 503 at the connection cap', registers: [this.registry] });
  readonly deviceErrors = new Counter({ name: 'homing_device_errors_total', help: 'Error frames sent to devices, by code; each ends its socket except 4112 (a frame type the gateway does not know, ignored)', labelNames: ['code'] as const, registers: [this.registry] });
  readonly pushesAccepted = foldedCounter(this.registry, 'homing_pushes_accepted_total', 'Push API calls answered ret_code 0', ['audience_type'], () => this.acceptedByAudience.values());
  readonly deliveries = foldedCounter(this.registry, 'homing_deliveries_total', 'Targets by the way they went out', ['channel'], () => this.viaChannel.values());
  readonly acks = new Counter({ name: 'homing_acks_total', help: 'Deliveries acked by devices', registers: [this.registry] });
  readonly clicks = new Counter({ name: 'homing_clicks_total', help: 'Click reports from devices', registers: [this.registry] });
  readonly expired = new Counter({ name: 'homing_expired_total', help: 'Offline messages dropped at expiry', registers: [this.registry] });
  readonly offlineOverflow = new Counter({ name: 'homing_offline_overflow_total', help: 'Offline refs dropped because their token queue was full (oldest first)', registers: [this.registry] });
  private inflightSource: (() => number) | undefined;
  /** Read at each scrape from the gateway's own count, so sends and acks do not touch it. */
  readonly inflight = new Gauge({
    name: 'homing_inflight_deliveries',
    help: 'Deliveries sent on this node and not yet acked',
    registers: [this.registry],
    collect: () => {
      if (this.inflightSource) this.inflight.set(this.inflightSource());
    },
  });
  /** Counts per frame type and channel in plain numbers, handed to prom-client at each scrape (fold). */
  private readonly inByType = new Map<string, FoldedCount>();
  private readonly outByType = new Map<string, FoldedCount>();
  private readonly viaChannel = new Map<string, FoldedCount>();
  private readonly acceptedByAudience = new Map<string, FoldedCount>();
  private readonly answersByPath = new Map<string, Map<number, FoldedCount>>();
  readonly recoveredTargets = new Counter({ name: 'homing_recovered_targets_total', help: 'Unacked targets put back in offline storage by crash recovery', registers: [this.registry] });
  private depthSource: (() => Promise<number>) | undefined;
  /** Read from the store at each scrape, so it is current right after a drain. */
  readonly offlineDepth = new Gauge({
    name: 'homing_offline_queue_depth',
    help: 'Offline refs waiting in storage (committed)',
    registers: [this.registry],
    collect: async () => {
      if (this.depthSource) this.offlineDepth.set(await this.depthSource());
    },
  });
  readonly restRequests = foldedCounter(this.registry, 'homing_rest_requests_total', 'REST API answers by path and ret_code', ['path', 'ret_code'],
    () => [...this.answersByPath.values()].flatMap((byCode) => [...byCode.values()]));
  readonly devicesExpired = new Counter({ name: 'homing_devices_expired_total', help: 'Device records removed after HOMING_DEVICE_EXPIRE_DAYS unused', registers: [this.registry] });
  readonly historyPruned = new Counter({ name: 'homing_push_history_pruned_total', help: 'Pushes forgotten after HOMING_PUSH_HISTORY_DAYS (record, listing, counters)', registers: [this.registry] });

  inflightFrom(source: () => number): void {
    this.inflightSource = source;
  }

  /** homing_frames_in_total for one frame type: a plain count, folded in at each scrape. */
  frameIn(type: string): FoldedCount {
    return countIn(this.inByType, 'type', type);
  }

  /** homing_deliveries_total for one channel. */
  deliveredVia(channel: string): FoldedCount {
    return countIn(this.viaChannel, 'channel', channel);
  }

  /** homing_pushes_accepted_total for one audience type. */
  pushAccepted(audienceType: string): FoldedCount {
    return countIn(this.acceptedByAudience, 'audience_type', audienceType);
  }

  /** homing_rest_requests_total for one path and ret_code. */
  restAnswer(path: string, retCode: number): FoldedCount {
    let byCode = this.answersByPath.get(path);
    if (!byCode) this.answersByPath.set(path, (byCode = new Map()));
    let count = byCode.get(retCode);
    if (!count) byCode.set(retCode, (count = new FoldedCount({ path, ret_code: String(retCode) })));
    return count;
  }

  frameOut(type: string): FoldedCount {
    return countIn(this.outByType, 'type', type);
  }

  offlineDepthFrom(source: () => Promise<number>): void {
    this.depthSource = source;
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'homing_', eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
    // prom-client counts open fds with readdirSync of /proc/self/fd: with every
    // device socket an fd, a scrape blocked the event loop ~30 ms at 10,000
    // devices. The same gauge, read off the main thread.
    if (this.registry.getSingleMetric(OPEN_FDS)) {
      this.registry.removeSingleMetric(OPEN_FDS);
      new Gauge({
        name: OPEN_FDS, help: 'Number of open file descriptors.', registers: [this.registry],
        async collect() {
          try {
            // Minus the fd the directory read itself held.
            this.set((await readdir('/proc/self/fd')).length - 1);
          } catch {
            // No /proc: the gauge stays unset, as prom-client's did.
          }
        },
      });
    }
  }
}

/**
 * A labelled counter's value kept in a plain number on the per-frame path (a
 * prom-client child's inc looks its series up by label hash on every call:
 * ~3 % of the main thread's CPU under a broadcast's acks) and added to the
 * prom-client counter when it is scraped.
 */
export class FoldedCount {
  n = 0;
  reported = 0;

  constructor(readonly labels: Readonly<Record<string, string>>) {}

  inc(k = 1): void {
    this.n += k;
  }
}

function countIn(counts: Map<string, FoldedCount>, labelName: string, label: string): FoldedCount {
  let count = counts.get(label);
  if (!count) counts.set(label, (count = new FoldedCount({ [labelName]: label })));
  return count;
}

/** A labelled counter whose values are FoldedCounts, added in at each scrape. */
function foldedCounter<L extends string>(
  registry: Registry, name: string, help: string, labelNames: readonly L[], counts: () => Iterable<FoldedCount>,
): Counter<L> {
  const counter: Counter<L> = new Counter({
    name, help, labelNames, registers: [registry],
    collect: () => {
      for (const count of counts()) {
        const delta = count.n - count.reported;
        if (delta <= 0) continue;
        count.reported = count.n;
        counter.inc(count.labels as Partial<Record<L, string>>, delta);
      }
    },
  });
  return counter;
}
