// What the admin API shows of pushes and devices: plain JSON views built from
// the stores, with no secret in them (app keys, token secrets).
import type { PushService } from '../push-service.js';
import type { Stores, PushRecord, PushCounters } from '../stores/types.js';

/** Offline refs counted per device in the debug view; a deeper queue shows as this many with `more: true`. */
export const QUEUE_COUNT_CAP = 1000;

export interface PushSummary {
  pushId: string;
  accessId: string;
  createdAt: number;
  audienceType: string;
  messageType: string;
  title: string;
  content: string;
  expireTime: number;
  counters: PushCounters;
}

export function pushSummary(record: PushRecord, counters: PushCounters): PushSummary {
  return {
    pushId: record.pushId,
    accessId: record.accessId,
    createdAt: record.createdAt,
    audienceType: record.audienceType,
    messageType: record.kind,
    title: record.title,
    content: record.content,
    expireTime: record.expireTime,
    counters,
  };
}

export interface HistoryFilter {
  fromMs: number;
  toMs: number;
  audienceType?: string;
  messageType?: string;
  limit: number;
}

/** The app's pushes in the window, newest first, with their counters. */
export async function pushHistory(pushes: PushService, accessId: string, f: HistoryFilter): Promise<PushSummary[]> {
  const filtered = f.audienceType !== undefined || f.messageType !== undefined;
  const records = await pushes.list(accessId, f.fromMs, f.toMs, filtered ? 2000 : f.limit);
  const wanted = records
    .filter((r) => (f.audienceType === undefined || r.audienceType === f.audienceType) && (f.messageType === undefined || r.kind === f.messageType))
    .slice(0, f.limit);
  return Promise.all(wanted.map(async (r) => pushSummary(r, (await pushes.record(accessId, r.pushId))!.counters)));
}

export interface DeviceDebug {
  token: string;
  accessId: string;
  platform: string;
  deviceId: string;
  registeredAt: number;
  /** The last hello: for a connected device, when its current connection began. */
  lastSeenAt: number;
  connected: boolean;
  /** The gateway node holding its socket. */
  node: string | null;
  offlineQueue: { depth: number; more: boolean };
  tags: string[];
  accounts: Array<{ account: string; accountType: number }>;
  /** Whether the device reported an APNs / FCM token (the tokens themselves are not shown), and how many were retired as dead. */
  pushTokens: { apns: boolean; fcm: boolean; retired: number };
}

/** undefined when the token is unknown or belongs to another app. */
export async function deviceDebug(stores: Stores, accessId: string, token: string, now: number): Promise<DeviceDebug | undefined> {
  const device = await stores.devices.get(token);
  if (!device || device.accessId !== accessId) return undefined;
  const [[node], queue, tags, accounts] = await Promise.all([
    stores.routes.lookup([token]),
    stores.offline.page(token, undefined, QUEUE_COUNT_CAP + 1, now),
    stores.tags.tagsOf(accessId, token),
    stores.accounts.accountsOf(accessId, token),
  ]);
  return {
    token,
    accessId,
    platform: device.platform,
    deviceId: device.deviceId,
    registeredAt: device.createdAt,
    lastSeenAt: device.lastSeenAt,
    connected: node !== undefined,
    node: node ?? null,
    offlineQueue: { depth: Math.min(queue.refs.length, QUEUE_COUNT_CAP), more: queue.refs.length > QUEUE_COUNT_CAP },
    tags,
    accounts: accounts.map((a) => ({ account: a.account, accountType: a.accountType })),
    pushTokens: { apns: !!device.apnsToken, fcm: !!device.fcmToken, retired: device.retiredPushTokens?.length ?? 0 },
  };
}
