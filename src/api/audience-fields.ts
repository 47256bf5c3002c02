// Request fields shared by the tag and account APIs, checked the same way
// everywhere: which list is missing (10102), too long or malformed (10103),
// and which tokens are not this app's registered devices.
import { ApiError, RetCode } from '../errors.js';
import { accountProblem, isAccountType, tagProblem, type AccountRef } from '../stores/audience-types.js';
import type { DeviceStore } from '../stores/types.js';
import { illegal, isObject, missing } from './message.js';
import { MAX_TOKEN_CHARS } from './push-request.js';

/** XG: every list in a tag or account call holds at most 20 entries. */
export const MAX_DEVICE_API_LIST = 20;

const PLATFORMS: ReadonlySet<string> = new Set(['android', 'ios', 'all']);

export function requireObject(value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw new ApiError(RetCode.NOT_JSON, 'request body must be a JSON object');
  // XG requires platform; TPNS dropped it. Either way it selects nothing here.
  const platform = value.platform;
  if (platform !== undefined && platform !== null && (typeof platform !== 'string' || !PLATFORMS.has(platform))) {
    illegal('platform must be android, ios or all');
  }
  return value;
}

export function operatorType(body: Record<string, unknown>, max: number): number {
  const op = body.operator_type;
  if (op === undefined || op === null) missing('operator_type is required');
  if (typeof op !== 'number' || !Number.isInteger(op) || op < 1 || op > max) illegal(`operator_type must be an integer 1–${max}`);
  return op;
}

/** A required, non-empty list of at most MAX_DEVICE_API_LIST entries. */
export function list(body: Record<string, unknown>, field: string): unknown[] {
  const value = body[field];
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) missing(`${field} is required`);
  if (!Array.isArray(value)) illegal(`${field} must be an array`);
  if (value.length > MAX_DEVICE_API_LIST) illegal(`${field} has ${value.length} entries; at most ${MAX_DEVICE_API_LIST}`);
  return value;
}

export function token(value: unknown, field = 'token_list'): string {
  if (typeof value !== 'string' || value === '') illegal(`${field}: a token must be a non-empty string`);
  if (value.length > MAX_TOKEN_CHARS) illegal(`${field}: token "${value.slice(0, 70)}" is longer than ${MAX_TOKEN_CHARS} characters`);
  return value;
}

export function tag(value: unknown, field = 'tag_list'): string {
  const problem = tagProblem(value);
  if (problem) illegal(`${field}: ${problem}`);
  return value as string;
}

/** `{account, account_type?}`, or a bare string (TPNS push style) meaning account_type 0. */
export function account(value: unknown, field = 'account_list'): AccountRef {
  const entry = typeof value === 'string' ? { account: value } : value;
  if (!isObject(entry)) illegal(`${field}: each entry must be {"account": "...", "account_type": n}`);
  const problem = accountProblem(entry.account);
  if (problem) illegal(`${field}: ${problem}`);
  const type = entry.account_type ?? 0;
  if (!isAccountType(type)) illegal(`${field}: account_type ${JSON.stringify(type)} is not an XG account type (0, 1, 2, 1000–1011, 1999, ≥ 2000)`);
  return { account: entry.account as string, accountType: type };
}

/** The tokens (deduplicated, request order) that are not registered devices of `accessId`. */
export async function unknownTokens(devices: DeviceStore, accessId: string, tokens: readonly string[]): Promise<string[]> {
  const unique = [...new Set(tokens)];
  const records = await devices.getMany(unique);
  return unique.filter((_, i) => records[i]?.accessId !== accessId);
}
