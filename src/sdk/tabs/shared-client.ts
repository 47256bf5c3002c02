// SharedHomingClient: one socket per site, however many tabs are open.
//
// Each tab creates one with the same options. The tabs elect a leader with a
// Web Lock (leadership.ts); the leader runs an ordinary HomingClient and the
// others follow over a BroadcastChannel (tab-messages.ts). So the token is
// used by one socket only (no tab is closed by REPLACED, 4110, for another)
// and when the leader's tab closes, the next tab takes over at once, resuming
// the same token from the shared token store.
//
// Pushes: a handler added with onPush() runs once per site, in the leader's
// tab, and the push is acked after it; one added with `{ everyTab: true }`
// runs in every tab (to update each tab's page; show notifications from the
// once-per-site handler). Every tab should register the same handlers.
//
// The leader steps down when its page is frozen or goes to the back/forward
// cache (it could not run its socket there) and rejoins the queue when it
// comes back. A leader replaced anyway (4110: the token was used elsewhere)
// steps down and asks again after `replacedRetryMs`, or when its tab comes to
// the foreground, so no tab stays closed for good.
import { HomingClient } from '../client.js';
import { Emitter } from '../emitter.js';
import { CloseCode, HomingClientError } from '../errors.js';
import { DeviceError } from '../../errors.js';
import { resolveOptions } from '../options.js';
import { browserOnline, watchPage } from '../page-events.js';
import { WebStorageTokenStore } from '../token-store.js';
import type { AppSession, ClientState, HomingClientEvents, HomingClientOptions, PushHandler } from '../types.js';
import { browserLocks, Leadership, type LockManagerLike } from './leadership.js';
import { TabHandlers } from './tab-handlers.js';
import { asTabMessage, errorData, errorFromData, isLeaderMessage, type ChannelConstructor, type ChannelLike, type ErrorData, type FollowerMessage, type LeaderMessage, type TabMessage } from './tab-messages.js';

/** The origin's localStorage, or nothing when the page may not use it (storage blocked): then tokens live in memory. */
function siteStorage(): WebStorageTokenStore | undefined {
  try {
    const storage = (globalThis as { localStorage?: Storage }).localStorage;
    return storage ? new WebStorageTokenStore(storage) : undefined;
  } catch {
    return undefined;
  }
}

/** A replaced leader waits this long before asking to lead again (unless its tab comes to the foreground first). */
export const DEFAULT_REPLACED_RETRY_MS = 30_000;

export interface SharedHomingClientOptions extends HomingClientOptions {
  /** Tabs with the same name share one connection. Default: from the url and the apps' access ids. */
  name?: string;
  replacedRetryMs?: number;
  /** Default: navigator.locks. */
  locks?: LockManagerLike;
  /** Default: the global BroadcastChannel. */
  BroadcastChannel?: ChannelConstructor;
}

export interface SharedHomingClientEvents extends HomingClientEvents {
  /** This tab became the leader (holds the socket) or stopped being it. */
  role: (role: 'leader' | 'follower') => void;
}

export class SharedHomingClient {
  readonly name: string;
  readonly tabId = Math.random().toString(36).slice(2, 10);
  private readonly options: HomingClientOptions;
  private readonly leadership: Leadership;
  private readonly Channel: ChannelConstructor;
  /** Open from connect() to close(). */
  private channel: ChannelLike | undefined;
  private readonly events: Emitter<SharedHomingClientEvents>;
  private readonly handlers = new TabHandlers();
  private readonly replacedRetryMs: number;
  private inner: HomingClient | undefined;
  private innerApps = new Set<string>();
  private mirror: { state: ClientState; sessions: AppSession[] } = { state: 'idle', sessions: [] };
  private waiters: Array<{ resolve: (s: AppSession[]) => void; reject: (e: Error) => void }> = [];
  private started = false;
  private unwatchPage: (() => void) | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: SharedHomingClientOptions) {
    const { name, replacedRetryMs, locks, BroadcastChannel: Channel, ...clientOptions } = options;
    this.options = {
      ...clientOptions,
      tokenStore: clientOptions.tokenStore ?? siteStorage(),
      // The shared client reacts to page events itself and tells its leader's client.
      pageEvents: false,
    };
    resolveOptions(this.options); // throws on a bad option now, as HomingClient does
    this.name = name ?? `homing:${options.url}:${options.apps.map((a) => a.accessId).sort().join(',')}`;
    this.replacedRetryMs = replacedRetryMs ?? DEFAULT_REPLACED_RETRY_MS;
    const lockManager = locks ?? browserLocks();
    const ChannelCtor = Channel ?? (globalThis as { BroadcastChannel?: ChannelConstructor }).BroadcastChannel;
    if (!lockManager || !ChannelCtor) {
      throw new TypeError('SharedHomingClient needs Web Locks and BroadcastChannel (a secure context: https or localhost); use HomingClient elsewhere');
    }
    this.leadership = new Leadership(lockManager, this.name, () => this.lead());
    this.Channel = ChannelCtor;
    this.events = new Emitter((err, event) => this.options.logger?.error({ err, event }, 'homing: event listener threw'));
  }

  get isLeader(): boolean {
    return this.inner !== undefined;
  }

  /** The site connection's state, as this tab last heard it. */
  get state(): ClientState {
    return this.mirror.state;
  }

  on<K extends keyof SharedHomingClientEvents>(event: K, listener: SharedHomingClientEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /** Once per site (in the leader's tab), or `{ everyTab: true }`: in every tab. See the file comment. */
  onPush(accessId: string, handler: PushHandler, options: { everyTab?: boolean } = {}): () => void {
    const remove = this.handlers.add(accessId, handler, options.everyTab ?? false);
    this.subscribeInner(accessId);
    return remove;
  }

  /** Joins the site's connection; resolves with the sessions once it is welcomed. */
  connect(): Promise<AppSession[]> {
    if (this.mirror.state === 'connected') return Promise.resolve(this.sessions());
    const ready = new Promise<AppSession[]>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.started) this.start();
    else if (this.mirror.state === 'closed') this.retry();
    return ready;
  }

  sessions(): AppSession[] {
    return this.mirror.sessions.map((s) => ({ ...s }));
  }

  token(accessId: string): string | undefined {
    return this.mirror.sessions.find((s) => s.accessId === accessId)?.token;
  }

  /** Handed to the leader's socket (now, or after its next Welcome). */
  reportClick(accessId: string, messageId: string, action = 'open'): void {
    if (this.inner) this.inner.reportClick(accessId, messageId, action);
    else this.post({ kind: 'click', accessId, messageId, action });
  }

  /** Drops the app's token in the shared store; the leader registers it anew on its next hello. */
  async forgetToken(accessId: string): Promise<void> {
    if (this.inner) return this.inner.forgetToken(accessId);
    await this.options.tokenStore?.delete(accessId);
    this.post({ kind: 'forget', accessId });
  }

  /** This tab leaves: if it led, the next tab takes over the connection. */
  async close(): Promise<void> {
    this.started = false;
    this.unwatchPage?.();
    this.unwatchPage = undefined;
    await this.stepDown();
    const channel = this.channel;
    this.channel = undefined;
    if (channel) {
      channel.onmessage = null;
      channel.close();
    }
    this.waiters.splice(0).forEach((w) => w.reject(new HomingClientError(CloseCode.NORMAL, 'client closed')));
  }

  private start(): void {
    this.started = true;
    this.mirror.state = 'connecting';
    this.channel = new this.Channel(this.name);
    this.channel.onmessage = (event) => this.receive(event.data);
    this.unwatchPage = watchPage({
      online: () => this.inner?.setOnline(true),
      offline: () => this.inner?.setOnline(false),
      foreground: () => this.foreground(),
      leaving: (kind, persisted) => {
        if (kind === 'freeze' || (kind === 'pagehide' && persisted)) void this.stepDown();
        else this.inner?.flush();
      },
    });
    this.post({ kind: 'hello' });
    this.leadership.request();
  }

  /** This tab holds the lock: it runs the site's socket. */
  private lead(): void {
    const inner = new HomingClient(this.options);
    this.inner = inner;
    this.innerApps = new Set();
    // Once this tab steps down, its client's last words (the close) are not the site's news.
    const announce = (message: LeaderMessage) => this.inner === inner && this.announce(message);
    inner.on('connected', (info) => announce({ kind: 'connected', info }));
    inner.on('registered', (sessions) => announce({ kind: 'registered', sessions }));
    inner.on('disconnected', (info) => announce({ kind: 'disconnected', info }));
    inner.on('goaway', (info) => announce({ kind: 'goaway', info }));
    inner.on('error', (error) => announce({ kind: 'error', error: errorData(error) }));
    for (const accessId of this.handlers.apps()) this.subscribeInner(accessId);
    if (!browserOnline()) inner.setOnline(false);
    this.events.emit('role', 'leader');
    inner.connect().catch(() => undefined); // a refusal arrives as an 'error' event
    this.announceState();
  }

  private async stepDown(): Promise<void> {
    clearTimeout(this.retryTimer);
    const inner = this.inner;
    this.inner = undefined;
    this.leadership.release();
    if (!inner) return;
    this.events.emit('role', 'follower');
    inner.flush();
    await inner.close();
  }

  private foreground(): void {
    if (!this.started) return;
    if (this.inner) return this.inner.wake();
    clearTimeout(this.retryTimer);
    this.leadership.request();
  }

  private retry(): void {
    if (this.inner) this.inner.connect().catch(() => undefined);
    else this.post({ kind: 'retry' });
  }

  private subscribeInner(accessId: string): void {
    if (!this.inner || this.innerApps.has(accessId)) return;
    this.innerApps.add(accessId);
    const inner = this.inner;
    inner.onPush(accessId, (push) => this.inner === inner && this.announce({ kind: 'push', push }));
  }

  /** The leader's side: apply locally, then tell the other tabs. */
  private announce(message: LeaderMessage): void {
    this.apply(message);
    this.post(message);
    if (message.kind !== 'push' && message.kind !== 'error') this.announceState();
    if (message.kind === 'error' && message.error.code === DeviceError.REPLACED) this.replaced();
  }

  private announceState(): void {
    if (!this.inner) return;
    const message: LeaderMessage = { kind: 'state', state: this.inner.state, sessions: this.inner.sessions() };
    this.apply(message);
    this.post(message);
  }

  /** Another socket took the token although this tab held the lock: sit out a while, never for good. */
  private replaced(): void {
    void this.stepDown().then(() => {
      if (this.started) this.retryTimer = setTimeout(() => this.leadership.request(), this.replacedRetryMs);
    });
  }

  private receive(data: unknown): void {
    const message = asTabMessage(data);
    if (!message || message.from === this.tabId) return;
    if (isLeaderMessage(message)) {
      if (!this.inner) this.apply(message);
      return;
    }
    if (!this.inner) return;
    this.fromFollower(message, this.inner);
  }

  private fromFollower(message: FollowerMessage, inner: HomingClient): void {
    switch (message.kind) {
      case 'hello':
        return this.announceState();
      case 'click':
        inner.reportClick(message.accessId, message.messageId, message.action);
        return;
      case 'forget':
        void inner.forgetToken(message.accessId).catch(() => undefined);
        return;
      case 'retry':
        inner.connect().catch(() => undefined);
        return;
    }
  }

  /** Every tab, leader included, turns leader messages into its own state, events and handler calls. */
  private apply(message: LeaderMessage): void {
    switch (message.kind) {
      case 'state':
        this.mirror = { state: message.state, sessions: message.sessions };
        if (message.state === 'connected') this.waiters.splice(0).forEach((w) => w.resolve(this.sessions()));
        return;
      case 'push':
        return this.handlers.run(message.push, this.inner !== undefined, (err) =>
          this.events.emit('error', err instanceof Error ? err : new Error(String(err))),
        );
      case 'error':
        return this.failed(message.error);
      case 'connected':
        return this.events.emit('connected', message.info);
      case 'registered':
        return this.events.emit('registered', message.sessions);
      case 'disconnected':
        return this.events.emit('disconnected', message.info);
      case 'goaway':
        return this.events.emit('goaway', message.info);
    }
  }

  private failed(data: ErrorData): void {
    const error = errorFromData(data);
    // A give-up ends the site's connection for now; a replaced leader hands over instead.
    if (data.code !== undefined && data.code !== DeviceError.REPLACED) this.waiters.splice(0).forEach((w) => w.reject(error));
    this.events.emit('error', error);
  }

  private post(message: LeaderMessage | FollowerMessage): void {
    try {
      this.channel?.postMessage({ ...message, from: this.tabId } satisfies TabMessage);
    } catch {
      // A closed channel (the tab is leaving): nothing to tell.
    }
  }
}
