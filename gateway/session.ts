// One device socket's state. Owned by DeviceGateway; never shared across sockets.
// An idle socket is the common case (millions of them), so per-socket state is
// kept small: one app's access id and token as plain fields (arrays only for
// several apps), in-flight and held messages allocated only while there are any.
import type { Delivery } from '../src/messages.js';
import type { Transport } from './transport.js';

export type SessionState = 'awaiting_hello' | 'authenticating' | 'ready' | 'closed';

const NONE: readonly string[] = [];

export class DeviceSession {
  state: SessionState = 'awaiting_hello';
  /** The apps registered in hello and their tokens, index for index; a bare string for one app. */
  private accessIds: string | readonly string[] = NONE;
  private appTokens: string | readonly string[] = NONE;
  /**
   * Sent and not yet acked, by message id. Push ids are global and each push
   * belongs to one app, so a message id is unique on one socket.
   */
  private inflight: Map<string, Delivery> | undefined;
  /** Offline reads in progress; live deliveries wait in `held` meanwhile so order is kept. */
  draining = 0;
  /** Another drain was asked for while one ran. */
  drainAgain = false;
  private held: Delivery[] | undefined;

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

  isInflight(messageId: string): boolean {
    return this.inflight?.has(messageId) ?? false;
  }

  markInflight(delivery: Delivery): void {
    (this.inflight ??= new Map()).set(delivery.messageId, delivery);
  }

  /** Removes and returns the in-flight delivery, if this socket has it. */
  acked(messageId: string): Delivery | undefined {
    const delivery = this.inflight?.get(messageId);
    if (delivery) {
      this.inflight!.delete(messageId);
      if (this.inflight!.size === 0) this.inflight = undefined;
    }
    return delivery;
  }

  hold(delivery: Delivery): void {
    (this.held ??= []).push(delivery);
  }

  /** The held deliveries, in arrival order; the session holds none after. */
  takeHeld(): Delivery[] {
    const held = this.held ?? [];
    this.held = undefined;
    return held;
  }
}
