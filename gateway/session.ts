// One device socket's state. Owned by DeviceGateway; never shared across sockets.
import type { Logger } from '../src/log.js';
import type { Delivery } from '../src/messages.js';
import type { Transport } from './transport.js';

export type SessionState = 'awaiting_hello' | 'authenticating' | 'ready' | 'closed';

export class DeviceSession {
  state: SessionState = 'awaiting_hello';
  /** accessId → token, for the apps registered in hello. */
  readonly tokens = new Map<string, string>();
  /**
   * Sent and not yet acked, by message id. Push ids are global and each push
   * belongs to one app, so a message id is unique on one socket.
   */
  readonly inflight = new Map<string, Delivery>();
  /** Offline reads in progress; live deliveries wait in `held` meanwhile so order is kept. */
  draining = 0;
  /** Another drain was asked for while one ran. */
  drainAgain = false;
  held: Delivery[] = [];

  constructor(
    readonly transport: Transport,
    readonly log: Logger,
  ) {}

  get isOpen(): boolean {
    return this.state !== 'closed';
  }
}
