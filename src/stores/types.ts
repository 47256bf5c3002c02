// Store interfaces, named in our domain. Each has an in-memory implementation
// (tests, and routes in the embedded mode), an embedded on-disk one (LMDB) and,
// later, a Redis one. One contract suite (stores.contract.test.ts) runs against all.
import type { Delivery, MessageKind } from '../messages.js';
import type { AccountStore, TagStore } from './audience-types.js';

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
}

export interface DeviceStore {
  get(token: string): Promise<DeviceRecord | undefined>;
  /** Same order as `tokens`; undefined where a token is unknown. */
  getMany(tokens: readonly string[]): Promise<Array<DeviceRecord | undefined>>;
  /** Insert or replace. */
  put(device: DeviceRecord): Promise<void>;
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
 * Per-token queues of messages waiting for a device. A message stays until the
 * device acks it (remove) or it expires, so a socket that closes with messages
 * unacked loses nothing. Ordered by messageId (see compareMessageIds).
 */
export interface OfflineStore {
  /** Durable when the promise resolves. Appending an id already stored is a no-op. */
  append(messages: readonly Delivery[]): Promise<void>;
  /**
   * The token's unexpired messages in push order (`expiresAt > now`). Expired
   * ones are removed by this call and returned apart, for the counters.
   */
  read(token: string, now: number): Promise<{ messages: Delivery[]; expired: Delivery[] }>;
  /**
   * Unknown ids are ignored. Resolves with the ids that were stored and are now
   * removed, so an ack of a message delivered twice counts as one arrival.
   */
  remove(token: string, messageIds: readonly string[]): Promise<string[]>;
  /** Removes up to `limit` messages with expiresAt <= now (any token) and returns them. */
  sweepExpired(now: number, limit: number): Promise<Delivery[]>;
  /** Messages stored across all tokens. */
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
}

export type CounterDelta = Partial<Omit<PushCounters, 'failed'>> & { failed?: Record<string, number> };

export function emptyCounters(): PushCounters {
  return { targets: 0, online: 0, offline: 0, arrived: 0, clicked: 0, expired: 0, failed: {} };
}

export interface PushStore {
  /** Throws StoreConflictError when the push id exists. */
  create(record: PushRecord): Promise<void>;
  get(pushId: string): Promise<PushRecord | undefined>;
  /** The app's pushes created in [fromMs, toMs), newest first, at most `limit`. */
  list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]>;
  /** Adds the deltas; counters of unknown push ids are created. */
  addCounters(deltas: ReadonlyMap<string, CounterDelta>): Promise<void>;
  /** Zeros for a push without counters. */
  counters(pushId: string): Promise<PushCounters>;
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
  /** Flushes pending writes and closes files. */
  close(): Promise<void>;
}

export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}
