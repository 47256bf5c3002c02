// Delivery to this node's sockets, with flow control. Plain class: tests drive
// it through DeviceGateway over MemoryTransport.
//
// Contract, per socket:
// - Order: the offline queue first, in push order, then live traffic. While a
//   socket has a backlog (queue not yet drained, a window or transport that is
//   full), live deliveries are stored as offline refs behind the queue instead
//   of overtaking it, and the drain sends them in turn.
// - Window: at most `window` deliveries in flight (sent, not acked). Acks open
//   it again; a transport that queued data pauses sending until its drain event.
//   Drains read the queue a page at a time from a cursor, so a week-long queue
//   goes out over one connection at the pace the device acks it.
// - Nothing accepted is lost: a live delivery is held in memory until acked; if
//   its socket closes, or its ack is overdue, it is stored as an offline ref.
//   Every live delivery therefore ends acked or stored, and says so to the
//   routers (receipts), which move the recovery checkpoint on that.
import type { Logger } from '../src/log.js';
import { compareMessageIds, offlineRef, type OfflineRef, type PushMessage } from '../src/messages.js';
import type { Metrics } from '../src/metrics.js';
import type { OfflineStore } from '../src/stores/types.js';
import { pushFrame } from './frames.js';
import type { MessageCache } from './message-cache.js';
import type { ReceiptBatcher } from './receipts.js';
import type { DeviceSession, Inflight } from './session.js';
import { SendResult } from './transport.js';
import { StoredReason, traceStored, type DeliveryTrace } from '../src/trace/delivery-trace.js';

export interface OutboxOptions {
  offline: OfflineStore;
  receipts: ReceiptBatcher;
  messages: MessageCache;
  /** The ready session holding a token on this node, if any. */
  sessionFor(token: string): DeviceSession | undefined;
  /** Closes a socket that cannot keep up (SLOW_CONSUMER). */
  slowConsumer(session: DeviceSession): void;
  /** Deliveries in flight per socket. */
  window: number;
  /** A live delivery unacked this long is stored offline (it stays in flight). */
  ackTimeoutMs: number;
  log: Logger;
  metrics: Metrics;
  now: () => number;
  /** Records sent and stored steps (src/trace) when given. */
  trace?: DeliveryTrace;
}

/** For refs read from the queue: their write committed long ago. */
const DURABLE: Promise<unknown> = Promise.resolve();

export class Outbox {
  /**
   * Sockets with deliveries in flight, checked against the ack deadline by one
   * timer. Per socket, not per send: a device acks within milliseconds, and a
   * record per send kept for the whole deadline (30 s) was old-generation
   * garbage by the hundred thousand at a few thousand pushes a second.
   */
  private readonly unacked = new Set<DeviceSession>();
  private readonly timer: NodeJS.Timeout;
  private inflight = 0;

  private readonly pushFrames: { inc(): void };

  constructor(private readonly o: OutboxOptions) {
    this.pushFrames = o.metrics.frameOut('push');
    o.metrics.inflightFrom(() => this.inflight);
    this.timer = setInterval(() => {
      this.storeOverdue();
      o.receipts.expire();
    }, Math.min(1000, Math.max(10, o.ackTimeoutMs / 4)));
    this.timer.unref();
  }

  /** A router's deliver command: live where a socket can take it now, else an offline ref. */
  deliver(message: PushMessage, tokens: readonly string[]): void {
    const stores = message.expiresAt > 0;
    let absent: string[] | undefined;
    for (const named of tokens) {
      const session = this.o.sessionFor(named);
      if (!session) {
        if (stores) (absent ??= []).push(named);
        continue;
      }
      // The session's own string from here on: what is kept per delivery (in
      // flight, counted acks) then shares it instead of holding the request's copy.
      const held = session.tokenOf(message.accessId);
      const token = held === named ? held : named;
      if (session.isInflight(message.pushId)) {
        // A later call of the same push named this token again: one message, settled already.
        this.o.receipts.report('settled', token, message, true);
      } else if (stores && (session.backlog || session.paused || session.inflightCount >= this.o.window)) {
        this.storeFor(session, message, token);
      } else {
        // Not corked: one frame is one write either way, and a cork is a call into uWS and back per delivery.
        this.send(session, message, token, undefined);
      }
    }
    if (absent) this.storeAbsent(message, absent);
  }

  /** Reads the session's offline queue and sends it, page by page, as the window allows. */
  async drain(session: DeviceSession): Promise<void> {
    if (session.draining) {
      session.drainAgain = true;
      return;
    }
    session.draining = true;
    try {
      do {
        session.drainAgain = false;
        const empty = await this.sendPages(session);
        if (!session.isOpen) return;
        if (empty && session.pendingStores === 0 && !session.drainAgain) session.backlog = false;
      } while (session.drainAgain && session.isOpen);
    } catch (err) {
      this.o.log.error({ err }, 'offline drain failed');
      // Left with its backlog: the next ack, drain event or reconnect tries again.
    } finally {
      session.draining = false;
    }
  }

  /** Refs were added for these tokens behind our cursors (a route lookup raced a connect): read from the start. */
  rewind(session: DeviceSession, tokens: readonly string[]): void {
    for (const token of tokens) session.rewind(token);
    session.backlog = true;
    void this.drain(session);
  }

  acked(session: DeviceSession, pushIds: readonly string[]): void {
    let n = 0;
    for (const id of pushIds) {
      const entry = session.acked(id);
      if (!entry) continue; // a duplicate or stale ack
      n++;
      this.o.receipts.acked(entry);
    }
    if (session.inflightCount === 0) this.unacked.delete(session);
    this.inflight -= n;
    if (n > 0 && session.backlog) void this.drain(session);
  }

  /** The transport wrote out what it had queued. */
  writable(session: DeviceSession): void {
    if (!session.paused) return;
    session.paused = false;
    if (session.backlog) void this.drain(session);
  }

  /** The socket is gone: what it had in flight and only memory held goes to offline storage. */
  closed(session: DeviceSession): void {
    const entries = session.takeInflight();
    this.unacked.delete(session);
    this.inflight -= entries.length;
    const now = this.o.now();
    const refs: OfflineRef[] = [];
    for (const e of entries) {
      if (e.stored) continue; // its ref is stored: the next connect sends it again
      if (e.message.expiresAt === 0) continue; // online-only by request
      if (e.message.expiresAt <= now) this.o.receipts.report('expired', e.token, e.message, true);
      else {
        refs.push(offlineRef(e.message, e.token));
        this.o.messages.remember(e.message);
      }
    }
    traceStored(this.o.trace, refs, StoredReason.SOCKET_CLOSED, now);
    if (refs.length > 0) this.store(refs, true);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private send(session: DeviceSession, message: PushMessage, token: string, stored: Promise<unknown> | undefined): void {
    if (message.expiresAt !== 0 && message.expiresAt <= this.o.now()) {
      // Expired on the way: never shown. A stored ref is counted by the sweep; a live one here.
      if (!stored && message.expiresAt > 0) this.o.receipts.report('expired', token, message, true);
      return;
    }
    const result = session.transport.send(pushFrame(message, token));
    if (result === SendResult.DROPPED) {
      // Past the backpressure cap: the socket is closed and what it held in flight stored.
      if (!stored && message.expiresAt > 0) {
        this.o.messages.remember(message);
        this.store([offlineRef(message, token)], true);
      }
      traceStored(this.o.trace, [{ pushId: message.pushId, token }], StoredReason.SLOW_CONSUMER, this.o.now());
      this.o.slowConsumer(session);
      return;
    }
    const at = this.o.now();
    session.markInflight({ message, token, stored, at });
    this.unacked.add(session);
    this.o.trace?.record({ pushId: message.pushId, token, step: 'sent', at, channel: 'long_connection' });
    this.inflight++;
    this.pushFrames.inc();
    if (result === SendResult.BUFFERED) session.paused = true;
  }

  /** One page per token at a time; true when every queue of the session was read to its end. */
  private async sendPages(session: DeviceSession): Promise<boolean> {
    for (;;) {
      let exhausted = true;
      for (const token of session.tokens) {
        const room = this.o.window - session.inflightCount;
        if (room <= 0 || session.paused || !session.isOpen) return false;
        // In-flight refs ahead of a rewound cursor come back too; read enough to get past them.
        const limit = room + session.inflightCount;
        const { refs, expired } = await this.o.offline.page(token, session.cursor(token), limit, this.o.now());
        for (const r of expired) this.o.receipts.report('expired', token, r);
        if (refs.length === limit) exhausted = false;
        const messages = await Promise.all(refs.map((r) => this.o.messages.resolve(r)));
        if (!session.isOpen) return false;
        let stop = false;
        session.transport.cork(() => {
          refs.forEach((ref, i) => {
            if (stop) return;
            const message = messages[i];
            session.advance(token, ref.pushId);
            if (!message) {
              void this.o.offline.remove(token, [ref.pushId]); // its push record is gone
              return;
            }
            if (session.isInflight(ref.pushId) || this.o.receipts.isRemoving(token, ref.pushId)) return;
            this.send(session, message, token, DURABLE);
            if (session.paused || !session.isOpen || session.inflightCount >= this.o.window) stop = true;
          });
        });
        if (stop) exhausted = false;
      }
      if (exhausted) return true;
    }
  }

  /** A live delivery the socket cannot take now: behind its queue, drained in turn. */
  private storeFor(session: DeviceSession, message: PushMessage, token: string): void {
    session.backlog = true;
    session.pendingStores++;
    traceStored(this.o.trace, [{ pushId: message.pushId, token }], StoredReason.SOCKET_BUSY, this.o.now());
    this.o.messages.remember(message);
    this.store([offlineRef(message, token)], true).finally(() => {
      session.pendingStores--;
      if (session.isOpen && session.pendingStores === 0) void this.drain(session);
    });
  }

  /** No socket here holds these tokens (closed since the route lookup). */
  private storeAbsent(message: PushMessage, tokens: string[]): void {
    traceStored(this.o.trace, tokens.map((token) => ({ pushId: message.pushId, token })), StoredReason.NOT_CONNECTED, this.o.now());
    this.o.messages.remember(message);
    void this.store(tokens.map((t) => offlineRef(message, t)), true);
  }

  /**
   * Writes refs; once durable, tells the routers they are settled (`live`: they
   * were in flight) and sends them to whichever socket holds their token now.
   */
  private store(refs: OfflineRef[], live: boolean): Promise<void> {
    return this.o.offline.append(refs).then(
      (dropped) => {
        for (const r of dropped) this.o.receipts.report('overflow', r.token, r);
        for (const r of refs) {
          if (live) this.o.receipts.report('settled', r.token, r, true);
          const session = this.o.sessionFor(r.token);
          if (!session) continue;
          const cursor = session.cursor(r.token);
          if (cursor !== undefined && compareMessageIds(r.pushId, cursor) <= 0) session.rewind(r.token);
          session.backlog = true;
          if (session.pendingStores === 0) void this.drain(session);
        }
      },
      (err) => this.o.log.error({ err, refs: refs.length }, 'offline write failed; deliveries stay in memory until their socket closes'),
    );
  }

  /** Live deliveries unacked past the deadline get a ref, so a crash or close cannot lose them. */
  private storeOverdue(): void {
    const due = this.o.now() - this.o.ackTimeoutMs;
    const refs: OfflineRef[] = [];
    const entries: Inflight[] = [];
    for (const session of this.unacked) {
      if (!session.isOpen || session.inflightCount === 0) {
        this.unacked.delete(session);
        continue;
      }
      // Everything in flight here was sent after this: nothing can be overdue yet.
      if (session.unackedSince > due) continue;
      for (const entry of session.inflightEntries()) {
        // Stored already (a drain's, or overdue before), or online-only by request.
        if (entry.stored || entry.message.expiresAt <= 0 || entry.at > due) continue;
        refs.push(offlineRef(entry.message, entry.token));
        entries.push(entry);
        this.o.messages.remember(entry.message);
      }
    }
    if (refs.length === 0) return;
    traceStored(this.o.trace, refs, StoredReason.ACK_OVERDUE, this.o.now());
    const write = this.o.offline.append(refs).then((dropped) => {
      for (const r of dropped) this.o.receipts.report('overflow', r.token, r);
      for (const r of refs) this.o.receipts.report('settled', r.token, r, true);
    });
    // Still in flight: an ack removes the ref once it is written.
    for (const e of entries) e.stored = write;
    write.catch((err) => this.o.log.error({ err }, 'storing overdue deliveries failed'));
  }
}
