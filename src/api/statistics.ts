// TPNS statistics API, field names as in the TPNS docs
// (tencentyun/intlcloud-documents, 腾讯移动推送/API文档/统计相关接口/
// 单个任务推送信息查询, 特定时间段所有推送信息查询, 单条任务推送统计信息查询).
// Answers are camelCase ({retCode, errMsg, …}); ret codes are our XG ones.
import { ApiError, RetCode } from '../errors.js';
import type { PushService } from '../push-service.js';
import type { PushCounters, PushRecord } from '../stores/types.js';
import { illegal, isObject, missing } from './message.js';

/** TPNS: "limit … maximum 200". */
export const MAX_RECORD_PAGE = 200;
/** TPNS names no default page size; 20 keeps an unbounded call cheap. */
export const DEFAULT_RECORD_PAGE = 20;
/** With msgType/pushType filters the list is filtered here, over at most this many newest pushes. */
export const RECORD_SCAN_CAP = 2000;

const DAY_MS = 86_400_000;

type Obj = Record<string, unknown>;

/** `/v3/statistics/get_push_record`: one push by `pushId`, or a page of pushes by date range. */
export async function getPushRecord(body: unknown, accessId: string, pushes: PushService): Promise<Obj> {
  if (!isObject(body)) throw new ApiError(RetCode.NOT_JSON, 'request body must be a JSON object');
  if (body.pushId !== undefined && body.pushId !== null && body.pushId !== '') {
    const found = await pushes.record(accessId, pushIdOf(body.pushId));
    if (!found) throw new ApiError(RetCode.PUSH_TASK_NOT_FOUND, 'push task not found');
    return { pushRecordData: [tpnsRecord(found.record)] };
  }
  if (body.startDate === undefined && body.endDate === undefined) missing('pushId, or startDate and endDate, is required');
  const fromMs = dateOf(body.startDate, 'startDate');
  const toMs = dateOf(body.endDate, 'endDate') + DAY_MS; // endDate is inclusive
  if (toMs <= fromMs) illegal('endDate is before startDate');
  const offset = intOf(body.offset, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const limit = intOf(body.limit, 'limit', 1, MAX_RECORD_PAGE) ?? DEFAULT_RECORD_PAGE;
  const msgType = filterOf(body.msgType, 'msgType', ['notify', 'message']);
  const pushType = filterOf(body.pushType, 'pushType', ['all', 'tag', 'token', 'account']);

  // Without filters, one record past the page tells the client that more exist.
  const filtered = msgType !== undefined || pushType !== undefined;
  const scan = filtered ? RECORD_SCAN_CAP : offset + limit + 1;
  const records = (await pushes.list(accessId, fromMs, toMs, scan)).filter(
    (r) => (msgType === undefined || r.kind === msgType) && (pushType === undefined || r.audienceType.startsWith(pushType)),
  );
  // count: matches found, exact up to RECORD_SCAN_CAP (filtered) or offset+limit+1.
  return { count: records.length, pushRecordData: records.slice(offset, offset + limit).map(tpnsRecord) };
}

/**
 * `/v3/statistics/get_push_task_stat_channel`: one entry per channel the push
 * used. "xg" is our own long connection (with offline storage, which feeds
 * it), "apns" and "fcm" are listed when targets went to them, and "all" sums
 * them. The raw counters ride along as `homingCounters`.
 */
export async function getPushTaskStatChannel(body: unknown, accessId: string, pushes: PushService): Promise<Obj> {
  if (!isObject(body)) throw new ApiError(RetCode.NOT_JSON, 'request body must be a JSON object');
  if (body.pushId === undefined || body.pushId === null || body.pushId === '') missing('pushId is required');
  const found = await pushes.record(accessId, pushIdOf(body.pushId));
  if (!found) throw new ApiError(RetCode.PUSH_TASK_NOT_FOUND, 'push task not found');
  const c = found.counters;
  const apns = providerState(c, 'apns');
  const fcm = providerState(c, 'fcm');
  const viaProviders = apns.planned + fcm.planned;
  return {
    pushStatDataAll: [
      { channel: 'xg', pushState: pushState(c.targets - viaProviders, c.online, c, 0) },
      ...(apns.planned > 0 ? [{ channel: 'apns', pushState: providerPushState(apns) }] : []),
      ...(fcm.planned > 0 ? [{ channel: 'fcm', pushState: providerPushState(fcm) }] : []),
      // TPNS sums the own channel's arrivals into callbackVerifySvcUv for "all".
      { channel: 'all', pushState: pushState(c.targets, c.online + apns.accepted + fcm.accepted, c, c.arrived) },
    ],
    // apns and fcm appear once a provider accepted a target of the push.
    homingCounters: { ...c, failed: { ...c.failed } },
  };
}

/**
 * A provider's share of a push: targets it answered for (accepted, or failed
 * with one of its `apns_…` / `fcm_…` reasons) and those it accepted. Targets
 * still waiting for its answer are in neither yet.
 */
function providerState(c: PushCounters, channel: 'apns' | 'fcm'): { planned: number; accepted: number } {
  const accepted = c[channel] ?? 0;
  let failed = 0;
  for (const [reason, n] of Object.entries(c.failed)) if (reason.startsWith(`${channel}_`)) failed += n;
  return { planned: accepted + failed, accepted };
}

/** APNs and FCM report no arrivals or clicks back to us: only planned and accepted. */
function providerPushState(p: { planned: number; accepted: number }): Obj {
  return { pushActiveUv: p.planned, pushOnlineUv: p.accepted, verifySvcUv: 0, callbackVerifySvcUv: 0, verifyUv: 0, clickUv: 0, cleanupUv: 0 };
}

/**
 * pushActiveUv = planned targets, pushOnlineUv = handed to a live connection
 * (or accepted by a provider, for "all"), verifySvcUv = acked by the device,
 * clickUv = clicks. Display (verifyUv) and dismissal (cleanupUv) are not
 * reported by our SDK yet, so they are 0.
 */
function pushState(planned: number, sent: number, c: PushCounters, callbackVerifySvcUv: number): Obj {
  return {
    pushActiveUv: planned,
    pushOnlineUv: sent,
    verifySvcUv: c.arrived,
    callbackVerifySvcUv,
    verifyUv: 0,
    clickUv: c.clicked,
    cleanupUv: 0,
  };
}

/**
 * One pushRecordData entry. `status` is always PUSH_FINISHED: a push_id reaches
 * a client only after the router has handed out or stored every target.
 * `date` is UTC. Homing extras: `audienceType` (the XG audience_type as sent),
 * `platform`, `customContent` (normalised JSON text).
 */
export function tpnsRecord(r: PushRecord): Obj {
  const message = isObject(r.message) ? r.message : {};
  const android = isObject(message.android) ? { ...message.android, custom_content: r.customContent } : null;
  const ios = isObject(message.ios) ? { ...message.ios } : null;
  return {
    date: new Date(r.createdAt).toISOString().slice(0, 19).replace('T', ' '),
    pushId: r.pushId,
    title: r.title,
    content: r.content,
    status: 'PUSH_FINISHED',
    // TPNS reports single-target pushes under the list types.
    pushType: r.audienceType === 'token' ? 'token_list' : r.audienceType === 'account' ? 'account_list' : r.audienceType,
    // The router does not keep a push's targets in its record.
    targetList: null,
    tagSet: null,
    uploadId: 0,
    groupId: '',
    expireTime: r.expireTime,
    messageType: r.kind,
    xgMediaResources: typeof message.xg_media_resources === 'string' ? message.xg_media_resources : '',
    environment: r.environment,
    pushConfig: { android, ios },
    multiPkg: false,
    source: 'api',
    audienceType: r.audienceType,
    platform: r.platform,
    customContent: r.customContent,
  };
}

function pushIdOf(value: unknown): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,32}$/.test(text)) illegal('pushId must be a decimal push id');
  return text;
}

/** YYYY-MM-DD, read as a UTC day; returns its first ms. */
function dateOf(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') missing(`${field} is required`);
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== value) illegal(`${field} must be a date YYYY-MM-DD`);
  return ms;
}

function intOf(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    illegal(`${field} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function filterOf(value: unknown, field: string, allowed: readonly string[]): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) illegal(`${field} must be one of ${allowed.join(', ')}`);
  return value;
}
