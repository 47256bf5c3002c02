// The domain records that cross service boundaries: one message bound for one
// device (Delivery) and what a device says back about it (Receipt). On the
// in-process bus they pass as objects; on NATS they travel msgpackr-packed.

export type MessageKind = 'notify' | 'message';

/** One push for one device token. `messageId` is unique per (push, token). */
export interface Delivery {
  messageId: string;
  pushId: string;
  accessId: string;
  token: string;
  kind: MessageKind;
  title: string;
  content: string;
  /** JSON text; "" when none. */
  customContent: string;
  /** ms since epoch; 0 = no expiry (delivered only to devices online now). */
  expiresAt: number;
  /** ms since epoch when the API accepted the push. */
  sentAt: number;
}

/** ack: device got it; click: user opened it; expired: dropped from offline storage unacked at expiry. */
export type ReceiptKind = 'ack' | 'click' | 'expired';

/** What became of one delivery, from gateway to router (which keeps the counters). */
export interface Receipt {
  kind: ReceiptKind;
  messageId: string;
  pushId: string;
  accessId: string;
  token: string;
  at: number;
}

/**
 * What a router asks of one gateway node.
 * - deliver: send these to the sockets holding their tokens (already stored offline
 *   where the push has an expiry; a socket that is gone simply skips them).
 * - drain: offline messages were added for these tokens after a route lookup raced
 *   with their connect; read the offline queue again.
 */
export type GatewayCommand =
  | { kind: 'deliver'; deliveries: Delivery[] }
  | { kind: 'drain'; tokens: string[] };

/** Sortable message ids: ordering by id is push order for one token. */
export function compareMessageIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
