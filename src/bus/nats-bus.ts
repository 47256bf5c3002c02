// The cluster's node bus on NATS (core NATS: at-most-once, like the in-process
// bus; a command that finds no subscriber is dropped, and the offline store
// still holds what it carried). Messages are packed with the shared codec.
//
// Ordering: NATS keeps the order of one connection's publishes to one
// subscriber, so commands from one router to one node arrive in send order.
//
// Every subject comes from subjects.ts. Adding a kind of message is one
// subject there plus a publish through `publishSplit` and a subscribe through
// `subscribe` here.
import { connect, type NatsConnection, type Subscription } from 'nats';
import { decode, encode } from '../codec.js';
import type { Logger } from '../log.js';
import type { GatewayCommand, Receipt } from '../messages.js';
import type { NodeBus, NodePresence, Unsubscribe } from './node-bus.js';
import { ROUTERS_QUEUE, subjects } from './subjects.js';

/** A restarting nats-server must not leave a node cut off for good: reconnect forever. */
const RECONNECT_FOREVER = -1;
/** Between reconnect attempts: short enough that a restarted server is found within a second. */
const RECONNECT_WAIT_MS = 250;
/** nats-server's default max_payload, used until the server's INFO says otherwise. */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

export interface NatsBusOptions {
  /** Shown in the server's connection list (e.g. the node id and role). */
  name?: string;
  log?: Logger;
}

export class NatsNodeBus implements NodeBus {
  /** Subjects of nodes this process sends to: built once per node, not per message. */
  private readonly nodeSubjects = new Map<string, string>();
  private readonly ownNodes = new Map<string, Subscription>();
  private readonly reconnectHandlers = new Set<() => void>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly log?: Logger,
  ) {}

  /** Connects to `url` (comma-separated for several servers) and waits for the first connection. */
  static async connect(url: string, options: NatsBusOptions = {}): Promise<NatsNodeBus> {
    const nc = await connect({
      servers: url.split(','),
      name: options.name,
      maxReconnectAttempts: RECONNECT_FOREVER,
      reconnectTimeWait: RECONNECT_WAIT_MS,
    });
    const bus = new NatsNodeBus(nc, options.log?.child({ component: 'nats-bus' }));
    bus.watchStatus();
    return bus;
  }

  sendToNode(nodeId: string, command: GatewayCommand): void {
    let subject = this.nodeSubjects.get(nodeId);
    if (!subject) this.nodeSubjects.set(nodeId, (subject = subjects.node(nodeId)));
    // Too large for one message: the same command for each half of its tokens.
    this.publishSplit(subject, command, (c, half) => {
      if (!('tokens' in c) || c.tokens.length < 2) return undefined;
      const at = half(c.tokens);
      return [{ ...c, tokens: c.tokens.slice(0, at) }, { ...c, tokens: c.tokens.slice(at) }];
    });
  }

  sendToAll(command: GatewayCommand): void {
    this.publishSplit(subjects.gateways, command, () => undefined);
  }

  onNodeCommand(nodeId: string, handler: (command: GatewayCommand) => void): Unsubscribe {
    // One subscriber per node id in this process; two processes claiming one id
    // is a configuration error that node liveness (next) will report.
    if (this.ownNodes.has(nodeId)) throw new Error(`node ${nodeId} is already subscribed`);
    const sub = this.subscribe(subjects.node(nodeId), undefined, handler);
    const all = this.subscribe(subjects.gateways, undefined, handler);
    this.ownNodes.set(nodeId, sub);
    return () => {
      if (this.ownNodes.get(nodeId) !== sub) return;
      this.ownNodes.delete(nodeId);
      sub.unsubscribe();
      all.unsubscribe();
    };
  }

  publishReceipts(receipts: Receipt[]): void {
    if (receipts.length === 0) return;
    this.publishSplit(subjects.receipts, receipts, (r, half) => (r.length < 2 ? undefined : [r.slice(0, half(r)), r.slice(half(r))]));
  }

  onReceipts(handler: (receipts: Receipt[]) => void): Unsubscribe {
    const sub = this.subscribe(subjects.receipts, ROUTERS_QUEUE, handler);
    return () => sub.unsubscribe();
  }

  announce(nodeId: string, presence: NodePresence): void {
    this.publish(subjects.presence, encode({ nodeId, presence }));
  }

  onAnnouncements(handler: (nodeId: string, presence: NodePresence) => void): Unsubscribe {
    const sub = this.subscribe<{ nodeId: string; presence: NodePresence }>(subjects.presence, undefined, (m) => {
      if (typeof m?.nodeId === 'string' && (m.presence === 'alive' || m.presence === 'leaving')) handler(m.nodeId, m.presence);
    });
    return () => sub.unsubscribe();
  }

  onReconnect(handler: () => void): Unsubscribe {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  async flush(): Promise<void> {
    // A round trip: the server has processed every SUB this connection sent
    // before the PING. A PING lost to a disconnect is sent again; while
    // reconnecting, nats.js holds it until the subscriptions are re-sent.
    for (;;) {
      try {
        await this.nc.flush();
        return;
      } catch (err) {
        if (this.nc.isClosed()) throw err;
      }
    }
  }

  /** Drains: pending received messages are handled and pending publishes sent, then the connection closes. */
  close(): Promise<void> {
    return (this.closing ??= this.nc.isClosed() ? Promise.resolve() : this.nc.drain());
  }

  /**
   * Publishes `value` as one message, or, when that would exceed the server's
   * max_payload, as the consecutive parts `split` makes of it, in order. A value
   * that cannot be split further is dropped with an error log.
   */
  private publishSplit<T>(subject: string, value: T, split: (value: T, half: (list: readonly unknown[]) => number) => [T, T] | undefined): void {
    const bytes = encode(value);
    if (bytes.length <= (this.nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD)) {
      this.publish(subject, bytes);
      return;
    }
    const parts = split(value, (list) => Math.ceil(list.length / 2));
    if (parts) {
      this.publishSplit(subject, parts[0], split);
      this.publishSplit(subject, parts[1], split);
    } else {
      this.log?.error({ subject, bytes: bytes.length }, 'bus message larger than the server max_payload; dropped');
    }
  }

  private publish(subject: string, bytes: Uint8Array): void {
    try {
      this.nc.publish(subject, bytes);
    } catch (err) {
      // Only a closed connection throws (while reconnecting, nats.js buffers).
      // Fire-and-forget by contract: what a command carried is in the offline store.
      this.log?.error({ err, subject }, 'bus publish failed; message dropped');
    }
  }

  private subscribe<T>(subject: string, queue: string | undefined, handler: (value: T) => void): Subscription {
    return this.nc.subscribe(subject, {
      queue,
      callback: (err, msg) => {
        if (err) {
          this.log?.error({ err, subject }, 'bus subscription failed');
          return;
        }
        let value: T;
        try {
          value = decode<T>(msg.data);
        } catch (decodeErr) {
          // Bytes from something that is not a Homing of this version: drop, keep the subscription.
          this.log?.warn({ err: decodeErr, subject }, 'undecodable bus message dropped');
          return;
        }
        try {
          handler(value);
        } catch (handlerErr) {
          this.log?.error({ err: handlerErr, subject }, 'bus handler threw');
        }
      },
    });
  }

  private watchStatus(): void {
    void (async () => {
      for await (const status of this.nc.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnect') this.log?.warn({ status: status.type, server: status.data }, 'nats connection');
        if (status.type === 'reconnect') {
          for (const handler of this.reconnectHandlers) {
            try {
              handler();
            } catch (err) {
              this.log?.error({ err }, 'reconnect handler threw');
            }
          }
        }
      }
    })().catch(() => undefined);
  }
}
