// The audience of an `all`, `tag`, `account` or `account_list` push
// (/v3/push/app, XG-API.md §3.2), parsed into the Audience the router resolves.
// Problems answer XG's codes: 10115 when there is no account to push to,
// 10103 for a malformed one, 10102/10103 for tags (tag-audience.ts).
//
// Accounts: XG sends `account_list` as strings with one top-level
// `account_type` (default 0) that must equal the type used when binding; an
// entry may also be `{account, account_type}` (as in the account API), whose
// own type wins. `account` uses only the first entry (as `token` does).
import { ApiError, RetCode } from '../errors.js';
import type { Audience } from '../push-service.js';
import { accountProblem, isAccountType, type AccountRef } from '../stores/audience-types.js';
import { illegal, isObject } from './message.js';
import { parseTagAudience } from './tag-audience.js';

/** XG: an account_list push names at most 1000 accounts. */
export const MAX_ACCOUNT_LIST = 1000;

export type AudienceKind = 'all' | 'tag' | 'account' | 'account_list';

export function parseAudience(body: Record<string, unknown>, kind: AudienceKind): Audience {
  switch (kind) {
    case 'all':
      return { kind: 'all' };
    case 'tag':
      return { kind: 'tag', expression: parseTagAudience(body) };
    default:
      return { kind: 'accounts', accounts: parseAccounts(body, kind), pushType: parsePushType(body.account_push_type) };
  }
}

function parseAccounts(body: Record<string, unknown>, kind: 'account' | 'account_list'): AccountRef[] {
  const list = body.account_list;
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) {
    throw new ApiError(RetCode.ACCOUNT_EMPTY, `account_list is required for audience_type ${kind}`);
  }
  if (!Array.isArray(list)) illegal('account_list must be an array of accounts');
  if (kind === 'account_list' && list.length > MAX_ACCOUNT_LIST) illegal(`account_list has ${list.length} accounts; the limit is ${MAX_ACCOUNT_LIST}`);
  const defaultType = body.account_type ?? 0;
  if (!isAccountType(defaultType)) illegal(`account_type ${JSON.stringify(defaultType)} is not an XG account type (0, 1, 2, 1000–1011, 1999, ≥ 2000)`);
  const entries = kind === 'account' ? list.slice(0, 1) : list;
  const unique = new Map<string, AccountRef>();
  entries.forEach((entry, i) => {
    const ref = parseAccount(entry, defaultType, `account_list[${i}]`);
    const key = `${ref.accountType} ${ref.account}`;
    if (!unique.has(key)) unique.set(key, ref);
  });
  return [...unique.values()];
}

function parseAccount(entry: unknown, defaultType: number, field: string): AccountRef {
  const object = isObject(entry);
  const account = object ? entry.account : entry;
  if (account === '' || account === undefined || account === null) throw new ApiError(RetCode.ACCOUNT_EMPTY, `${field}: the account is empty`);
  const problem = accountProblem(account);
  if (problem) illegal(`${field}: ${problem}`);
  const type = object && entry.account_type !== undefined && entry.account_type !== null ? entry.account_type : defaultType;
  if (!isAccountType(type)) illegal(`${field}: account_type ${JSON.stringify(type)} is not an XG account type (0, 1, 2, 1000–1011, 1999, ≥ 2000)`);
  return { account: account as string, accountType: type };
}

/** 0 (default): each account's latest bound device; 1: all its devices. */
function parsePushType(value: unknown): 0 | 1 {
  if (value === undefined || value === null || value === 0) return 0;
  if (value === 1) return 1;
  illegal('account_push_type must be 0 (the account\'s latest device) or 1 (all its devices)');
}
