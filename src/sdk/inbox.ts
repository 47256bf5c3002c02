// Decides which pushes reach the app, and when each is acked.
//
// Contract, per push frame:
// - a duplicate (same app and message id seen before, on any socket of this
//   client, or before a reload or restart when the token store keeps seen
//   ids: seen-persistence.ts) is acked and dropped;
// - an expired push (expires_at at or before the server's now) is acked and
//   dropped: the sender asked for it not to be shown after that time;
// - a push for an app with no handler yet is held, unacked, until onPush()
//   adds one (so registering late does not lose what the offline queue
//   brought);
// - otherwise every handler of its app runs, in arrival order, and then it is
//   acked. A handler that throws is reported and the push still counts as
//   delivered: redelivering it would only throw again.
import type { PushFrame } from '../../proto/codec.js';
import type { SeenIds } from './dedup.js';
import { isExpired, toPush } from './frames.js';
import { seenUntil } from './seen-persistence.js';
import type { PushHandler, SdkLogger } from './types.js';

/** Pushes for an app with no handler yet wait (unacked) up to this many per app. */
export const MAX_HELD_PUSHES = 1_000;

export type AckFn = (messageId: string) => void;

export interface InboxOptions {
  accessIds: Iterable<string>;
  /** The ids already handed to the app; shared with seen-persistence.ts, which saves them. */
  seen: SeenIds;
  logger: SdkLogger;
  onHandlerError: (err: unknown) => void;
}

export class Inbox {
  private readonly apps: Set<string>;
  private readonly seen: SeenIds;
  private readonly handlers = new Map<string, Set<PushHandler>>();
  private readonly held = new Map<string, PushFrame[]>();
  /** Server clock minus device clock; expiry is judged on the server's clock. */
  private clockOffsetMs = 0;

  constructor(private readonly options: InboxOptions) {
    this.apps = new Set(options.accessIds);
    this.seen = options.seen;
  }

  setClockOffset(offsetMs: number): void {
    this.clockOffsetMs = offsetMs;
  }

  /** The server's clock, as far as this device can tell. */
  serverNow(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Adds a handler; held pushes of its app are delivered right after, acked through `ack`. */
  subscribe(accessId: string, handler: PushHandler, ack: AckFn): () => void {
    let set = this.handlers.get(accessId);
    if (!set) this.handlers.set(accessId, (set = new Set()));
    set.add(handler);
    const held = this.held.get(accessId);
    if (held) {
      this.held.delete(accessId);
      // Later, so that no handler runs before subscribe's caller has its unsubscribe function.
      queueMicrotask(() => held.forEach((frame) => this.receive(frame, ack)));
    }
    return () => set.delete(handler);
  }

  receive(frame: PushFrame, ack: AckFn): void {
    const messageId = frame.messageId ?? '';
    const accessId = frame.accessId ?? '';
    const { logger } = this.options;
    if (!messageId) return logger.warn({ accessId }, 'homing: push without message id');
    if (!this.apps.has(accessId)) {
      logger.warn({ accessId, messageId }, 'homing: push for an app not registered here');
      return ack(messageId);
    }
    // Keyed by app too, so the dedup holds even if two apps' ids overlap.
    const key = `${accessId}\n${messageId}`;
    if (this.seen.has(key)) return ack(messageId);
    const now = this.serverNow();
    const until = seenUntil(Number(frame.expiresAt ?? 0), now);
    if (isExpired(frame, now)) {
      this.seen.add(key, until);
      logger.debug({ accessId, messageId }, 'homing: expired push dropped');
      return ack(messageId);
    }
    const handlers = this.handlers.get(accessId);
    if (!handlers?.size) return this.hold(accessId, frame);
    this.seen.add(key, until);
    const push = toPush(frame);
    for (const handler of [...handlers]) {
      try {
        handler(push);
      } catch (err) {
        this.options.onHandlerError(err);
      }
    }
    ack(messageId);
  }

  private hold(accessId: string, frame: PushFrame): void {
    let held = this.held.get(accessId);
    if (!held) this.held.set(accessId, (held = []));
    // The same push again on a new socket: it is already waiting.
    if (held.some((f) => f.messageId === frame.messageId)) return;
    held.push(frame);
    // Dropped unacked: the gateway delivers it again after a reconnect.
    if (held.length > MAX_HELD_PUSHES) held.shift();
  }
}
