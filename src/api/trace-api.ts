// `/v3/statistics/trace`: where one push stopped for one device. Takes
// `push_id` (or TPNS's `pushId`) and a `token`, or an `account` (with
// `account_type`, default 0) whose bound tokens are traced each. Answers in
// the statistics (TPNS) envelope:
//   {"retCode":0,"errMsg":"NO_ERROR","pushId":"…","traces":[{"token":"…","traced":true,
//     "steps":[{"step":"accepted","at":1700000000000,"time":"2023-…Z"}, {"step":"routed","node":"…",…}]}]}
// `traced: false` means no steps are held for that delivery: it was sampled
// out of a large audience, is past its retention, predates this process, or
// the push never named that token.
import { ApiError, RetCode } from '../errors.js';
import type { PushService } from '../push-service.js';
import type { AccountStore } from '../stores/audience-types.js';
import { accountProblem, isAccountType } from '../stores/audience-types.js';
import type { DeliveryTrace, TraceStep } from '../trace/delivery-trace.js';
import { illegal, isObject, missing } from './message.js';

/** An account bound to more devices than this is traced on its most recent ones. */
export const MAX_TRACED_ACCOUNT_TOKENS = 100;

export interface DeliveryTraceView {
  token: string;
  traced: boolean;
  steps: Array<Omit<TraceStep, 'pushId' | 'token'> & { time: string }>;
}

/** The steps of one delivery as the APIs show them: ms and ISO time. */
export function traceView(trace: DeliveryTrace | undefined, pushId: string, token: string): DeliveryTraceView {
  const steps = trace?.steps(pushId, token);
  return {
    token,
    traced: steps !== undefined,
    steps: (steps ?? []).map(({ pushId: _p, token: _t, ...step }) => ({ ...step, time: new Date(step.at).toISOString() })),
  };
}

export function traceQuery(trace: DeliveryTrace | undefined, accounts: AccountStore | undefined) {
  return async (body: unknown, accessId: string, pushes: PushService): Promise<Record<string, unknown>> => {
    if (!isObject(body)) throw new ApiError(RetCode.NOT_JSON, 'request body must be a JSON object');
    const pushId = pushIdOf(body.push_id ?? body.pushId);
    const tokens = await tokensOf(body, accessId, accounts);
    if (!(await pushes.record(accessId, pushId))) throw new ApiError(RetCode.PUSH_TASK_NOT_FOUND, 'push task not found');
    return { pushId, traces: tokens.map((token) => traceView(trace, pushId, token)) };
  };
}

function pushIdOf(value: unknown): string {
  if (value === undefined || value === null || value === '') missing('push_id is required');
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,32}$/.test(text)) illegal('push_id must be a decimal push id');
  return text;
}

async function tokensOf(body: Record<string, unknown>, accessId: string, accounts: AccountStore | undefined): Promise<string[]> {
  const { token, account } = body;
  if ((token === undefined) === (account === undefined)) missing('give either token or account');
  if (token !== undefined) {
    if (typeof token !== 'string' || token === '' || token.length > 256) illegal('token must be a non-empty string');
    return [token];
  }
  const problem = accountProblem(account);
  if (problem) illegal(problem);
  const accountType = body.account_type ?? 0;
  if (!isAccountType(accountType)) illegal('account_type is not an XG account type');
  if (!accounts) illegal('accounts are not served here');
  const tokens = await accounts.tokensOf(accessId, { account: account as string, accountType });
  return tokens.slice(0, MAX_TRACED_ACCOUNT_TOKENS);
}
