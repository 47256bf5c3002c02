// "Did this push reach this device, and if not, where did it stop?" A
// DeliveryTrace keeps the steps of each traced delivery (one push to one
// token): the router records accepted, routed, failed, and what receipts say
// (acked, clicked, expired); the gateway records sent and stored. Recording is
// fire-and-forget and never throws into the delivery path; a role built
// without a trace records nothing.
import type { PushMessage, Receipt } from '../messages.js';

export type TraceStepKind = 'accepted' | 'routed' | 'sent' | 'acked' | 'clicked' | 'stored' | 'expired' | 'failed';

export interface TraceStep {
  pushId: string;
  token: string;
  step: TraceStepKind;
  /** ms since epoch. */
  at: number;
  /** The gateway node that held (routed) or sent to the device. */
  node?: string;
  /** How it went out: long_connection, offline, apns or fcm. */
  channel?: string;
  /** Why it was stored or failed. */
  reason?: string;
  /**
   * accepted only: how many targets this call of the push has. Large calls are
   * sampled (the implementation decides which tokens); later steps are kept only
   * for deliveries whose `accepted` was kept.
   */
  targets?: number;
  /** accepted only: when the push expires (ms since epoch, 0 = never stored); the trace is kept that long plus its retention. */
  expiresAt?: number;
}

export interface DeliveryTrace {
  record(step: TraceStep): void;
  /** The delivery's steps in the order they happened; undefined when it is not traced (unknown, sampled out, or past retention). */
  steps(pushId: string, token: string): TraceStep[] | undefined;
}

/** Why a delivery went to offline storage instead of a socket (stored steps). */
export const StoredReason = {
  NOT_CONNECTED: 'not_connected',
  SOCKET_BUSY: 'socket_busy',
  SOCKET_CLOSED: 'socket_closed_before_ack',
  ACK_OVERDUE: 'ack_overdue',
  SLOW_CONSUMER: 'slow_consumer',
} as const;

/**
 * The router's view of one call, right after route lookup: `registered` with
 * their `routes` (same index; undefined = no live socket), and the tokens that
 * are not registered to the app. `providers` (same index) names the targets
 * that go to APNs or FCM instead.
 */
export function traceRouting(trace: DeliveryTrace, message: PushMessage, registered: readonly string[], routes: ReadonlyArray<string | undefined>, unregistered: readonly string[], at: number, providers?: ReadonlyArray<{ channel: string } | undefined>): void {
  const targets = registered.length + unregistered.length;
  // Literals without spreads: V8 builds `{ ...base, ... }` the slow way, and this runs per target.
  const { pushId, sentAt, expiresAt } = message;
  registered.forEach((token, i) => {
    trace.record({ pushId, token, step: 'accepted', at: sentAt, targets, expiresAt });
    const node = routes[i];
    const provider = providers?.[i];
    if (provider) trace.record({ pushId, token, step: 'routed', at, channel: provider.channel });
    else if (node) trace.record({ pushId, token, step: 'routed', at, node, channel: 'long_connection' });
    else if (expiresAt > 0) trace.record({ pushId, token, step: 'routed', at, channel: 'offline', reason: StoredReason.NOT_CONNECTED });
    else trace.record({ pushId, token, step: 'failed', at, reason: 'offline_and_no_expire_time' });
  });
  for (const token of unregistered) {
    trace.record({ pushId, token, step: 'accepted', at: sentAt, targets, expiresAt });
    trace.record({ pushId, token, step: 'failed', at, reason: 'token_not_registered' });
  }
}

const RECEIPT_STEP: Partial<Record<Receipt['kind'], TraceStepKind>> = { ack: 'acked', click: 'clicked', expired: 'expired', overflow: 'failed' };

/** What devices and the gateways' expiry said, as steps; `settled` is bookkeeping and shows as the gateway's stored step instead. */
export function traceReceipts(trace: DeliveryTrace, receipts: readonly Receipt[]): void {
  for (const r of receipts) {
    const step = RECEIPT_STEP[r.kind];
    // Counted broadcast acks name no device (broadcasts are not traced per device).
    if (!step || !r.token) continue;
    if (r.kind === 'overflow') trace.record({ pushId: r.pushId, token: r.token, step, at: r.at, reason: 'offline_queue_full' });
    else trace.record({ pushId: r.pushId, token: r.token, step, at: r.at });
  }
}

/** Deliveries a gateway wrote to offline storage instead of (or besides) a socket, and why. */
export function traceStored(trace: DeliveryTrace | undefined, refs: ReadonlyArray<{ pushId: string; token: string }>, reason: string, at: number): void {
  if (trace) for (const r of refs) trace.record({ pushId: r.pushId, token: r.token, step: 'stored', at, reason });
}

/** Offline refs the router's sweep removed at their expiry. */
export function traceExpired(trace: DeliveryTrace, refs: ReadonlyArray<{ pushId: string; token: string }>, at: number): void {
  for (const r of refs) trace.record({ pushId: r.pushId, token: r.token, step: 'expired', at });
}

/** A trace for one gateway node: steps it records name the node. */
export function onNode(trace: DeliveryTrace, node: string): DeliveryTrace {
  return {
    record: (step) => {
      // Set in place, not spread (V8 builds spreads the slow way): callers hand over fresh step objects.
      step.node ??= node;
      trace.record(step);
    },
    steps: (pushId, token) => trace.steps(pushId, token),
  };
}
