// The gateway core: device sessions, hello, heartbeats' pong, live delivery,
// offline drain on connect, acks and clicks. Transport-agnostic: gateway/uws
// feeds it socket events, tests feed it in-memory transports.
//
// Delivery, ordering and flow control live in Outbox (gateway/outbox.ts): after
// hello a session gets its offline queue in push order, then live traffic, with
// at most `inflightWindow` deliveries unacked; what a closing socket had in
// flight goes to offline storage, so it loses nothing.
import { decodeClientFrame, encodeServerFrame, type DecodedClientFrame, type Hello } from '../proto/codec.js';
import type { NodeBus } from '../src/bus/node-bus.js';
import { DeviceError, DeviceProtocolError, type DeviceErrorCode } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import type { GatewayCommand } from '../src/messages.js';
import type { FoldedCount, Metrics } from '../src/metrics.js';
import type { TagStore } from '../src/stores/audience-types.js';
import type { AppStore, BroadcastLog, DeviceStore, OfflineStore, PushStore, RouteRegistry } from '../src/stores/types.js';
import { singleAckId } from './ack-frame.js';
import { errorFrame, goawayFrame, pongFrame } from './frames.js';
import { HelloAuthenticator } from './hello.js';
import type { RegistrationLimiter } from './registration-limiter.js';
import { MessageCache } from './message-cache.js';
import { Outbox } from './outbox.js';
import { BroadcastFanout } from './broadcast-fanout.js';
import { ReceiptBatcher } from './receipts.js';
import type { DeviceProfiles } from './device-profile.js';
import { DeviceSession } from './session.js';
import type { TopicPublisher, Transport } from './transport.js';
import { onNode, type DeliveryTrace } from '../src/trace/delivery-trace.js';

export interface GatewayLimits {
  heartbeatSeconds: number;
  maxFrameBytes: number;
  maxAppsPerSocket: number;
  /** Deliveries in flight (sent, unacked) per socket. */
  inflightWindow: number;
  /** A live delivery unacked this long gets an offline ref (it stays in flight). */
  ackTimeoutMs: number;
}

export interface DeviceGatewayDeps {
  nodeId: string;
  apps: Pick<AppStore, 'get'>;
  devices: DeviceStore;
  routes: RouteRegistry;
  offline: OfflineStore;
  /** Broadcast fan-out (uWS topics) and catch-up; without them `publish` commands reach no one. */
  topics?: TopicPublisher;
  broadcasts?: Pick<BroadcastLog, 'after' | 'latest'>;
  tags?: Pick<TagStore, 'tagsOf'>;
  /** Limits new registrations per app and per source address; none when absent. */
  registrations?: RegistrationLimiter;
  /** Push records, for the content of offline refs. */
  pushes: Pick<PushStore, 'get'>;
  bus: NodeBus;
  limits: GatewayLimits;
  log: Logger;
  metrics: Metrics;
  now?: () => number;
  /** Tag and account frames (device-profile.ts); without it they are ignored. */
  profiles?: DeviceProfiles;
  /** Records sent and stored steps, naming this node (src/trace). */
  trace?: DeliveryTrace;
}

export class DeviceGateway {
  private readonly sessions = new Map<string, DeviceSession>();
  private readonly allSessions = new Set<DeviceSession>();
  private readonly auth: HelloAuthenticator;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly receipts: ReceiptBatcher;
  private readonly outbox: Outbox;
  private readonly fanout: BroadcastFanout | undefined;
  /** homing_frames_in_total{type="ack"}, looked up once: it counts every ack. */
  private readonly acksIn: FoldedCount;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: DeviceGatewayDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.log.child({ component: 'gateway', node: deps.nodeId });
    this.acksIn = deps.metrics.frameIn('ack');
    this.receipts = new ReceiptBatcher(deps.offline, deps.bus, this.log, this.now);
    const messages = new MessageCache(deps.pushes);
    this.outbox = new Outbox({
      offline: deps.offline,
      receipts: this.receipts,
      messages,
      sessionFor: (token) => {
        const session = this.sessions.get(token);
        return session?.state === 'ready' ? session : undefined;
      },
      slowConsumer: (session) => this.fail(session, DeviceError.SLOW_CONSUMER, 'too much unsent data queued for this socket'),
      window: deps.limits.inflightWindow,
      ackTimeoutMs: deps.limits.ackTimeoutMs,
      log: this.log,
      metrics: deps.metrics,
      now: this.now,
      trace: deps.trace && onNode(deps.trace, deps.nodeId),
    });
    const { topics, broadcasts, tags } = deps;
    this.fanout = topics && broadcasts && tags
      ? new BroadcastFanout({ topics, broadcasts, tags, receipts: this.receipts, messages, log: this.log, metrics: deps.metrics, now: this.now })
      : undefined;
    this.auth = new HelloAuthenticator(deps.apps, deps.devices, deps.limits.maxAppsPerSocket, this.now, deps.registrations);
    this.unsubscribe = deps.bus.onNodeCommand(deps.nodeId, (command) => this.handleCommand(command));
  }

  get socketCount(): number {
    return this.allSessions.size;
  }

  /** Tokens this node holds a socket for (cluster mode refreshes their routes' TTL). */
  heldTokens(): string[] {
    return [...this.sessions.keys()];
  }

  open(transport: Transport): DeviceSession {
    const session = new DeviceSession(transport);
    this.allSessions.add(session);
    return session;
  }

  /** `bytes` may be a view into a transport buffer: it is decoded before anything awaits. */
  message(session: DeviceSession, bytes: Uint8Array, isBinary: boolean): void {
    if (!session.isOpen) return;
    if (bytes.byteLength > this.deps.limits.maxFrameBytes) {
      return this.fail(session, DeviceError.FRAME_TOO_LARGE, `frame of ${bytes.byteLength} bytes exceeds ${this.deps.limits.maxFrameBytes}`);
    }
    if (!isBinary) return this.fail(session, DeviceError.UNKNOWN_FRAME, 'text frames are not part of the protocol');
    // An ack of one message, the most common frame by far, without protobufjs (ack-frame.ts).
    const ackId = singleAckId(bytes, this.fanout?.lastAckedId);
    if (ackId !== undefined) {
      this.acksIn.inc();
      if (session.state !== 'ready') return this.fail(session, DeviceError.HELLO_REQUIRED, 'ack before welcome');
      // A broadcast's ack, the most common by far, needs no array.
      if (!this.ackedBroadcast(session, ackId)) this.outbox.acked(session, [ackId]);
      return;
    }
    let frame: DecodedClientFrame;
    try {
      frame = decodeClientFrame(bytes);
    } catch {
      return this.fail(session, DeviceError.MALFORMED_FRAME, 'frame is not a ClientFrame protobuf message');
    }
    const type = frame.body;
    this.deps.metrics.frameIn(type ?? 'unknown').inc();
    if (type === undefined) {
      // A body this gateway does not know: a newer client's frame type. Answered and
      // ignored, never fatal, so clients can add frame types without older gateways
      // dropping them (docs/protocol.md, "Forward compatibility").
      this.deps.metrics.deviceErrors.inc({ code: DeviceError.UNSUPPORTED_FRAME });
      session.transport.send(errorFrame(DeviceError.UNSUPPORTED_FRAME, 'frame type not supported by this gateway; ignored'));
      return;
    }
    if (type === 'hello') {
      if (session.state !== 'awaiting_hello') return this.fail(session, DeviceError.DUPLICATE_HELLO, 'hello was already sent on this socket');
      void this.hello(session, frame.hello!);
      return;
    }
    if (type === 'ping') {
      // Pings are welcome even while hello is being checked: they only keep the socket alive.
      session.transport.send(pongFrame(Number(frame.ping?.clientTime ?? 0), this.now()));
      return;
    }
    if (session.state !== 'ready') return this.fail(session, DeviceError.HELLO_REQUIRED, `${type} before welcome`);
    if (type === 'ack') this.ack(session, frame.ack?.messageIds ?? []);
    else if (type === 'click') this.click(session, frame.click!);
    else if (type === 'tagChange' || type === 'accountChange') this.deps.profiles?.handle(session, frame);
  }

  closed(session: DeviceSession): void {
    if (session.state === 'closed') return;
    const wasReady = session.state === 'ready';
    session.state = 'closed';
    this.allSessions.delete(session);
    const released: string[] = [];
    for (const token of session.tokens) {
      // A newer socket of the same device may hold the token already.
      if (this.sessions.get(token) === session) {
        this.sessions.delete(token);
        released.push(token);
      }
    }
    this.outbox.closed(session);
    this.receipts.socketClosed(session);
    if (wasReady) this.deps.metrics.connectedSockets.dec();
    this.deps.metrics.connectedDevices.set(this.sessions.size);
    if (released.length > 0) {
      this.deps.routes.remove(released, this.deps.nodeId).catch((err) => this.log.error({ err }, 'route removal failed'));
    }
  }

  /** The socket's transport wrote out its queued data (uWS drain). */
  writable(session: DeviceSession): void {
    this.outbox.writable(session);
  }

  /** Goaway to every device, then close them with GOING_AWAY. */
  shutdown(reason: string, reconnectAfterMs: number): void {
    const goaway = goawayFrame(reason, reconnectAfterMs);
    for (const session of [...this.allSessions]) {
      session.transport.cork(() => session.transport.send(goaway, true));
      session.transport.close(DeviceError.GOING_AWAY, reason);
      this.closed(session);
    }
    this.unsubscribe();
    this.outbox.stop();
    this.receipts.flush();
  }

  handleCommand(command: GatewayCommand): void {
    if (command.kind === 'deliver') {
      this.outbox.deliver(command.message, command.tokens);
      return;
    }
    if (command.kind === 'publish') {
      const reached = this.fanout?.publish(command.message, command.tag) ?? 0;
      this.receipts.report('published', '', command.message, false, reached);
      return;
    }
    if (command.kind === 'retag') {
      for (const token of command.tokens) {
        const session = this.sessions.get(token);
        if (session?.state === 'ready') this.fanout?.resync(session, command.accessId).catch((err) => this.log.error({ err }, 'tag topics resync failed'));
      }
      return;
    }
    const bySession = new Map<DeviceSession, string[]>();
    for (const token of command.tokens) {
      const session = this.sessions.get(token);
      if (session?.state !== 'ready') continue;
      const list = bySession.get(session);
      if (list) list.push(token);
      else bySession.set(session, [token]);
    }
    for (const [session, tokens] of bySession) this.outbox.rewind(session, tokens);
  }

  private async hello(session: DeviceSession, hello: Hello): Promise<void> {
    session.state = 'authenticating';
    let grants;
    try {
      grants = await this.auth.authenticate(hello, session.transport.remoteAddress?.() ?? '');
    } catch (err) {
      return this.failWith(session, err);
    }
    const accessIds = grants.map((g) => g.accessId);
    let latest: string[] = [];
    try {
      if (this.fanout) latest = await this.fanout.latest(accessIds);
    } catch (err) {
      return this.failWith(session, err);
    }
    if (!session.isOpen) return;
    for (const grant of grants) {
      const previous = this.sessions.get(grant.token);
      if (previous && previous !== session) this.fail(previous, DeviceError.REPLACED, 'the same token connected on another socket');
      this.sessions.set(grant.token, session);
    }
    session.setApps(grants.map((g) => g.accessId), grants.map((g) => g.token));
    // session.backlog is set from the start: live traffic is stored behind the
    // offline queue until the first drain has read it.
    session.state = 'ready';
    this.deps.metrics.connectedSockets.inc();
    this.deps.metrics.connectedDevices.set(this.sessions.size);
    const welcome = encodeServerFrame({
      welcome: {
        apps: grants.map((g, i) => ({ accessId: g.accessId, token: g.token, tokenSecret: g.tokenSecret, resumed: g.resumed, broadcastId: latest[i] ?? '' })),
        heartbeatIntervalMs: this.deps.limits.heartbeatSeconds * 1000,
        nodeId: this.deps.nodeId,
        maxFrameBytes: this.deps.limits.maxFrameBytes,
      },
    });
    session.transport.cork(() => session.transport.send(welcome));
    this.deps.metrics.framesOut.inc({ type: 'welcome' });
    try {
      await this.deps.routes.set(session.tokens, this.deps.nodeId);
      // Topics before the catch-up read: a broadcast published in between comes
      // live, or from the read, or both (the SDK drops the duplicate).
      await this.fanout?.join(session, accessIds);
    } catch (err) {
      return this.failWith(session, err);
    }
    if (session.isOpen) await this.outbox.drain(session);
    if (session.isOpen && this.fanout) {
      const named = new Map(hello.apps?.map((a) => [a.accessId ?? '', a.lastBroadcastId ?? '']) ?? []);
      const lastSeen = new Map(grants.map((g) => [g.accessId, { after: named.get(g.accessId) ?? '', since: g.resumed ? (g.seenBefore ?? 0) : 0 }]));
      await this.fanout.catchUp(session, lastSeen).catch((err) => this.log.error({ err }, 'broadcast catch-up failed'));
    }
  }

  /** A device's own tag change went through: its tag topics follow. */
  tagsChanged(session: DeviceSession, accessId: string): void {
    this.fanout?.resync(session, accessId).catch((err) => this.log.error({ err }, 'tag topics resync failed'));
  }

  private ack(session: DeviceSession, messageIds: string[]): void {
    // Broadcasts keep no per-device state; everything else is the outbox's.
    // Built only when needed: most acks name one broadcast or one delivery.
    let direct: string[] | undefined;
    for (const id of messageIds) {
      if (!this.ackedBroadcast(session, id)) (direct ??= []).push(id);
    }
    if (direct) this.outbox.acked(session, direct);
  }

  /** Counts the ack when it names a broadcast this socket got (not one of its deliveries); false otherwise. */
  private ackedBroadcast(session: DeviceSession, id: string): boolean {
    const fanout = this.fanout;
    return fanout !== undefined && !session.isInflight(id) && fanout.acked(session, id);
  }

  private click(session: DeviceSession, click: NonNullable<DecodedClientFrame['click']>): void {
    const accessId = click.accessId ?? '';
    const token = session.tokenOf(accessId);
    if (!token || !click.messageId) return; // not this socket's app: nothing to count
    this.receipts.clicked(accessId, token, click.messageId);
  }

  private failWith(session: DeviceSession, err: unknown): void {
    if (err instanceof DeviceProtocolError) return this.fail(session, err.code, err.message, err.accessId);
    this.log.error({ err }, 'device session failed');
    this.fail(session, DeviceError.INTERNAL, 'internal error, reconnect later');
  }

  private fail(session: DeviceSession, code: DeviceErrorCode, message: string, accessId = ''): void {
    if (!session.isOpen) return;
    this.deps.metrics.deviceErrors.inc({ code });
    this.log.debug({ code, reason: message }, 'closing device socket');
    session.transport.cork(() => session.transport.send(errorFrame(code, message, accessId), true));
    session.transport.close(code, message.slice(0, 120));
    this.closed(session);
  }
}
