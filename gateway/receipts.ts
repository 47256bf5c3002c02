// What devices say about their messages, batched per event-loop turn: every
// receipt goes to the routers in one bus message per turn rather than one per
// frame, and acks of stored deliveries remove their offline refs in one write.
//
// Counting an arrival once: a live delivery's ack counts at once (memory held
// it), unless the same message was acked on this node moments ago (a repeated
// deliver command, e.g. a bus that redelivers). A stored delivery's ack counts
// when its ref is actually removed, after the ref's own write committed, so a
// message delivered twice (at-least-once) and acked twice is one arrival.
import type { NodeBus } from '../src/bus/node-bus.js';
import type { Logger } from '../src/log.js';
import type { PushMessage, Receipt, ReceiptKind } from '../src/messages.js';
import type { OfflineStore } from '../src/stores/types.js';
import { RecentPairs } from './recent-set.js';
import type { DeviceSession, Inflight } from './session.js';

/**
 * How long a counted live ack is remembered at least (twice that at most): a
 * repeated deliver command comes within moments, and at load the count bound
 * forgets sooner anyway (20,000 acks: 5 s at 4,000/s).
 */
export const LIVE_ACK_MEMORY_MS = 5_000;

interface Acked {
  token: string;
  pushId: string;
  seq: string;
  accessId: string;
}

export class ReceiptBatcher {
  private receipts: Receipt[] = [];
  /** Acked stored deliveries whose offline ref is to be removed, by token. */
  private removals = new Map<string, Acked[]>();
  /** `${token} ${pushId}` of refs acked and not yet removed: drains must not send them again. */
  private readonly removing = new Set<string>();
  private scheduled = false;
  /** Broadcast acks counted this turn, per push. */
  private readonly broadcastArrivals = new Map<PushMessage, number>();
  /**
   * Live acks counted lately, so a repeated live delivery of one message is one
   * arrival: the last 10,000–20,000, and none older than 2 × LIVE_ACK_MEMORY_MS.
   */
  private readonly counted = new RecentPairs(20_000);
  /**
   * Broadcast acks of sockets that closed lately, as (push id, token): a device
   * that reconnects and acks a broadcast again (catch-up is at-least-once) is
   * not counted twice. An open socket remembers its own (DeviceSession).
   */
  private readonly broadcastCountedBefore = new RecentPairs(20_000);

  constructor(
    private readonly offline: OfflineStore,
    private readonly bus: NodeBus,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  acked(entry: Inflight): void {
    const { message, token } = entry;
    if (!entry.stored) {
      if (!this.counted.add(token, message.pushId)) return this.report('settled', token, message, true);
      this.report('ack', token, message, true);
      return;
    }
    const acked: Acked = { token, pushId: message.pushId, seq: message.seq, accessId: message.accessId };
    const key = `${token} ${message.pushId}`;
    this.removing.add(key);
    // The ref's write may still be in flight (stored on close or at the ack deadline): remove after it.
    entry.stored.then(
      () => {
        const list = this.removals.get(token);
        if (list) list.push(acked);
        else this.removals.set(token, [acked]);
        this.schedule();
      },
      () => this.removing.delete(key),
    );
  }

  /**
   * An ack of a broadcast (no per-device state but the socket's last acked
   * ids): one arrival per token, however often acked.
   */
  broadcastAcked(session: DeviceSession, token: string, message: PushMessage): void {
    const { pushId } = message;
    if (session.hasAckedBroadcast(pushId) || this.broadcastCountedBefore.has(pushId, token)) return;
    session.noteAckedBroadcast(pushId);
    // One receipt per push per turn, with a count: a broadcast's acks arrive by
    // the hundred thousand, and nothing per device needs to reach the routers
    // (broadcasts are never replayed, so they need no ack marks).
    const pending = this.broadcastArrivals.get(message);
    this.broadcastArrivals.set(message, (pending ?? 0) + 1);
    this.schedule();
  }

  /** A socket closed: what it acked of broadcasts is remembered for its tokens' next sockets. */
  socketClosed(session: DeviceSession): void {
    const ids = session.ackedBroadcastIds;
    if (ids.length === 0) return;
    // Every token of the socket: a push id names one app, so the others' pairs never match.
    for (const token of session.tokens) for (const id of ids) this.broadcastCountedBefore.add(id, token);
  }

  /** Called now and then: a quiet node forgets its live acks (see LIVE_ACK_MEMORY_MS). */
  expire(): void {
    this.counted.expire(this.now(), LIVE_ACK_MEMORY_MS);
  }

  /** True while an ack of this ref is being turned into its removal. */
  isRemoving(token: string, pushId: string): boolean {
    return this.removing.size > 0 && this.removing.has(`${token} ${pushId}`);
  }

  /**
   * `live`: the delivery was in flight from memory, so this settles it for the
   * routers' checkpoint. Online-only pushes (no expiry) are never tracked there.
   */
  report(kind: ReceiptKind, token: string, m: { pushId: string; seq: string; accessId: string; expiresAt?: number }, live?: boolean, count?: number): void {
    const receipt: Receipt = { kind, pushId: m.pushId, seq: m.seq, accessId: m.accessId, token, at: this.now() };
    if (live && (m.expiresAt ?? 0) > 0) receipt.live = true;
    if (count !== undefined) receipt.count = count;
    this.receipts.push(receipt);
    this.schedule();
  }

  clicked(accessId: string, token: string, messageId: string): void {
    // Message ids are push ids (one message per push and token), so a click names its push.
    this.report('click', token, { pushId: messageId, seq: '', accessId });
  }

  flush(): void {
    this.scheduled = false;
    // Nothing allocated for what is empty: during a broadcast this runs once per
    // event loop turn with only the turn's arrival count to report.
    const removals = this.removals;
    if (removals.size > 0) this.removals = new Map();
    if (this.broadcastArrivals.size > 0) {
      const at = this.now();
      for (const [m, count] of this.broadcastArrivals) this.receipts.push({ kind: 'ack', pushId: m.pushId, seq: '', accessId: m.accessId, token: '', at, count });
      this.broadcastArrivals.clear();
    }
    if (this.receipts.length > 0) {
      this.bus.publishReceipts(this.receipts);
      this.receipts = [];
    }
    if (removals.size === 0) return;
    for (const [token, acked] of removals) {
      this.offline.remove(token, acked.map((a) => a.pushId)).then(
        (removed) => {
          const gone = new Set(removed);
          const at = this.now();
          const arrivals: Receipt[] = [];
          for (const a of acked) {
            this.removing.delete(`${token} ${a.pushId}`);
            if (gone.has(a.pushId)) arrivals.push({ kind: 'ack', pushId: a.pushId, seq: a.seq, accessId: a.accessId, token, at });
          }
          this.bus.publishReceipts(arrivals);
        },
        (err) => {
          for (const a of acked) this.removing.delete(`${token} ${a.pushId}`);
          this.log.error({ err, token }, 'offline removal failed');
        },
      );
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
