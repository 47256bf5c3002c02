// Pushes to every device of an app, or of one tag, through uWS topics: each
// gateway node gets one bus message, encodes the frame once (token-less: the
// device knows its token) and `publish` does the rest natively. No per-device
// state is kept for them; a device that was away catches up on reconnect from
// the app's BroadcastLog, after the last broadcast push id its hello names.
//
// Topics: `a/<accessId>` for the app, `t/<accessId>/<tag>` per tag. A socket
// joins its apps' topics and its tokens' tag topics after hello, and its tag
// topics follow tag changes (device frames, or the REST tag API through a
// `retag` command to the node holding the token).
import { LRUCache } from 'lru-cache';
import type { Logger } from '../src/log.js';
import type { PushMessage } from '../src/messages.js';
import type { Metrics } from '../src/metrics.js';
import type { TagStore } from '../src/stores/audience-types.js';
import type { BroadcastLog } from '../src/stores/types.js';
import { pushFrame } from './frames.js';
import type { MessageCache } from './message-cache.js';
import type { ReceiptBatcher } from './receipts.js';
import type { DeviceSession } from './session.js';
import type { TopicPublisher } from './transport.js';

/** At most this many missed broadcasts per app are sent on reconnect (the newest are kept). */
export const MAX_CATCH_UP = 100;

export function appTopic(accessId: string): string {
  return `a/${accessId}`;
}

export function tagTopic(accessId: string, tag: string): string {
  return `t/${accessId}/${tag}`;
}

export interface BroadcastFanoutDeps {
  topics: TopicPublisher;
  broadcasts: Pick<BroadcastLog, 'after' | 'latest'>;
  tags: Pick<TagStore, 'tagsOf'>;
  receipts: ReceiptBatcher;
  messages: MessageCache;
  log: Logger;
  metrics: Metrics;
  now: () => number;
}

export class BroadcastFanout {
  /** Broadcasts this node sent lately, by push id: an ack names only the id. */
  private readonly recent = new LRUCache<string, PushMessage>({ max: 10_000 });
  /** The broadcast acked last: its acks come together, and a string compare is cheaper than the LRU's lookup. */
  private lastAcked: PushMessage | undefined;
  /**
   * Its push id, in a field of its own: PushMessages come in several shapes,
   * and reading `pushId` through them on every ack was a generic property load.
   */
  private lastAckedPushId: string | undefined;
  /** The tag topics each socket joined, per app, so a tag change can leave the old ones. */
  private readonly joined = new WeakMap<DeviceSession, Map<string, string[]>>();

  constructor(private readonly deps: BroadcastFanoutDeps) {}

  /** A router's publish command. Resolves the number of sockets on this node it reached. */
  publish(message: PushMessage, tag: string): number {
    this.recent.set(message.pushId, message);
    if (message.expiresAt !== 0 && message.expiresAt <= this.deps.now()) return 0;
    const reached = this.deps.topics.publish(tag ? tagTopic(message.accessId, tag) : appTopic(message.accessId), pushFrame(message, '', true));
    this.deps.metrics.frameOut('push').inc(reached);
    return reached;
  }

  /** The newest broadcast of each app, for the welcome (a fresh device starts there). */
  latest(accessIds: readonly string[]): Promise<string[]> {
    return Promise.all(accessIds.map((a) => this.deps.broadcasts.latest(a)));
  }

  /** Joins the socket's app topics and its tokens' tag topics. */
  async join(session: DeviceSession, accessIds: readonly string[]): Promise<void> {
    for (const accessId of accessIds) session.transport.subscribe(appTopic(accessId));
    await Promise.all(accessIds.map((accessId) => this.resync(session, accessId)));
  }

  /** The token's tags changed: leave the old tag topics, join the new ones. */
  async resync(session: DeviceSession, accessId: string): Promise<void> {
    const token = session.tokenOf(accessId);
    if (!token) return;
    const tags = await this.deps.tags.tagsOf(accessId, token);
    if (!session.isOpen) return;
    let byApp = this.joined.get(session);
    const before = byApp?.get(accessId) ?? [];
    const after = tags.map((t) => tagTopic(accessId, t));
    for (const topic of before) if (!after.includes(topic)) session.transport.unsubscribe(topic);
    for (const topic of after) if (!before.includes(topic)) session.transport.subscribe(topic);
    if (after.length === 0 && !byApp) return;
    if (!byApp) this.joined.set(session, (byApp = new Map()));
    byApp.set(accessId, after);
  }

  /**
   * Sends each app's broadcasts after the id the device saw last, skipping
   * expired ones and tags the token does not have. A client that names no id
   * but resumes a token gets those sent since its previous hello (`since`, ms;
   * at-least-once: it may have had some live); a new device starts from now.
   */
  async catchUp(session: DeviceSession, lastSeen: ReadonlyMap<string, { after: string; since: number }>): Promise<void> {
    const now = this.deps.now();
    for (const [accessId, { after, since }] of lastSeen) {
      const token = session.tokenOf(accessId);
      if ((!after && !since) || !token) continue;
      const missed = await this.deps.broadcasts.after(accessId, after, Number.MAX_SAFE_INTEGER, now);
      const tags = new Set(await this.deps.tags.tagsOf(accessId, token));
      const wanted = missed.filter((e) => e.tag === '' || tags.has(e.tag));
      const resolved = await Promise.all(wanted.map((e) => this.deps.messages.resolve({ token, pushId: e.pushId, seq: e.pushId, accessId, expiresAt: e.expiresAt })));
      const messages = resolved.filter((m) => m && (after || m.sentAt >= since)).slice(-MAX_CATCH_UP);
      if (!session.isOpen) return;
      session.transport.cork(() => {
        for (const message of messages) {
          if (!message) continue;
          this.recent.set(message.pushId, message);
          // Encoded for this device anyway, so it names the token.
          session.transport.send(pushFrame(message, token, true));
        }
      });
    }
  }

  /** The push id of the broadcast acked last: most acks name it while a broadcast's acks come in. */
  get lastAckedId(): string | undefined {
    return this.lastAckedPushId;
  }

  /** An ack naming a broadcast: counted once per token. False when the id is no broadcast of this socket's apps. */
  acked(session: DeviceSession, pushId: string): boolean {
    // peek: a broadcast's acks come by the thousand, and moving its entry up the LRU order on each
    // one cost more than the rest of the lookup; entries leave in the order they were sent.
    let message = this.lastAcked;
    if (this.lastAckedPushId !== pushId) {
      message = this.recent.peek(pushId);
      if (message) {
        this.lastAcked = message;
        this.lastAckedPushId = pushId;
      }
    }
    const token = message && session.tokenOf(message.accessId);
    if (!message || !token) return false;
    this.deps.receipts.broadcastAcked(session, token, message);
    return true;
  }
}
