// A swarm worker process: opens its share of the devices at a paced rate,
// keeps them alive, acks and counts pushes, reconnects closed sockets, and
// answers the controller over IPC. It stops by itself at its deadline or when
// the controller goes away, so an interrupted run leaves nothing behind.
import { SimDevice, type DeviceEvents } from './device.js';
import { EMPTY_STATS, type Collected, type ControllerMessage, type WorkerConfig, type WorkerMessage, type WorkerStats } from './ipc.js';
import { encodeHistogram, newHistogram, nowMs } from './latency.js';

const PACE_MS = 10;
// Often enough that a wait on the summed counters ends within a tenth of a second of the last delivery;
// a report is a few hundred bytes.
const STATS_MS = 100;
const HEARTBEAT_SWEEP_MS = 1000;

class Fleet implements DeviceEvents {
  readonly stats: WorkerStats = { ...EMPTY_STATS };
  private readonly devices: SimDevice[] = [];
  private seen = new Set<string>();
  private histogram = newHistogram();
  private firstAt = 0;
  private lastAt = 0;
  private receivedTotal = 0;
  private ackedTotal = 0;
  private next = 0;
  private allowance = 0;
  private lastPace = Date.now();
  private stopping = false;
  private dirty: SimDevice[] = [];
  private flushQueued = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly reconnectTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly config: WorkerConfig) {
    for (let i = 0; i < config.devices; i++) {
      const g = config.firstDevice + i;
      const address = config.localAddresses[Math.floor(g / config.devicesPerAddress) % config.localAddresses.length]!;
      const port = config.firstLocalPort + (g % config.devicesPerAddress);
      this.devices.push(new SimDevice(g, `${config.devicePrefix}-${g}`, config.apps, address, port, this));
    }
  }

  start(): void {
    this.timers.push(setInterval(() => this.pace(), PACE_MS));
    this.timers.push(setInterval(() => this.heartbeat(), HEARTBEAT_SWEEP_MS));
    this.timers.push(setInterval(() => send({ type: 'stats', stats: this.stats }), STATS_MS));
    this.timers.push(setTimeout(() => this.stop(), Math.max(0, this.config.deadline - Date.now())));
  }

  /** Token bucket: at most connectRate opens a second, at most maxPendingConnects in flight. */
  private pace(): void {
    const now = Date.now();
    const rate = this.config.connectRate;
    this.allowance = Math.min(this.allowance + (rate * (now - this.lastPace)) / 1000, Math.max(1, rate / 10));
    this.lastPace = now;
    while (this.allowance >= 1 && this.next < this.devices.length && this.stats.connecting < this.config.maxPendingConnects) {
      this.allowance -= 1;
      this.open(this.devices[this.next++]!);
    }
  }

  private open(device: SimDevice): void {
    this.stats.connecting++;
    device.connect(this.config.url);
  }

  private heartbeat(): void {
    const now = Date.now();
    for (const d of this.devices) {
      // Half the announced interval: well inside the server's idle timeout even when a sweep runs late.
      if (d.state === 'ready' && d.heartbeatMs > 0 && now - d.lastSentAt >= d.heartbeatMs / 2) d.ping(now);
    }
  }

  welcomed(device: SimDevice, first: boolean): void {
    this.stats.connecting--;
    this.stats.ready++;
    this.stats.opens++;
    if (first) this.stats.welcomed++;
    const now = Date.now();
    if (this.stats.firstWelcomeAt === 0) this.stats.firstWelcomeAt = now;
    this.stats.lastWelcomeAt = now;
    device.lastSentAt = now;
  }

  push(device: SimDevice, messageId: string, sentAt: number): void {
    const at = nowMs();
    this.stats.received++;
    this.receivedTotal++;
    const key = `${device.index}|${messageId}`;
    if (this.seen.has(key)) {
      this.stats.dups++;
    } else {
      this.seen.add(key);
      this.stats.unique++;
      if (sentAt > 0) this.histogram.recordValue(Math.max(1, Math.round((at - sentAt) * 1000)));
    }
    if (this.firstAt === 0) this.firstAt = at;
    this.lastAt = at;
    // Acks of one tick leave together, one Ack frame per device, as the SDK batches them.
    device.acks.push(messageId);
    if (device.acks.length === 1) this.dirty.push(device);
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.flushAcks());
    }
  }

  private flushAcks(): void {
    this.flushQueued = false;
    const dirty = this.dirty;
    this.dirty = [];
    let sent = 0;
    for (const d of dirty) sent += d.flushAcks();
    this.stats.acked += sent;
    this.ackedTotal += sent;
  }

  failed(_device: SimDevice, reason: string): void {
    this.stats.errors++;
    this.stats.lastError = reason;
  }

  closed(device: SimDevice, wasReady: boolean, hintMs: number | undefined): void {
    this.stats.closes++;
    if (wasReady) this.stats.ready--;
    else this.stats.connecting--;
    if (this.stopping) return;
    if (device.reconnects >= this.config.maxReconnects) {
      this.stats.gaveUp++;
      return;
    }
    device.reconnects++;
    this.stats.reconnects++;
    // Exponential backoff with jitter, so a restarting server is not hit by every device in the same millisecond.
    const base = hintMs ?? Math.min(10_000, 250 * 2 ** Math.min(device.reconnects, 6));
    const timer = setTimeout(() => {
      this.reconnectTimers.delete(timer);
      if (!this.stopping) this.open(device);
    }, base + Math.random() * base * 0.5);
    this.reconnectTimers.add(timer);
  }

  reset(): void {
    // Acks still waiting for this tick's flush belong to the counts being cleared.
    this.flushAcks();
    this.seen = new Set();
    this.histogram = newHistogram();
    this.firstAt = 0;
    this.lastAt = 0;
    Object.assign(this.stats, { received: 0, unique: 0, dups: 0, acked: 0 });
  }

  collect(): Collected {
    // A collect can arrive in the same tick as the pushes it should account for:
    // their acks go out now, so `acked` covers everything `received` counts.
    this.flushAcks();
    const { received, unique, dups, acked } = this.stats;
    return {
      received, unique, dups, acked, receivedTotal: this.receivedTotal, ackedTotal: this.ackedTotal,
      firstAt: this.firstAt, lastAt: this.lastAt, histogram: encodeHistogram(this.histogram),
    };
  }

  tokens(): string[] {
    return this.devices.filter((d) => d.state === 'ready').map((d) => d.token);
  }

  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    for (const t of this.reconnectTimers) clearTimeout(t);
    for (const d of this.devices) d.close();
    this.stats.ready = 0;
    this.stats.connecting = 0;
    send({ type: 'stopped', stats: this.stats }, () => process.exit(0));
  }
}

function send(message: WorkerMessage, done?: () => void): void {
  if (process.connected) process.send!(message, undefined, undefined, () => done?.());
  else done?.();
}

let fleet: Fleet | undefined;
process.on('message', (message: ControllerMessage) => {
  switch (message.type) {
    case 'start':
      fleet = new Fleet(message.config);
      fleet.start();
      return;
    case 'reset':
      fleet?.reset();
      return send({ type: 'reply', id: message.id, data: null });
    case 'collect':
      return send({ type: 'reply', id: message.id, data: fleet?.collect() ?? null });
    case 'tokens':
      return send({ type: 'reply', id: message.id, data: fleet?.tokens() ?? [] });
    case 'stop':
      if (fleet) fleet.stop();
      else process.exit(0);
      return;
  }
});
// The controller died or was killed: nobody will read our counters, so leave
// (through stop, so the sockets are reset and leave no TIME_WAIT behind).
process.on('disconnect', () => (fleet ? fleet.stop() : process.exit(0)));
