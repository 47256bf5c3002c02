// The domain records that cross service boundaries: a push's content as the
// gateways send it (PushMessage), a reference to it waiting for one device
// (OfflineRef), and what a device says back (Receipt). On the in-process bus
// they pass as objects; on NATS they travel msgpackr-packed.
import type { PushRecord } from './stores/types.js';

export type MessageKind = 'notify' | 'message';

/**
 * One push as devices receive it. Shared by every target of the push: the
 * device's token is added when the frame is built, so a token_list of 1,000
 * carries one copy of the content, not 1,000.
 */
export interface PushMessage {
  /** Also the message id devices ack and dedupe by: one message per (push, token). */
  pushId: string;
  /**
   * The push log position of the call that sent it: the push id for the call that
   * created the push, a later id for a call that reused the push id (token_list).
   */
  seq: string;
  accessId: string;
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

/**
 * A push waiting in a token's offline queue: a reference to the push log, never
 * a copy of the content. Ordered per token by push id (compareMessageIds).
 */
export interface OfflineRef {
  token: string;
  pushId: string;
  seq: string;
  accessId: string;
  /** ms since epoch; offline refs always expire. */
  expiresAt: number;
}

/**
 * What became of one delivery, from gateway to routers (counters, checkpoint).
 * - ack: the device acked it; counted once (see gateway/receipts.ts).
 * - click: the user opened it.
 * - expired: dropped from offline storage unacked at its expiry.
 * - settled: a live delivery needs no more tracking for recovery: it went to
 *   offline storage instead (socket closed, window full, ack overdue, no
 *   session), or it repeated a message this socket already had.
 * - overflow: the token's offline queue was full and this, its oldest, was dropped.
 * - published: a broadcast reached `count` sockets on one node (token "").
 */
export type ReceiptKind = 'ack' | 'click' | 'expired' | 'settled' | 'overflow' | 'published';

export interface Receipt {
  kind: ReceiptKind;
  pushId: string;
  /** Push log position of the delivering call ("" for clicks, which name only the push). */
  seq: string;
  accessId: string;
  token: string;
  at: number;
  /** ack only: the delivery was live and not yet stored, so this ack settles it (DeliveryTracker). */
  live?: boolean;
  /** published: sockets reached; ack of a broadcast: acks counted (token "", one receipt per push per turn). */
  count?: number;
}

/**
 * What a router asks of one gateway node.
 * - deliver: send `message` to the sockets holding `tokens`. A token with no
 *   socket here, or one that cannot take it now, goes to offline storage.
 * - drain: offline refs were added for these tokens after a route lookup raced
 *   with their connect; read the offline queue again.
 * - publish: a broadcast to every device of the app (`tag` "") or of one tag,
 *   sent to every node once (NodeBus.sendToAll).
 * - retag: these tokens' tags changed (REST tag API); rejoin their tag topics.
 */
export type GatewayCommand =
  | { kind: 'deliver'; message: PushMessage; tokens: string[] }
  | { kind: 'drain'; tokens: string[] }
  | { kind: 'publish'; message: PushMessage; tag: string }
  | { kind: 'retag'; accessId: string; tokens: string[] };

/** Sortable decimal ids: ordering by id is push order (and log order). */
export function compareMessageIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function offlineRef(message: PushMessage, token: string): OfflineRef {
  return { token, pushId: message.pushId, seq: message.seq, accessId: message.accessId, expiresAt: message.expiresAt };
}

/** What gateways send for one call of a push: one object shared by every target. */
export function pushMessage(record: PushRecord, seq: string): PushMessage {
  return {
    pushId: record.pushId,
    seq,
    accessId: record.accessId,
    kind: record.kind,
    title: record.title,
    content: record.content,
    customContent: record.customContent,
    expiresAt: record.expireTime > 0 ? record.createdAt + record.expireTime * 1000 : 0,
    sentAt: record.createdAt,
  };
}
