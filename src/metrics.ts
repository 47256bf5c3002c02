// Prometheus metrics for one process. Built once by the composition root and
// passed to the components that count; each process has its own registry so
// tests can run several servers side by side.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly connectedSockets = new Gauge({ name: 'homing_connected_sockets', help: 'Device sockets past hello', registers: [this.registry] });
  readonly connectedDevices = new Gauge({ name: 'homing_connected_tokens', help: 'App tokens online (one socket carries several)', registers: [this.registry] });
  readonly framesIn = new Counter({ name: 'homing_frames_in_total', help: 'Device frames received', labelNames: ['type'] as const, registers: [this.registry] });
  readonly framesOut = new Counter({ name: 'homing_frames_out_total', help: 'Frames sent to devices', labelNames: ['type'] as const, registers: [this.registry] });
  readonly connectionsRefused = new Counter({ name: 'homing_connections_refused_total', help: 'Device upgrades answered 503 at the connection cap', registers: [this.registry] });
  readonly deviceErrors = new Counter({ name: 'homing_device_errors_total', help: 'Error frames sent to devices, by code; each ends its socket except 4112 (a frame type the gateway does not know, ignored)', labelNames: ['code'] as const, registers: [this.registry] });
  readonly pushesAccepted = new Counter({ name: 'homing_pushes_accepted_total', help: 'Push API calls answered ret_code 0', labelNames: ['audience_type'] as const, registers: [this.registry] });
  readonly deliveries = new Counter({ name: 'homing_deliveries_total', help: 'Targets by the way they went out', labelNames: ['channel'] as const, registers: [this.registry] });
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
  /** Counter children per frame type, bound once: the per-frame path skips label hashing. */
  private readonly inByType = new Map<string, { inc(n?: number): void }>();
  private readonly outByType = new Map<string, { inc(n?: number): void }>();
  private readonly viaChannel = new Map<string, { inc(n?: number): void }>();
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
  readonly restRequests = new Counter({ name: 'homing_rest_requests_total', help: 'REST API answers by path and ret_code', labelNames: ['path', 'ret_code'] as const, registers: [this.registry] });
  readonly devicesExpired = new Counter({ name: 'homing_devices_expired_total', help: 'Device records removed after HOMING_DEVICE_EXPIRE_DAYS unused', registers: [this.registry] });

  inflightFrom(source: () => number): void {
    this.inflightSource = source;
  }

  frameIn(type: string): { inc(n?: number): void } {
    let child = this.inByType.get(type);
    if (!child) this.inByType.set(type, (child = this.framesIn.labels(type)));
    return child;
  }

  /** homing_deliveries_total for one channel, bound once. */
  deliveredVia(channel: string): { inc(n?: number): void } {
    let child = this.viaChannel.get(channel);
    if (!child) this.viaChannel.set(channel, (child = this.deliveries.labels(channel)));
    return child;
  }

  frameOut(type: string): { inc(n?: number): void } {
    let child = this.outByType.get(type);
    if (!child) this.outByType.set(type, (child = this.framesOut.labels(type)));
    return child;
  }

  offlineDepthFrom(source: () => Promise<number>): void {
    this.depthSource = source;
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'homing_' });
  }
}
