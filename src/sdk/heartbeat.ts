// Keeps one socket alive and notices when it has silently died.
//
// The gateway closes a socket it has heard nothing from for the announced
// heartbeat interval plus a grace (4001), so the client pings every interval.
// The other direction matters as much on mobile networks: a NAT or radio that
// drops the connection often sends nothing, and TCP may take many minutes to
// notice. So every ping expects an answer: if no frame at all (pong, push,
// anything) arrives within `pongTimeoutMs` of a ping, the socket is declared
// dead and the client reconnects.

/** Long enough for a 2G radio to wake up and round-trip; short next to a 2-minute heartbeat. */
export const DEFAULT_PONG_TIMEOUT_MS = 20_000;
/** Used when a Welcome leaves the interval at 0: the gateway's own default. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 120_000;

export interface HeartbeatOptions {
  intervalMs: number;
  pongTimeoutMs?: number;
  /** Sends a Ping carrying `clientTime` (ms since epoch). */
  sendPing: (clientTime: number) => void;
  /** The socket is dead: called at most once, after which the heartbeat is stopped. */
  onDead: () => void;
  now?: () => number;
}

export class Heartbeat {
  private readonly intervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly sendPing: (clientTime: number) => void;
  private readonly onDead: () => void;
  private readonly now: () => number;
  private interval: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(options: HeartbeatOptions) {
    this.intervalMs = options.intervalMs > 0 ? options.intervalMs : DEFAULT_HEARTBEAT_INTERVAL_MS;
    this.pongTimeoutMs = options.pongTimeoutMs ?? DEFAULT_PONG_TIMEOUT_MS;
    this.sendPing = options.sendPing;
    this.onDead = options.onDead;
    this.now = options.now ?? Date.now;
  }

  /**
   * Starts pinging every interval. `pingNow` sends the first ping at once, so
   * that the clock offset (see clockOffsetMs) is known early in the session.
   */
  start(pingNow = false): void {
    if (this.stopped || this.interval !== undefined) return;
    this.interval = setInterval(() => this.ping(), this.intervalMs);
    if (pingNow) this.ping();
  }

  /** No pings and no pong deadline until resume(): offline, a ping cannot be answered. */
  pause(): void {
    if (this.interval !== undefined) clearInterval(this.interval);
    this.interval = undefined;
    this.received();
  }

  /** Pings at once and every interval again. */
  resume(): void {
    this.start(true);
  }

  /**
   * Pings now, outside the schedule: after the page comes back to the
   * foreground, when timers may have been throttled and the socket may have
   * died meanwhile, this finds out within `pongTimeoutMs`.
   */
  probe(): void {
    if (this.interval !== undefined) this.ping();
  }

  /** Any frame from the gateway proves the path works. */
  received(): void {
    if (this.pongTimer !== undefined) clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  stop(): void {
    this.stopped = true;
    if (this.interval !== undefined) clearInterval(this.interval);
    this.interval = undefined;
    this.received();
  }

  private ping(): void {
    if (this.stopped) return;
    this.sendPing(this.now());
    // An unanswered earlier ping keeps its deadline: a later ping must not extend it.
    this.pongTimer ??= setTimeout(() => {
      this.pongTimer = undefined;
      if (this.stopped) return;
      this.stop();
      this.onDead();
    }, this.pongTimeoutMs);
  }
}

/**
 * Server clock minus device clock, from one Ping/Pong round trip: the server
 * read its clock about halfway through. Expiry is judged on the server's
 * clock, because a phone's clock can be minutes or hours off.
 */
export function clockOffsetMs(clientTime: number, serverTime: number, receivedAt: number): number {
  return Math.round(serverTime - (clientTime + receivedAt) / 2);
}
