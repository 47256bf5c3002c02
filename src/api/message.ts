// The XG `message` object (XG-API.md §3.3–3.4): type checks of the fields we
// know, the required title/content rule, and custom_content normalised to one
// JSON text whichever dialect sent it. Unknown fields pass through untouched
// inside `message` so that newer TPNS options reach the router and the console.
import { ApiError, RetCode } from '../errors.js';
import type { MessageKind } from '../messages.js';

/** XG: "推送的消息体大小限制为4K", measured on the JSON text of `message`. */
export const MAX_MESSAGE_BYTES = 4096;
/** XG advises fewer than 10 accept_time windows; refusing only above 10 keeps honest lists working. */
export const MAX_ACCEPT_TIME_WINDOWS = 10;

export interface ParsedMessage {
  title: string;
  content: string;
  /** JSON object text, "" when none. */
  customContent: string;
  /** iOS silent push: message_type "message" with aps.content-available 1. */
  silent: boolean;
}

type Obj = Record<string, unknown>;

const ANDROID_FLAGS = ['ring', 'vibrate', 'lights', 'clearable', 'icon_type'] as const;
// Only fields whose type XG and TPNS agree on are checked; vendor extras pass through.
const ANDROID_INTS = ['n_id', 'builder_id', 'style_id'] as const;
const ANDROID_STRINGS = ['ring_raw', 'icon_res', 'small_icon', 'n_ch_id', 'n_ch_name'] as const;
const APS_INTS = ['badge_type', 'badge', 'content-available', 'mutable-content'] as const;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function illegal(message: string): never {
  throw new ApiError(RetCode.ILLEGAL_PARAMETER, message);
}

export function missing(message: string): never {
  throw new ApiError(RetCode.MISSING_PARAMETER, message);
}

/** Throws 10117 when the JSON text of `message` is over 4 KB. */
export function checkMessageSize(message: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(message), 'utf8');
  if (bytes > MAX_MESSAGE_BYTES) {
    throw new ApiError(RetCode.CONTENT_TOO_LARGE, `message is ${bytes} bytes as JSON; the limit is ${MAX_MESSAGE_BYTES}`);
  }
}

export function parseMessage(message: unknown, kind: MessageKind): ParsedMessage {
  if (!isObject(message)) illegal('message must be a JSON object');
  const title = optString(message, 'title', 'message');
  const content = optString(message, 'content', 'message');
  const android = optObject(message, 'android', 'message');
  const ios = optObject(message, 'ios', 'message');
  const aps = ios ? optObject(ios, 'aps', 'message.ios') : undefined;
  if (android) checkAndroid(android);
  if (aps) for (const k of APS_INTS) optInt(aps, k, 'message.ios.aps');
  if (message.accept_time !== undefined && message.accept_time !== null) checkAcceptTime(message.accept_time);

  // SDKs always send "content-available": 0; only 1 asks for a silent push.
  const silent = kind === 'message' && aps?.['content-available'] === 1;
  if (!silent) {
    if (title === undefined) missing(`message.title is required for message_type ${kind}`);
    if (!content) missing(`message.content is required for message_type ${kind}`);
  }
  // First one present wins: Android block (XG object / TPNS text), XG pass-through
  // top level, TPNS iOS text, XG v3 iOS `custom` object.
  const customContent =
    customText(android?.custom_content, 'message.android.custom_content') ||
    customText(message.custom_content, 'message.custom_content') ||
    customText(ios?.custom_content, 'message.ios.custom_content') ||
    customText(ios?.custom, 'message.ios.custom');
  return { title: title ?? '', content: content ?? '', customContent, silent };
}

/**
 * custom_content as canonical JSON text: XG sends an object, TPNS a JSON string;
 * both give the same text. Absent, null, "" and {} give "".
 */
export function customText(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') return '';
  let obj = value;
  if (typeof value === 'string') {
    try {
      obj = JSON.parse(value);
    } catch {
      illegal(`${field} must be a JSON object or the JSON text of one`);
    }
  }
  if (!isObject(obj)) illegal(`${field} must be a JSON object or the JSON text of one`);
  return Object.keys(obj).length === 0 ? '' : JSON.stringify(obj);
}

function checkAndroid(android: Obj): void {
  const at = 'message.android';
  for (const k of ANDROID_FLAGS) {
    const v = optInt(android, k, at);
    if (v !== undefined && v !== 0 && v !== 1) illegal(`${at}.${k} must be 0 or 1`);
  }
  for (const k of ANDROID_INTS) optInt(android, k, at);
  for (const k of ANDROID_STRINGS) optString(android, k, at);
  const action = optObject(android, 'action', at);
  if (!action) return;
  const type = optInt(action, 'action_type', `${at}.action`) ?? 1;
  if (type < 1 || type > 6) illegal(`${at}.action.action_type must be 1 to 6`);
  optObject(action, 'aty_attr', `${at}.action`);
  optString(action, 'activity', `${at}.action`);
  if (type === 2) {
    const browser = optObject(action, 'browser', `${at}.action`);
    const url = browser ? optString(browser, 'url', `${at}.action.browser`) : undefined;
    if (!url) missing(`${at}.action.browser.url is required for action_type 2`);
    if (!/^https?:\/\//i.test(url)) illegal(`${at}.action.browser.url must be an http or https URL`);
  }
  if (type === 3 && !optString(action, 'intent', `${at}.action`)) missing(`${at}.action.intent is required for action_type 3`);
}

function checkAcceptTime(value: unknown): void {
  if (!Array.isArray(value)) illegal('message.accept_time must be an array');
  if (value.length > MAX_ACCEPT_TIME_WINDOWS) illegal(`message.accept_time has more than ${MAX_ACCEPT_TIME_WINDOWS} windows`);
  for (const window of value) {
    if (!isObject(window)) illegal('message.accept_time entries must be {"start":{hour,min},"end":{hour,min}}');
    for (const edge of ['start', 'end'] as const) {
      const point = window[edge];
      if (!isObject(point) || !clock(point.hour, 23) || !clock(point.min, 59)) {
        illegal(`message.accept_time ${edge} must be {"hour":"00"-"23","min":"00"-"59"}`);
      }
    }
  }
}

/** XG writes hours and minutes as strings ("09"); numbers are accepted too. */
function clock(v: unknown, max: number): boolean {
  const n = typeof v === 'string' && /^\d{1,2}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
}

function optString(obj: Obj, key: string, at: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') illegal(`${at}.${key} must be a string`);
  return v;
}

function optInt(obj: Obj, key: string, at: string): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) illegal(`${at}.${key} must be an integer`);
  return v;
}

function optObject(obj: Obj, key: string, at: string): Obj | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) illegal(`${at}.${key} must be a JSON object`);
  return v;
}
