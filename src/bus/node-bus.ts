// The node bus: how routers reach gateway nodes and gateways report back.
// A push for one device goes to exactly one node's inbox, never to all nodes.
import type { GatewayCommand, Receipt } from '../messages.js';

export type Unsubscribe = () => void;

/** A gateway node's word about itself: alive (repeated every few seconds), or leaving (a graceful stop). */
export type NodePresence = 'alive' | 'leaving';

/** Gateways announce 'alive' this often; routers take a node silent for about three of these as dead. */
export const PRESENCE_INTERVAL_MS = 1000;

export interface NodeBus {
  /** Fire-and-forget to one gateway node; a node that is gone drops it (the offline store still has it). */
  sendToNode(nodeId: string, command: GatewayCommand): void;
  /** Fire-and-forget to every gateway node once (broadcast pushes: one message per node, not per device). */
  sendToAll(command: GatewayCommand): void;
  /** Subscribes a gateway node to its own commands and to those for all nodes. One subscriber per node id. */
  onNodeCommand(nodeId: string, handler: (command: GatewayCommand) => void): Unsubscribe;
  /** Gateway → routers. Each receipt batch reaches exactly one router (a queue group). */
  publishReceipts(receipts: Receipt[]): void;
  onReceipts(handler: (receipts: Receipt[]) => void): Unsubscribe;
  /** Gateway → every router: this node is alive or leaving (node liveness, cluster mode). */
  announce(nodeId: string, presence: NodePresence): void;
  /** Every announcement of every node, to each subscriber (no queue group). */
  onAnnouncements(handler: (nodeId: string, presence: NodePresence) => void): Unsubscribe;
  /**
   * Called each time the connection came back after a loss (NATS: the server
   * restarted or the link broke). Messages sent around it may have been dropped.
   * Buses that cannot lose their connection (in-process) never call it.
   */
  onReconnect?(handler: () => void): Unsubscribe;
  /**
   * Resolves once every subscription made so far is live: messages sent after
   * this, from any process, reach it. A gateway awaits it before it announces
   * routes to its node.
   */
  flush(): Promise<void>;
  close(): Promise<void>;
}
