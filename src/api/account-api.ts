// XG's account API (XG-API.md §5): /v3/device/account/batchoperate
// operator_type 1–5 and /v3/device/account/query operator_type 1–2. The whole
// request is checked first (10102/10103, nothing written); then each item gets
// its own status in `result`, in request order: "ok", or "token_not_exists" for
// a token that is not a registered device of this app (that item is skipped),
// or "account_not_exists" for an account bound to no device. XG calls
// batchoperate asynchronous; Homing applies it before answering, so a query
// right after sees it.
import { RetCode } from '../errors.js';
import { MAX_ACCOUNTS_PER_TOKEN, type AccountOp, type AccountRef, type AccountStore } from '../stores/audience-types.js';
import type { DeviceStore } from '../stores/types.js';
import { account, list, operatorType, requireObject, token, unknownTokens } from './audience-fields.js';
import { answer, type DeviceApiHandler } from './device-reply.js';
import { illegal, isObject, missing } from './message.js';

export interface AccountApiDeps {
  accounts: AccountStore;
  devices: DeviceStore;
}

const OK = 'ok';
const TOKEN_NOT_EXISTS = 'token_not_exists';
const ACCOUNT_NOT_EXISTS = 'account_not_exists';

interface TokenAccounts {
  token: string;
  accounts: AccountRef[];
}

function tokenAccounts(body: Record<string, unknown>, op: number): TokenAccounts[] {
  return list(body, 'token_accounts').map((item) => {
    if (!isObject(item)) illegal('token_accounts: each entry must be {"token": "…", "account_list": […]}');
    const accounts = item.account_list;
    // Replacing with nothing is how a token leaves all its accounts; adding or removing nothing is a mistake.
    if (accounts === undefined || accounts === null || (Array.isArray(accounts) && accounts.length === 0 && op !== 2)) {
      missing('token_accounts: account_list is required');
    }
    if (!Array.isArray(accounts)) illegal('token_accounts: account_list must be an array');
    if (op !== 3 && accounts.length > MAX_ACCOUNTS_PER_TOKEN) {
      illegal(`token_accounts: a token keeps at most ${MAX_ACCOUNTS_PER_TOKEN} accounts; got ${accounts.length}`);
    }
    if (accounts.length > 20) illegal('token_accounts: account_list has more than 20 entries');
    return { token: token(item.token, 'token_accounts'), accounts: accounts.map((a) => account(a, 'token_accounts.account_list')) };
  });
}

const wire = (a: AccountRef) => ({ account: a.account, account_type: a.accountType });

export function accountRoutes({ accounts, devices }: AccountApiDeps): Map<string, DeviceApiHandler> {
  const batchOperate: DeviceApiHandler = async (json, app) => {
    const body = requireObject(json.value);
    const op = operatorType(body, 5);
    if (op === 5) {
      const refs = list(body, 'account_list').map((a) => account(a));
      const bound = await Promise.all(refs.map((a) => accounts.tokensOf(app.accessId, a)));
      await accounts.update(app.accessId, refs.map((a): AccountOp => ({ kind: 'drop', account: a })));
      return answer(json, RetCode.OK, '', { result: bound.map((tokens) => (tokens.length ? OK : ACCOUNT_NOT_EXISTS)) });
    }
    const items: TokenAccounts[] = op === 4 ? list(body, 'token_list').map((t) => ({ token: token(t), accounts: [] })) : tokenAccounts(body, op);
    const unknown = new Set(await unknownTokens(devices, app.accessId, items.map((i) => i.token)));
    const ops = items
      .filter((i) => !unknown.has(i.token))
      .map(({ token: t, accounts: refs }): AccountOp => {
        switch (op) {
          case 1: return { kind: 'append', token: t, accounts: refs };
          case 2: return { kind: 'replace', token: t, accounts: refs };
          case 3: return { kind: 'remove', token: t, accounts: refs };
          default: return { kind: 'clear', token: t };
        }
      });
    if (ops.length > 0) await accounts.update(app.accessId, ops);
    return answer(json, RetCode.OK, '', { result: items.map((i) => (unknown.has(i.token) ? TOKEN_NOT_EXISTS : OK)) });
  };

  const query: DeviceApiHandler = async (json, app) => {
    const body = requireObject(json.value);
    if (operatorType(body, 2) === 1) {
      const refs = list(body, 'account_list').map((a) => account(a));
      const found = await Promise.all(refs.map((a) => accounts.tokensOf(app.accessId, a)));
      return answer(json, RetCode.OK, '', {
        result: found.map((tokens) => (tokens.length ? OK : ACCOUNT_NOT_EXISTS)),
        account_tokens: refs.map((a, i) => ({ ...wire(a), token_list: found[i] })),
      });
    }
    const tokens = list(body, 'token_list').map((t) => token(t));
    const unknown = new Set(await unknownTokens(devices, app.accessId, tokens));
    const found = await Promise.all(tokens.map((t) => (unknown.has(t) ? [] : accounts.accountsOf(app.accessId, t))));
    return answer(json, RetCode.OK, '', {
      result: tokens.map((t) => (unknown.has(t) ? TOKEN_NOT_EXISTS : OK)),
      token_accounts: tokens.map((t, i) => ({ token: t, account_list: found[i]!.map(wire) })),
    });
  };

  return new Map([
    ['/v3/device/account/batchoperate', batchOperate],
    ['/v3/device/account/query', query],
  ]);
}
