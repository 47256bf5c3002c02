// HomingClient: one device, one socket shared by 1..N apps, kept connected.
// After a retryable close it reconnects by itself with backoff, resuming each
// app's token; after a refusal (41xx) it stops and reports an error.
// Which pushes reach the app, and when they are acked, is inbox.ts's contract;
// how seen ids outlive a restart is seen-persistence.ts's. Network and page
// events (setOnline, wake, flush) are page-events.ts's; in a browser page the
// client listens to them itself unless `pageEvents: false`.
import type { Welcome } from '../../proto/codec.js';
import { Backoff } from './backoff.js';
import { Connection } from './connection.js';
import { SeenIds } from './dedup.js';
import { Emitter } from './emitter.js';
import { DeviceError } from '../errors.js';
import { CloseCode, HomingClientError, shouldReconnect } from './errors.js';
import { encodeHello, welcomeSessions, type ClickInput } from './frames.js';
import { Inbox } from './inbox.js';
import { DeviceProfile, ProfileRequests } from './profile.js';
import { checkPushToken, resolveOptions, type ResolvedOptions } from './options.js';
import { browserOnline, watchPage } from './page-events.js';
import { SeenPersistence } from './seen-persistence.js';
import type { StoredToken } from './token-store.js';
import { TokenKeeper } from './token-keeper.js';
import { defaultWebSocket, type WebSocketConstructor } from './transport.js';
import type { AppSession, ClientState, HomingClientEvents, HomingClientOptions, PushHandler, PushTokenReport } from './types.js';

/** Clicks made while offline wait for the next socket; beyond this the oldest are dropped. */
export const MAX_QUEUED_CLICKS = 100;

export class HomingClient {
  private readonly options: ResolvedOptions;
  private readonly apps: Set<string>;
  private readonly backoff: Backoff;
  private readonly inbox: Inbox;
  private readonly seen: SeenPersistence;
  private readonly events: Emitter<HomingClientEvents>;
  private readonly tokens: TokenKeeper;
  private current: AppSession[] = [];
  private connection: Connection | undefined;
  /** Tag and account changes waiting for their Result. */
  private readonly profileRequests = new ProfileRequests();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private waiters: Array<{ resolve: (s: AppSession[]) => void; reject: (e: Error) => void }> = [];
  private clicks: ClickInput[] = [];
  private goawayHintMs: number | undefined;
  /** Bumped by close() and give-up, so that an open() still awaiting its setup stands down. */
  private generation = 0;
  private currentState: ClientState = 'idle';
  /** The network is down (setOnline(false)): no pings, no reconnect attempts until it is back. */
  private offline = false;
  private unwatchPage: (() => void) | undefined;
  /** Provider tokens per app, sent in every hello (setPushToken changes them). */
  private readonly pushTokens = new Map<string, PushTokenReport>();

  constructor(options: HomingClientOptions) {
    this.options = resolveOptions(options);
    this.apps = new Set(this.options.apps.map((a) => a.accessId));
    for (const app of this.options.apps) if (app.pushToken) this.pushTokens.set(app.accessId, app.pushToken);
    this.backoff = new Backoff(this.options.backoff);
    const seen = new SeenIds(this.options.dedupCapacity);
    this.inbox = new Inbox({
      accessIds: this.apps,
      seen,
      logger: this.options.logger,
      onHandlerError: (err) => this.reportError(err),
    });
    this.seen = new SeenPersistence(seen, this.options.tokenStore, () => this.inbox.serverNow(), (err) => this.reportError(err));
    this.tokens = new TokenKeeper(this.options.tokenStore, (err) => this.reportError(err));
    this.events = new Emitter((err, event) => this.options.logger.error({ err, event }, 'homing: event listener threw'));
  }

  get state(): ClientState {
    return this.currentState;
  }

  on<K extends keyof HomingClientEvents>(event: K, listener: HomingClientEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  off<K extends keyof HomingClientEvents>(event: K, listener: HomingClientEvents[K]): void {
    this.events.off(event, listener);
  }

  /**
   * Receives the pushes of one app. Register before connect(): pushes that
   * arrive for an app without a handler are held unacked until one is added.
   */
  onPush(accessId: string, handler: PushHandler): () => void {
    this.requireApp(accessId);
    return this.inbox.subscribe(accessId, handler, (id) => this.connection?.ack(id));
  }

  /**
   * Opens the socket and resolves with the sessions of the first Welcome.
   * Network failures are retried with backoff meanwhile; rejects with a
   * HomingClientError when the gateway refuses the hello, or on close().
   */
  connect(): Promise<AppSession[]> {
    if (this.currentState === 'connected') return Promise.resolve(this.sessions());
    const ready = new Promise<AppSession[]>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.currentState === 'idle' || this.currentState === 'closed') {
      this.backoff.reset();
      this.currentState = 'connecting';
      if (this.options.pageEvents) this.watchPage();
      void this.open();
    }
    return ready;
  }

  /**
   * The network went away (false) or came back (true). Offline, the client
   * stops pinging and does not try to reconnect; back online it replaces its
   * socket at once (the old one rarely survives a network change), with the
   * backoff reset. Browsers: called from the online/offline events.
   */
  setOnline(online: boolean): void {
    if (online !== this.offline) return;
    this.offline = !online;
    if (!online) {
      this.connection?.pauseHeartbeat();
      this.cancelReconnectTimer();
      return;
    }
    if (this.currentState !== 'idle' && this.currentState !== 'closed') this.reconnectNow('network back');
  }

  /**
   * The app is in the foreground again: a pending reconnect happens now, and
   * a connected socket is checked with a ping (no answer within the pong
   * timeout: reconnect).
   */
  wake(): void {
    if (this.offline) return;
    if (this.currentState === 'reconnecting') this.reconnectNow('foreground');
    else this.connection?.probe();
  }

  /** Sends pending acks now, after saving the seen ids: the page is being hidden or unloaded. */
  flush(): void {
    this.connection?.flushAcks();
  }

  /** The app's token, once a Welcome has confirmed it. */
  token(accessId: string): string | undefined {
    return this.tokens.token(accessId);
  }

  /**
   * Drops the app's token here and in the token store, so that the next hello
   * asks for a new one: the way out after a 4105 refusal (the stored secret no
   * longer matches; tell your app server the new token). A 4111 (token unknown
   * to the server) is handled without it: the client registers that app anew.
   */
  async forgetToken(accessId: string): Promise<void> {
    this.requireApp(accessId);
    await this.tokens.forget(accessId);
  }

  /** The sessions of the last Welcome. */
  sessions(): AppSession[] {
    return this.current.map((s) => ({ ...s }));
  }

  /**
   * Reports that the user opened a notification. Sent now when connected
   * (returns true), else queued for the next connection (returns false).
   */
  reportClick(accessId: string, messageId: string, action = 'open'): boolean {
    this.requireApp(accessId);
    const click: ClickInput = { accessId, messageId, action, clickedAt: Date.now() };
    if (this.connection?.click(click)) return true;
    this.clicks.push(click);
    if (this.clicks.length > MAX_QUEUED_CLICKS) this.clicks.shift();
    return false;
  }

  /** This device's tags and accounts for one app; each change resolves when the gateway has applied it (profile.ts). */
  profile(accessId: string): DeviceProfile {
    this.requireApp(accessId);
    return new DeviceProfile(accessId, this.profileRequests, () => this.connection);
  }

  /** Flushes pending acks, closes the socket, stops reconnecting, and waits for token writes. */
  async close(): Promise<void> {
    const wasActive = this.currentState !== 'idle' && this.currentState !== 'closed';
    this.stop();
    this.rejectWaiters(new HomingClientError(CloseCode.NORMAL, 'client closed'));
    if (wasActive) {
      this.events.emit('disconnected', { code: CloseCode.NORMAL, reason: 'client closed', willReconnect: false });
    }
    await Promise.allSettled([this.tokens.settled(), this.seen.save()]);
  }

  private async open(): Promise<void> {
    const generation = this.generation;
    let WebSocket: WebSocketConstructor;
    try {
      WebSocket = this.options.WebSocket ?? (await defaultWebSocket());
    } catch (err) {
      if (generation === this.generation) this.giveUp(CloseCode.ABNORMAL, (err as Error).message);
      return;
    }
    let tokens: Map<string, StoredToken>;
    try {
      // Before the first hello: a push redelivered on this socket must meet the ids seen before a restart.
      await this.seen.load();
      tokens = await this.tokens.forHello(this.options.apps.map((a) => a.accessId));
    } catch (err) {
      // A key store can be briefly unreadable (iOS before first unlock): retry rather than replace the token.
      if (generation !== this.generation) return;
      this.reportError(err);
      return this.reconnectLater(CloseCode.ABNORMAL, 'token store unreadable');
    }
    if (generation !== this.generation) return;
    const hello = encodeHello({
      deviceId: this.options.deviceId,
      platform: this.options.platform,
      sdkVersion: this.options.sdkVersion,
      apps: this.options.apps.map((app) => ({ accessId: app.accessId, accessKey: app.accessKey, pushToken: this.pushTokens.get(app.accessId) })),
      tokens,
    });
    try {
      const connection: Connection = new Connection(
        {
          WebSocket,
          url: this.options.url,
          hello,
          handshakeTimeoutMs: this.options.handshakeTimeoutMs,
          pongTimeoutMs: this.options.pongTimeoutMs,
          ackDelayMs: this.options.ackDelayMs,
          beforeAck: () => this.seen.save(),
          logger: this.options.logger,
        },
        {
          onWelcome: (welcome) => this.connection === connection && this.welcomed(connection, welcome),
          onPush: (push) => {
            if (this.connection !== connection) return;
            const accessId = push.accessId ?? '';
            // A broadcast frame is one for every device: it names no token.
            if (push.broadcast && !push.token) push.token = this.tokens.token(accessId) ?? '';
            this.inbox.receive(push, (id) => connection.ack(id));
            if (push.broadcast) this.tokens.sawBroadcast(accessId, push.pushId ?? '');
          },
          onGoaway: (reason, reconnectAfterMs) => this.connection === connection && this.goaway(reason, reconnectAfterMs),
          onClockOffset: (offset) => this.inbox.setClockOffset(offset),
          onResult: (result) => this.profileRequests.settle(result),
          onClosed: (code, reason, accessId) => {
            this.profileRequests.closed(connection, reason);
            if (this.connection === connection) this.closed(code, reason, accessId);
          },
        },
      );
      this.connection = connection;
    } catch (err) {
      // The WebSocket constructor throws only on a URL it cannot use: retrying cannot help.
      this.giveUp(CloseCode.ABNORMAL, (err as Error).message);
    }
  }

  private welcomed(connection: Connection, welcome: Welcome): void {
    const sessions = welcomeSessions(welcome).filter((s) => this.apps.has(s.accessId) && s.token);
    for (const s of sessions) this.tokens.confirm(s.accessId, s, s.broadcastId);
    const missing = [...this.apps].filter((id) => !sessions.some((s) => s.accessId === id));
    if (missing.length) this.options.logger.warn({ missing }, 'homing: welcome lacks sessions for some apps');
    this.current = sessions.map(({ accessId, token, resumed }) => ({ accessId, token, resumed }));
    this.backoff.reset();
    this.currentState = 'connected';
    const resolved = this.sessions();
    this.waiters.splice(0).forEach((w) => w.resolve(resolved));
    this.events.emit('registered', this.sessions());
    this.events.emit('connected', {
      nodeId: welcome.nodeId ?? '',
      heartbeatIntervalMs: welcome.heartbeatIntervalMs ?? 0,
      maxFrameBytes: welcome.maxFrameBytes ?? 0,
      sessions: this.sessions(),
    });
    for (const click of this.clicks.splice(0)) connection.click(click);
  }

  private goaway(reason: string, reconnectAfterMs: number): void {
    this.goawayHintMs = reconnectAfterMs;
    this.events.emit('goaway', { reason, reconnectAfterMs });
  }

  private closed(code: number, reason: string, accessId: string): void {
    this.connection = undefined;
    if (code === DeviceError.UNKNOWN_TOKEN && this.apps.has(accessId)) {
      // The server no longer knows this app's token (never issued here, or its data
      // was lost): drop it and register the app anew; the 'registered' event carries the new token.
      this.options.logger.warn({ accessId }, 'homing: token unknown to the server, registering again');
      this.tokens.forget(accessId).catch(() => undefined);
      this.reconnectLater(code, reason);
      return;
    }
    if (shouldReconnect(code)) this.reconnectLater(code, reason);
    else this.giveUp(code, reason);
  }

  private reconnectLater(code: number, reason: string): void {
    this.currentState = 'reconnecting';
    if (this.offline) {
      // No timer: setOnline(true) reconnects; attempts meanwhile would only fail and grow the backoff.
      this.options.logger.info({ code, reason }, 'homing: disconnected while offline, waiting for the network');
      this.events.emit('disconnected', { code, reason, willReconnect: true });
      return;
    }
    const delayMs = this.goawayHintMs !== undefined ? this.backoff.afterHint(this.goawayHintMs) : this.backoff.next();
    this.goawayHintMs = undefined;
    this.options.logger.info({ code, reason, delayMs }, 'homing: disconnected, reconnecting');
    this.events.emit('disconnected', { code, reason, willReconnect: true, delayMs });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.currentState = 'connecting';
      void this.open();
    }, delayMs);
  }

  /** Drops the current socket (if any) and opens a new one now, backoff reset. */
  private reconnectNow(reason: string): void {
    const connection = this.connection;
    // A hello already being prepared (token store read) will open the socket: nothing to replace.
    if (!connection && this.currentState === 'connecting') return;
    this.cancelReconnectTimer();
    this.backoff.reset();
    this.goawayHintMs = undefined;
    this.connection = undefined;
    this.options.logger.info({ reason }, 'homing: reconnecting now');
    if (connection) {
      // Acks are flushed first; its onClosed is ignored because it is no longer the current connection.
      connection.close(CloseCode.NORMAL, reason);
      this.events.emit('disconnected', { code: CloseCode.NORMAL, reason, willReconnect: true, delayMs: 0 });
    }
    this.currentState = 'connecting';
    void this.open();
  }

  private cancelReconnectTimer(): void {
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  private watchPage(): void {
    this.unwatchPage ??= watchPage({
      online: () => this.setOnline(true),
      offline: () => this.setOnline(false),
      foreground: () => this.wake(),
      leaving: () => this.flush(),
    });
    if (!browserOnline()) this.setOnline(false);
  }

  private giveUp(code: number, reason: string): void {
    this.stop();
    const error = new HomingClientError(code, reason || 'connection refused');
    this.options.logger.error({ code, reason }, 'homing: giving up');
    this.rejectWaiters(error);
    this.events.emit('error', error);
    this.events.emit('disconnected', { code, reason, willReconnect: false });
  }

  private stop(): void {
    this.generation++;
    this.currentState = 'closed';
    this.goawayHintMs = undefined;
    this.cancelReconnectTimer();
    this.unwatchPage?.();
    this.unwatchPage = undefined;
    const connection = this.connection;
    this.connection = undefined;
    connection?.close(CloseCode.NORMAL, 'client closed');
  }

  private rejectWaiters(error: Error): void {
    this.waiters.splice(0).forEach((w) => w.reject(error));
  }

  private reportError(err: unknown): void {
    const error = err instanceof Error ? err : new Error(String(err));
    this.options.logger.error({ err: error }, 'homing: error');
    this.events.emit('error', error);
  }

  /**
   * The app's APNs or FCM token changed (the OS handed out a new one). It goes
   * to Homing in the hello, so it takes effect with the next connection; the
   * socket is not dropped for it, as a token changes rarely.
   */
  setPushToken(accessId: string, report: PushTokenReport): void {
    this.requireApp(accessId);
    checkPushToken(report);
    this.pushTokens.set(accessId, { ...report });
  }

  private requireApp(accessId: string): void {
    if (!this.apps.has(accessId)) throw new RangeError(`app ${accessId} is not registered on this client`);
  }
}
