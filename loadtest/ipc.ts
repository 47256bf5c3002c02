// The messages between the swarm controller and its worker processes. Workers
// own sockets; the controller only ever sees counters, tokens and encoded
// histograms, so a worker holding 15,000 sockets sends a few kilobytes a
// second over IPC.

export interface AppCredential {
  accessId: string;
  accessKey: string;
}

export interface WorkerConfig {
  /** Worker number, 0-based; also a part of every device id. */
  worker: number;
  url: string;
  /** Global index of this worker's first device; devices are numbered across the whole swarm. */
  firstDevice: number;
  devices: number;
  /** New sockets per second this worker may open (its share of --rate). */
  connectRate: number;
  /** Connects in flight at once (open sent, welcome not yet back); keeps the server's SYN backlog from overflowing. */
  maxPendingConnects: number;
  apps: AppCredential[];
  /** Source addresses in order: device g uses localAddresses[floor(g / devicesPerAddress) % length]. */
  localAddresses: string[];
  devicesPerAddress: number;
  /** Device g's first connect uses source port firstLocalPort + g % devicesPerAddress. */
  firstLocalPort: number;
  /** Epoch ms after which the worker closes every socket and exits on its own. */
  deadline: number;
  /** Reconnects allowed per device before it gives up (0 = never reconnect). */
  maxReconnects: number;
  /** Run-unique prefix of device ids, so two runs against one data dir do not collide. */
  devicePrefix: string;
}

/** Cumulative counters since the worker started, except the delivery ones (since the last reset). */
export interface WorkerStats {
  /** Sockets holding a welcome right now. */
  ready: number;
  /** Devices that got their first welcome (each counted once). */
  welcomed: number;
  /** Connects in flight. */
  connecting: number;
  /** Welcomes, reconnects included. */
  opens: number;
  closes: number;
  reconnects: number;
  /** Socket errors, failed connects, error frames. */
  errors: number;
  /** Devices that stopped reconnecting. */
  gaveUp: number;
  /** Push frames since the last reset, duplicates included. */
  received: number;
  unique: number;
  dups: number;
  /** Message ids sent back in Ack frames since the last reset (a duplicate is acked again). */
  acked: number;
  lastError: string;
  /** Epoch ms of the first and the latest welcome (0 = none yet): the connect rate is welcomes over that span. */
  firstWelcomeAt: number;
  lastWelcomeAt: number;
}

export const EMPTY_STATS: WorkerStats = {
  ready: 0, welcomed: 0, connecting: 0, opens: 0, closes: 0, reconnects: 0, errors: 0, gaveUp: 0,
  received: 0, unique: 0, dups: 0, acked: 0, lastError: '', firstWelcomeAt: 0, lastWelcomeAt: 0,
};

export interface Collected {
  received: number;
  unique: number;
  dups: number;
  acked: number;
  /**
   * Push frames received and message ids acked since the worker started, never
   * reset: the bench's accounting compares these with what the server counted,
   * across scenarios that reset the per-step counters.
   */
  receivedTotal: number;
  ackedTotal: number;
  /** Epoch ms (fractional) of the first and last push received since the reset; 0 when none. */
  firstAt: number;
  lastAt: number;
  /** Push.sentAt → receipt latency in µs, hdr-histogram compressed base64. */
  histogram: string;
}

export type ControllerMessage =
  | { type: 'start'; config: WorkerConfig }
  | { type: 'reset'; id: number }
  | { type: 'collect'; id: number }
  | { type: 'tokens'; id: number }
  | { type: 'stop' };

export type WorkerMessage =
  | { type: 'stats'; stats: WorkerStats }
  | { type: 'reply'; id: number; data: unknown }
  | { type: 'stopped'; stats: WorkerStats };

/** Tokens of the first app, one per ready device, in device order. */
export type TokensReply = string[];
