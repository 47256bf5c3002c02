// Store interfaces, named in our domain. Each has an in-memory implementation
// (tests, and routes in the embedded mode), an embedded on-disk one (LMDB) and,
// later, a Redis one. One contract suite (stores.contract.test.ts) runs against all.
import type { MessageKind, OfflineRef } from '../messages.js';
import type { AccountStore, TagStore } from './audience-types.js';
import type { ProviderCredentialStore } from './credentials.js';

export interface AppRecord {
  accessId: string;
  /** Embedded in the mobile app; proves a device belongs to the app. */
  accessKey: string;
  /** Server side only; authenticates the REST API. */
  secretKey: string;
  name: string;
  createdAt: number;
}

export interface AppStore {
  /** Throws StoreConflictError when the access id exists. */
  create(app: AppRecord): Promise<void>;
  get(accessId: string): Promise<AppRecord | undefined>;
  /** Sorted by createdAt, oldest first. */
  list(): Promise<AppRecord[]>;
}

export interface DeviceRecord {
  token: string;
  accessId: string;
  /** sha256 hex of the token secret; the secret itself is never stored. */
  tokenSecretHash: string;
  deviceId: string;
  platform: string;
  createdAt: number;
  lastSeenAt: number;
  /** The app's APNs device token on this install, as the device reported it (hello). */
  apnsToken?: string;
  /** The app's FCM registration token on this install. */
  fcmToken?: string;
  /** Provider tokens APNs/FCM declared dead (newest last, a few): never taken again from a hello. */
  retiredPushTokens?: string[];
}

export interface DeviceStore {
  get(token: string): Promise<DeviceRecord | undefined>;
  /** Same order as `tokens`; undefined where a token is unknown. */
  getMany(tokens: readonly string[]): Promise<Array<DeviceRecord | undefined>>;
  /** Insert or replace. */
  put(device: DeviceRecord): Promise<void>;
  /**
   * One page of every device, in the store's own order: cursor '' starts, and
   * the answer's cursor is '' after the last page. A device added or removed
   * during a scan may or may not be seen, and a store may show one twice
   * (Redis SCAN), so what runs over a scan must not mind.
   */
  scan(cursor: string, limit: number): Promise<{ devices: DeviceRecord[]; cursor: string }>;
  /**
   * How many devices the app has, from a per-app index kept with the records
   * (no scan: an `all` push counts its targets with it).
   */
  countOfApp(accessId: string): Promise<number>;
  /**
   * One page of the app's tokens from the same index: cursor '' starts, and the
   * answer's cursor is '' after the last page. A store may show a token twice
   * (Redis SSCAN), so what runs over the pages must not mind.
   */
  tokensOfApp(accessId: string, cursor: string, limit: number): Promise<{ tokens: string[]; cursor: string }>;
  /**
   * Removes each of `tokens` whose lastSeenAt is still before `before`, in one
   * step per token (a device seen since stays). Unknown tokens are ignored.
   * Resolves with the tokens removed.
   */
  removeUnused(tokens: readonly string[], before: number): Promise<string[]>;
}

/** token → the gateway node holding its socket, while the socket lives. */
export interface RouteRegistry {
  set(tokens: readonly string[], nodeId: string): Promise<void>;
  /** Same order as `tokens`; undefined where no node holds the token. */
  lookup(tokens: readonly string[]): Promise<Array<string | undefined>>;
  /** Removes a token's route only while it still points at nodeId (a newer connect elsewhere wins). */
  remove(tokens: readonly string[], nodeId: string): Promise<void>;
}

/**
 * Per-token offline queues of references to pushes (OfflineRef), never copies of
 * their content: written for targets that are not connected, and for live
 * deliveries that went unacked (socket closed, ack overdue). A ref stays until
 * the device acks it (remove) or it expires. Ordered by push id.
 */
export interface OfflineStore {
  /**
   * Durable when the promise resolves. Adding a ref already stored is a no-op.
   * Each token keeps at most `maxPerToken` refs: past it the oldest are dropped
   * and returned (the caller counts them), so a device away for long gets the
   * newest messages.
   */
  append(refs: readonly OfflineRef[]): Promise<OfflineRef[]>;
  /**
   * Up to `limit` of the token's unexpired refs with push id after `after` (all
   * when undefined), in push order. Expired ones met on the way are removed by
   * this call and returned apart, for the counters.
   */
  page(token: string, after: string | undefined, limit: number, now: number): Promise<{ refs: OfflineRef[]; expired: OfflineRef[] }>;
  /**
   * Unknown ids are ignored. Resolves with the push ids that were stored and are
   * now removed, so an ack of a message delivered twice counts as one arrival.
   */
  remove(token: string, pushIds: readonly string[]): Promise<string[]>;
  /** Removes up to `limit` refs with expiresAt <= now (any token) and returns them. */
  sweepExpired(now: number, limit: number): Promise<OfflineRef[]>;
  /** Refs stored across all tokens, as committed. */
  depth(): Promise<number>;
}

export type AudienceType = 'all' | 'tag' | 'token' | 'token_list' | 'account' | 'account_list';

/** What a push says and how long it lives: parsed from the request by the API. */
export interface PushContent {
  kind: MessageKind;
  title: string;
  content: string;
  /** JSON text ("" when none): message.android.custom_content or message.ios custom data. */
  customContent: string;
  /** The request's `message` object as received, for the statistics API and the console. */
  message: unknown;
  platform: string;
  environment: string;
  /** Seconds; 0 = deliver only to devices online now. */
  expireTime: number;
}

/** One accepted push task, as the statistics API reports it. */
export interface PushRecord extends PushContent {
  pushId: string;
  accessId: string;
  audienceType: AudienceType;
  createdAt: number;
}

/** Per-push delivery counters. */
export interface PushCounters {
  /** Tokens the push was addressed to (all calls that reused this push_id). */
  targets: number;
  /** Handed to a live long connection. */
  online: number;
  /** Stored offline for a device that was not connected. */
  offline: number;
  /** Acked by the device. */
  arrived: number;
  /** Clicks reported by the device. */
  clicked: number;
  /** Dropped unacked at expiry. */
  expired: number;
  /** Not delivered, by reason (e.g. "token_not_registered"). */
  failed: Record<string, number>;
  /** Accepted by APNs / by FCM. Absent reads as 0 (counters from before the providers, pushes that used none). */
  apns?: number;
  fcm?: number;
}

export type CounterDelta = Partial<Omit<PushCounters, 'failed'>> & { failed?: Record<string, number> };

export function emptyCounters(): PushCounters {
  return { targets: 0, online: 0, offline: 0, arrived: 0, clicked: 0, expired: 0, failed: {} };
}

/**
 * One call's entry in the push log: the targets it was accepted for. The call
 * that creates a push writes its record in the same append.
 */
export interface PushLogEntry {
  /** Log position: the push id for the creating call, a fresh id for a reuse call. */
  seq: string;
  pushId: string;
  /** Registered tokens this call targets (unknown tokens are not logged). */
  tokens: string[];
}

/**
 * Where recovery starts: every log entry with seq <= checkpoint is settled (each
 * target acked, stored offline, expired or failed). `acked` names the targets of
 * later entries whose acks were already counted, as `${seq} ${token}`.
 */
export interface DeliveryProgress {
  checkpoint: string | undefined;
  acked: string[];
}

/**
 * The push log and per-push statistics. An accepted push is one durable append
 * (record + targets, `create`); concurrent appends share a commit and a sync.
 */
export interface PushStore {
  /** Durable when it resolves. Throws StoreConflictError when the push id exists. */
  create(record: PushRecord, tokens?: readonly string[]): Promise<void>;
  /** A later call that reuses a push id (token_list): one more log entry. Durable when it resolves. */
  appendTargets(entry: PushLogEntry): Promise<void>;
  get(pushId: string): Promise<PushRecord | undefined>;
  /** The app's pushes created in [fromMs, toMs), newest first, at most `limit`. */
  list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]>;
  /** Log entries with seq > after (all when undefined), in log order, at most `limit`. */
  entriesAfter(after: string | undefined, limit: number): Promise<PushLogEntry[]>;
  /**
   * Adds the deltas; counters of unknown push ids are created. `progress`, when
   * given, is committed atomically with them: counters and ack marks agree after
   * a crash, so recovery never counts an arrival twice.
   */
  addCounters(deltas: ReadonlyMap<string, CounterDelta>, progress?: ProgressUpdate): Promise<void>;
  /** Zeros for a push without counters. */
  counters(pushId: string): Promise<PushCounters>;
  /** The last committed progress (recovery reads it once at start). */
  progress(): Promise<DeliveryProgress>;
  /**
   * Forgets the app's pushes created before `createdBefore`, oldest first, at
   * most `limit`: record, listing entry and counters. Resolves with how many.
   */
  pruneHistory(accessId: string, createdBefore: number, limit: number): Promise<number>;
  /**
   * Drops up to `limit` log entries that recovery will not read again: those at
   * or before the saved checkpoint, and (a log with its own retention) those
   * that aged out of it. Resolves with how many.
   */
  trimLog(limit: number): Promise<number>;
}

/** Written with a counter flush: the new checkpoint and the acks counted since the last flush. */
export interface ProgressUpdate {
  checkpoint: string | undefined;
  /** `${seq} ${token}` of acks counted in this flush, for entries after the checkpoint. */
  acked: string[];
}

/** A push to every device of an app (`tag` "") or of one tag, kept for catch-up until it expires. */
export interface BroadcastEntry {
  pushId: string;
  accessId: string;
  tag: string;
  expiresAt: number;
}

/**
 * Per-app log of broadcasts. Devices that were away when one went out get it
 * on reconnect: hello names the last broadcast push id they saw, and the
 * gateway sends the unexpired ones after it. Push ids only grow, so they are
 * the sequence.
 */
export interface BroadcastLog {
  /** Durable when it resolves. */
  append(entry: BroadcastEntry): Promise<void>;
  /** The app's broadcasts with push id after `after`, unexpired at `now`, oldest first, at most `limit`. */
  after(accessId: string, after: string, limit: number, now: number): Promise<BroadcastEntry[]>;
  /** The app's newest broadcast push id, "" when it has none. */
  latest(accessId: string): Promise<string>;
  /** Drops entries expired at `now`; resolves with how many. */
  prune(now: number): Promise<number>;
}

/**
 * Ids for pushes and messages: decimal strings, strictly increasing within a
 * process and across restarts of the same data dir, so sorting ids
 * (compareMessageIds) is push order.
 */
export interface IdAllocator {
  next(): string;
}

export interface Stores {
  apps: AppStore;
  devices: DeviceStore;
  routes: RouteRegistry;
  offline: OfflineStore;
  pushes: PushStore;
  ids: IdAllocator;
  tags: TagStore;
  accounts: AccountStore;
  /** Per-app APNs/FCM credentials (secrets: never returned by an API, never logged). */
  credentials: ProviderCredentialStore;
  broadcasts: BroadcastLog;
  /** Flushes pending writes and closes files. */
  close(): Promise<void>;
}

export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}
