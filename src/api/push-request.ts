// A /v3/push/app body (XG-API.md §3) turned into a PushTask. Everything a
// client can get wrong is answered here with an XG ret_code, before the router
// sees the task. Token pushes carry their tokens; all, tag and account pushes
// an Audience (push-audience.ts) that the router resolves. SDK defaults (§8: empty lists, zero flags, platform "all",
// account_type 0, loop_times 0, multi_pkg false …) are accepted and ignored
// wherever they are not the target of this audience type.
import type { MessageKind } from '../messages.js';
import type { PushContent, PushTask } from '../push-service.js';
import type { AudienceType } from '../stores/types.js';
import { checkMessageSize, illegal, isObject, missing, parseMessage } from './message.js';
import { ApiError, RetCode } from '../errors.js';
import { parseAudience } from './push-audience.js';

/** XG and TPNS: offline retention is at most 72 h. */
export const MAX_EXPIRE_SECONDS = 259_200;
/** XG: a token_list push carries at most 1000 tokens. */
export const MAX_TOKEN_LIST = 1000;
/** XG tokens are at most 64 chars (TPNS 36). */
export const MAX_TOKEN_CHARS = 64;

const SUPPORTED: ReadonlySet<string> = new Set(['all', 'tag', 'token', 'token_list', 'account', 'account_list']);
const KNOWN_LATER: ReadonlySet<string> = new Set(['package_account_push', 'package_token_push']);
const PLATFORMS: ReadonlySet<string> = new Set(['android', 'ios', 'all']);
const ENVIRONMENTS: ReadonlySet<string> = new Set(['product', 'dev']);

export interface PushRequestLimits {
  defaultExpireSeconds: number;
}

/**
 * The environment a reply should echo, read leniently so that a request failing
 * validation still gets its own environment back when it named a valid one.
 */
export function requestedEnvironment(body: unknown): string {
  const env = isObject(body) ? body.environment : undefined;
  return typeof env === 'string' && ENVIRONMENTS.has(env) ? env : 'product';
}

/** Throws ApiError with the XG ret_code of the first problem found. */
export function parsePushRequest(body: unknown, accessId: string, limits: PushRequestLimits): PushTask {
  if (!isObject(body)) throw new ApiError(RetCode.NOT_JSON, 'request body must be a JSON object');

  const audienceType = body.audience_type;
  if (audienceType === undefined || audienceType === null || audienceType === '') missing('audience_type is required');
  if (typeof audienceType !== 'string') illegal('audience_type must be a string');
  if (KNOWN_LATER.has(audienceType)) illegal(`audience_type ${audienceType} is not supported yet (no package uploads)`);
  if (!SUPPORTED.has(audienceType)) illegal(`audience_type must be all, tag, token, token_list, account or account_list, got "${audienceType}"`);
  const type = audienceType as AudienceType;

  const byToken = type === 'token' || type === 'token_list';
  const tokens = byToken ? parseTokens(body.token_list, type) : [];
  const audience = byToken ? undefined : parseAudience(body, type);
  const reusePushId = type === 'token_list' || type === 'account_list' ? parsePushId(body.push_id) : undefined;

  const environment = body.environment ?? 'product';
  if (typeof environment !== 'string' || !ENVIRONMENTS.has(environment)) illegal('environment must be product or dev');
  // TPNS dropped `platform` (one AccessID is one platform); SDKs send "all".
  const platform = body.platform ?? 'all';
  if (typeof platform !== 'string' || !PLATFORMS.has(platform)) illegal('platform must be android, ios or all');
  const expireTime = parseExpireTime(body.expire_time, limits.defaultExpireSeconds);

  // A reused push_id carries its first call's content, so a later call may omit it.
  const reuseWithoutContent = reusePushId !== undefined && (body.message === undefined || body.message === null);
  const content = reuseWithoutContent
    ? { kind: 'notify' as const, title: '', content: '', customContent: '', message: {}, platform, environment, expireTime }
    : parseContent(body, platform, environment, expireTime);

  const task: PushTask = { accessId, audienceType: type, tokens, content };
  if (audience !== undefined) task.audience = audience;
  if (reusePushId !== undefined) task.reusePushId = reusePushId;
  return task;
}

function parseContent(body: Record<string, unknown>, platform: string, environment: string, expireTime: number): PushContent {
  const kind = body.message_type;
  if (kind === undefined || kind === null || kind === '') missing('message_type is required');
  if (kind !== 'notify' && kind !== 'message') illegal('message_type must be notify or message');
  const message = body.message;
  if (message === undefined || message === null) missing('message is required');
  if (!isObject(message)) illegal('message must be a JSON object');
  checkMessageSize(message);
  const parsed = parseMessage(message, kind as MessageKind);
  return {
    kind: kind as MessageKind,
    title: parsed.title,
    content: parsed.content,
    customContent: parsed.customContent,
    message,
    platform,
    environment,
    expireTime,
  };
}

/** token: only the first element counts (XG). token_list: 1–1000, duplicates dropped, order kept. */
function parseTokens(value: unknown, audience: AudienceType): string[] {
  if (value === undefined || value === null) missing(`token_list is required for audience_type ${audience}`);
  if (!Array.isArray(value)) illegal('token_list must be an array of strings');
  if (value.length === 0) missing(`token_list is empty`);
  if (audience === 'token') return [checkToken(value[0])];
  if (value.length > MAX_TOKEN_LIST) illegal(`token_list has ${value.length} tokens; the limit is ${MAX_TOKEN_LIST}`);
  return [...new Set(value.map(checkToken))];
}

function checkToken(token: unknown): string {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_CHARS) {
    illegal(`each token must be a non-empty string of at most ${MAX_TOKEN_CHARS} chars`);
  }
  return token;
}

/** "0", 0 or absent: a new task. Otherwise the decimal id of an earlier push. */
function parsePushId(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '' || value === '0' || value === 0) return undefined;
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-9]\d{0,31}$/.test(text)) illegal('push_id must be "0" or the push_id of an earlier push');
  return text;
}

/** 0 = deliver only to devices online now. XG's later rule raising 1–799 s to 800 s is not copied: short expiries are honoured. */
function parseExpireTime(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) illegal('expire_time must be a whole number of seconds');
  if (value > MAX_EXPIRE_SECONDS) illegal(`expire_time must be at most ${MAX_EXPIRE_SECONDS} (72 h)`);
  return value;
}
