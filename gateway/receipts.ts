// What devices say about their messages, batched per event-loop turn: acks
// remove offline copies, and every receipt goes to the routers in one bus
// message per turn rather than one per frame.
import type { NodeBus } from '../src/bus/node-bus.js';
import type { Logger } from '../src/log.js';
import type { Delivery, Receipt } from '../src/messages.js';
import type { OfflineStore } from '../src/stores/types.js';

export class ReceiptBatcher {
  private receipts: Receipt[] = [];
  /** Acked deliveries whose offline copy is to be removed, by token. */
  private removals = new Map<string, Delivery[]>();
  private scheduled = false;

  constructor(
    private readonly offline: OfflineStore,
    private readonly bus: NodeBus,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  /**
   * An arrival counts when its offline copy goes: a message delivered twice
   * (at-least-once) and acked twice is one arrival. Messages never stored
   * (expire_time 0) count at once.
   */
  acked(d: Delivery): void {
    if (d.expiresAt === 0) return this.report('ack', d);
    const acked = this.removals.get(d.token);
    if (acked) acked.push(d);
    else this.removals.set(d.token, [d]);
    this.schedule();
  }

  report(kind: Receipt['kind'], d: Delivery): void {
    this.receipts.push({ kind, messageId: d.messageId, pushId: d.pushId, accessId: d.accessId, token: d.token, at: this.now() });
    this.schedule();
  }

  clicked(accessId: string, token: string, messageId: string): void {
    // Message ids are push ids (one message per push and token), so a click names its push.
    this.receipts.push({ kind: 'click', messageId, pushId: messageId, accessId, token, at: this.now() });
    this.schedule();
  }

  flush(): void {
    this.scheduled = false;
    const removals = this.removals;
    this.removals = new Map();
    this.bus.publishReceipts(this.receipts);
    this.receipts = [];
    for (const [token, acked] of removals) {
      this.offline.remove(token, acked.map((d) => d.messageId)).then(
        (removed) => {
          const gone = new Set(removed);
          const at = this.now();
          const arrivals = acked.filter((d) => gone.has(d.messageId));
          this.bus.publishReceipts(arrivals.map((d) => ({ kind: 'ack', messageId: d.messageId, pushId: d.pushId, accessId: d.accessId, token, at })));
        },
        (err) => this.log.error({ err, token }, 'offline removal failed'),
      );
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
