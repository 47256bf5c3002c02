// Reply shapes. Every /v3 answer, errors included, is HTTP 200 JSON: XG SDKs
// read only 200 bodies and treat any other status as a transport failure.
//
// - XG envelope (push API, unknown paths):
//   {"seq":<int64>,"ret_code":n,"err_msg":"…","push_id":"…","environment":"product","result":"…"?}
//   push_id is always a string ("0" when no push was created).
// - TPNS envelope (statistics API): {"retCode":n,"errMsg":"…", …data}; errMsg is
//   "NO_ERROR" on success, as in the TPNS samples.
//
// `result` of a token_list push with unregistered tokens (10304, 10305) is the
// JSON *text* of the array of those tokens, in request order, e.g.
// "[\"tok1\",\"tok2\"]": XG puts a string there ("[0]" for a token push) and the
// XG Java SDK declares `result` as a String, so an array value would fail to bind.
// An account_list push whose accounts partly or wholly reach no device (10302,
// 10303) lists those account names the same way. all and tag answers carry no
// `result`, as in XG's tag push example.
import { RetCode, type RetCodeValue } from '../errors.js';
import type { HttpResponse } from '../http/types.js';
import type { PushOutcome, PushTask } from '../push-service.js';

/** Shared by every answer: the HTTP adapter only reads headers. */
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'application/json; charset=utf-8' });

export interface XgReply {
  /** Decimal int64 text, echoed unquoted. */
  seq: string;
  retCode: RetCodeValue;
  errMsg: string;
  pushId: string;
  environment: string;
  result?: string;
}

export function xgResponse(reply: XgReply): HttpResponse {
  // seq is spliced in as raw digits: a JSON number beyond 2^53 would lose precision.
  const seq = /^-?\d+$/.test(reply.seq) ? reply.seq : '0';
  // Written out rather than JSON.stringify of an object: the same text, one string per answer.
  const result = reply.result === undefined ? '' : `,"result":${JSON.stringify(reply.result)}`;
  const body = `{"seq":${seq},"ret_code":${reply.retCode},"err_msg":${JSON.stringify(reply.errMsg)},"push_id":${JSON.stringify(reply.pushId)},"environment":${JSON.stringify(reply.environment)}${result}}`;
  return { status: 200, headers: JSON_HEADERS, body };
}

export function tpnsResponse(retCode: RetCodeValue, errMsg: string, data?: Record<string, unknown>): HttpResponse {
  const body = { retCode, errMsg: retCode === RetCode.OK && errMsg === '' ? 'NO_ERROR' : errMsg, ...data };
  return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export interface PushVerdict {
  retCode: RetCodeValue;
  errMsg: string;
  result?: string;
  /** Tokens reported not registered, request order. */
  failed: string[];
}

/**
 * The XG ret_code of a push the router has handled. Only `not_registered`
 * counts as a failure: `dropped_offline` is what expire_time 0 asked for.
 * Entries missing from a short `targets` are not counted as failures.
 */
export function pushVerdict(task: PushTask, outcome: PushOutcome): PushVerdict {
  if (task.audience) return audienceVerdict(task, outcome);
  const failed = task.tokens.filter((_, i) => outcome.targets[i] === 'not_registered');
  if (failed.length === 0) return { retCode: RetCode.OK, errMsg: '', failed };
  if (task.audienceType === 'token') {
    return { retCode: RetCode.DEVICE_NOT_REGISTERED, errMsg: 'device not registered', failed };
  }
  const result = JSON.stringify(failed);
  if (failed.length === task.tokens.length) {
    return { retCode: RetCode.TOKEN_LIST_ALL_FAILED, errMsg: 'no token in token_list is registered', result, failed };
  }
  return {
    retCode: RetCode.TOKEN_LIST_PARTLY_FAILED,
    errMsg: `${failed.length} of ${task.tokens.length} tokens are not registered; see result`,
    result,
    failed,
  };
}

/**
 * all: always OK (an app without devices reaches nobody, which is no error).
 * tag: 10010005 when the expression matched no registered device. account:
 * 10116 when the account reaches no device; account_list: 10302 / 10303 when
 * some / all accounts reach none.
 */
function audienceVerdict(task: PushTask, outcome: PushOutcome): PushVerdict {
  const ok: PushVerdict = { retCode: RetCode.OK, errMsg: '', failed: [] };
  const audience = task.audience!;
  if (audience.kind === 'tag') {
    return outcome.targetCount === 0 ? { retCode: RetCode.PUSH_TARGET_NOT_FOUND, errMsg: 'no registered device matches the tag expression', failed: [] } : ok;
  }
  if (audience.kind !== 'accounts') return ok;
  const missing = outcome.accountsWithoutDevices ?? [];
  if (missing.length === 0) return ok;
  if (task.audienceType === 'account') {
    return { retCode: RetCode.ACCOUNT_NOT_FOUND, errMsg: `account "${missing[0]!.account}" (account_type ${missing[0]!.accountType}) has no registered device`, failed: [] };
  }
  const result = JSON.stringify(missing.map((a) => a.account));
  if (missing.length === audience.accounts.length) {
    return { retCode: RetCode.ACCOUNT_LIST_ALL_FAILED, errMsg: 'no account in account_list has a registered device', result, failed: [] };
  }
  return {
    retCode: RetCode.ACCOUNT_LIST_PARTLY_FAILED,
    errMsg: `${missing.length} of ${audience.accounts.length} accounts have no registered device; see result`,
    result,
    failed: [],
  };
}
