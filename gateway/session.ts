// One device socket's state. Owned by DeviceGateway; never shared across sockets.
// An idle socket is the common case (millions of them), so per-socket state is
// kept small: one app's access id and token as plain fields (arrays only for
// several apps), in-flight deliveries and drain cursors allocated only while
// there are any.
import type { PushMessage } from '../src/messages.js';
import type { Transport } from './transport.js';

export type SessionState = 'awaiting_hello' | 'authenticating' | 'ready' | 'closed';

/** A delivery sent on this socket and not yet acked. */
export interface Inflight {
  message: PushMessage;
  token: string;
  /**
   * Settles when the delivery's offline ref is durable; undefined while only
   * memory holds it (a live delivery). An ack then removes the ref.
   */
  stored: Promise<unknown> | undefined;
  /** When it was sent (the outbox's clock, ms): the ack deadline counts from here. */
  at: number;
}

const NONE: readonly string[] = [];
const NO_INFLIGHT: readonly Inflight[] = [];

/**
 * Broadcast ids a socket remembers having acked. A device acks a broadcast
 * again when it gets it twice: on its next socket from catch-up (the gateway
 * remembers closed sockets' acks for that), or from a client that acks twice
 * in a row. Two fields per socket: sockets are the millions.
 */
export const ACKED_BROADCASTS_KEPT = 2;

export class DeviceSession {
  state: SessionState = 'awaiting_hello';
  /** The apps registered in hello and their tokens, index for index; a bare string for one app. */
  private accessIds: string | readonly string[] = NONE;
  private appTokens: string | readonly string[] = NONE;
  /**
   * Sent and not yet acked, by push id. Push ids are global and each push
   * belongs to one app, so a push id is unique on one socket. One delivery in
   * flight (a device getting token pushes) is held in `inflightOne`; a Map is
   * made only for a second, and holds them all while it exists.
   */
  private inflightOne: Inflight | undefined = undefined;
  private inflight: Map<string, Inflight> | undefined;
  /** When this socket last went from nothing in flight to something (ms); the overdue check skips sockets younger than its deadline. */
  unackedSince = 0;
  /** Per token, the last offline ref sent on this socket: the next page starts after it. */
  private cursors: Map<string, string> | undefined;
  /**
   * The offline queue may hold refs this socket has not sent yet. While set,
   * live deliveries are stored behind them instead of overtaking them.
   */
  backlog = true;
  /** A drain loop is running; `drainAgain` asks it to read once more. */
  draining = false;
  drainAgain = false;
  /** The transport queued data and has not signalled drain yet: send nothing more. */
  paused = false;
  /** Offline writes for this socket's deliveries not yet committed. */
  pendingStores = 0;
  /**
   * The last two broadcasts this socket acked (push ids), so a repeated ack
   * counts once without a lookup in a node-wide set of every device's acks.
   */
  private lastAckedBroadcast: string | undefined = undefined;
  private previousAckedBroadcast: string | undefined = undefined;

  constructor(readonly transport: Transport) {}

  get isOpen(): boolean {
    return this.state !== 'closed';
  }

  get tokens(): readonly string[] {
    return typeof this.appTokens === 'string' ? [this.appTokens] : this.appTokens;
  }

  tokenOf(accessId: string): string | undefined {
    if (typeof this.accessIds === 'string') return this.accessIds === accessId ? (this.appTokens as string) : undefined;
    const i = this.accessIds.indexOf(accessId);
    return i < 0 ? undefined : this.appTokens[i];
  }

  setApps(accessIds: string[], tokens: string[]): void {
    const one = accessIds.length === 1;
    this.accessIds = one ? accessIds[0]! : accessIds;
    this.appTokens = one ? tokens[0]! : tokens;
  }

  get inflightCount(): number {
    return this.inflight ? this.inflight.size : this.inflightOne ? 1 : 0;
  }

  isInflight(pushId: string): boolean {
    return this.getInflight(pushId) !== undefined;
  }

  getInflight(pushId: string): Inflight | undefined {
    if (this.inflight) return this.inflight.get(pushId);
    const one = this.inflightOne;
    return one !== undefined && one.message.pushId === pushId ? one : undefined;
  }

  markInflight(entry: Inflight): void {
    if (this.inflight) {
      this.inflight.set(entry.message.pushId, entry);
      return;
    }
    const one = this.inflightOne;
    if (one === undefined) {
      this.inflightOne = entry;
      this.unackedSince = entry.at;
      return;
    }
    if (one.message.pushId === entry.message.pushId) {
      this.inflightOne = entry;
      return;
    }
    this.inflight = new Map([
      [one.message.pushId, one],
      [entry.message.pushId, entry],
    ]);
    this.inflightOne = undefined;
  }

  /** Removes and returns the in-flight delivery, if this socket has it. */
  acked(pushId: string): Inflight | undefined {
    const entry = this.getInflight(pushId);
    if (entry === undefined) return undefined;
    if (this.inflight) {
      this.inflight.delete(pushId);
      if (this.inflight.size === 0) this.inflight = undefined;
    } else this.inflightOne = undefined;
    return entry;
  }

  /** Every in-flight delivery, in send order. */
  inflightEntries(): Iterable<Inflight> {
    if (this.inflight) return this.inflight.values();
    return this.inflightOne ? [this.inflightOne] : NO_INFLIGHT;
  }

  /** Every in-flight delivery; the session holds none after. */
  takeInflight(): Inflight[] {
    const all = [...this.inflightEntries()];
    this.inflight = undefined;
    this.inflightOne = undefined;
    return all;
  }

  /** Whether this socket acked the broadcast already (one of its last ACKED_BROADCASTS_KEPT). */
  hasAckedBroadcast(pushId: string): boolean {
    return this.lastAckedBroadcast === pushId || this.previousAckedBroadcast === pushId;
  }

  noteAckedBroadcast(pushId: string): void {
    this.previousAckedBroadcast = this.lastAckedBroadcast;
    this.lastAckedBroadcast = pushId;
  }

  /** The broadcasts this socket remembers having acked. */
  get ackedBroadcastIds(): readonly string[] {
    const ids: string[] = [];
    if (this.previousAckedBroadcast !== undefined) ids.push(this.previousAckedBroadcast);
    if (this.lastAckedBroadcast !== undefined) ids.push(this.lastAckedBroadcast);
    return ids;
  }

  cursor(token: string): string | undefined {
    return this.cursors?.get(token);
  }

  advance(token: string, pushId: string): void {
    (this.cursors ??= new Map()).set(token, pushId);
  }

  /** The next page of this token starts from the beginning of its queue again. */
  rewind(token: string): void {
    this.cursors?.delete(token);
  }
}
