// The embedded node bus: one process, plain function calls. Commands are handed
// over on a microtask so a sender never re-enters its receiver synchronously
// (the same ordering a network bus gives), preserving send order per node.
import type { GatewayCommand, Receipt } from '../messages.js';
import type { NodeBus, NodePresence, Unsubscribe } from './node-bus.js';

export class InProcessBus implements NodeBus {
  private readonly nodes = new Map<string, (command: GatewayCommand) => void>();
  private readonly receiptHandlers: Array<(receipts: Receipt[]) => void> = [];
  private nextReceiptHandler = 0;
  private readonly announcementHandlers = new Set<(nodeId: string, presence: NodePresence) => void>();

  sendToNode(nodeId: string, command: GatewayCommand): void {
    queueMicrotask(() => this.nodes.get(nodeId)?.(command));
  }

  sendToAll(command: GatewayCommand): void {
    queueMicrotask(() => {
      for (const handler of this.nodes.values()) handler(command);
    });
  }

  onNodeCommand(nodeId: string, handler: (command: GatewayCommand) => void): Unsubscribe {
    if (this.nodes.has(nodeId)) throw new Error(`node ${nodeId} is already subscribed`);
    this.nodes.set(nodeId, handler);
    return () => {
      if (this.nodes.get(nodeId) === handler) this.nodes.delete(nodeId);
    };
  }

  publishReceipts(receipts: Receipt[]): void {
    if (receipts.length === 0) return;
    queueMicrotask(() => {
      const n = this.receiptHandlers.length;
      if (n === 0) return;
      // Round-robin, like a NATS queue group: each batch to exactly one router.
      this.receiptHandlers[this.nextReceiptHandler++ % n]!(receipts);
    });
  }

  onReceipts(handler: (receipts: Receipt[]) => void): Unsubscribe {
    this.receiptHandlers.push(handler);
    return () => {
      const i = this.receiptHandlers.indexOf(handler);
      if (i >= 0) this.receiptHandlers.splice(i, 1);
    };
  }

  announce(nodeId: string, presence: NodePresence): void {
    queueMicrotask(() => {
      for (const handler of this.announcementHandlers) handler(nodeId, presence);
    });
  }

  onAnnouncements(handler: (nodeId: string, presence: NodePresence) => void): Unsubscribe {
    this.announcementHandlers.add(handler);
    return () => this.announcementHandlers.delete(handler);
  }

  /** Subscriptions are live as soon as they are made in one process. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {
    this.nodes.clear();
    this.receiptHandlers.length = 0;
    this.announcementHandlers.clear();
  }
}
