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
import { RetCode, type RetCodeValue } from '../errors.js';
import type { HttpResponse } from '../http/types.js';
import type { PushOutcome, PushTask } from '../push-service.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

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
  const rest: Record<string, unknown> = {
    ret_code: reply.retCode,
    err_msg: reply.errMsg,
    push_id: reply.pushId,
    environment: reply.environment,
  };
  if (reply.result !== undefined) rest.result = reply.result;
  // seq is spliced in as raw digits: a JSON number beyond 2^53 would lose precision.
  const seq = /^-?\d+$/.test(reply.seq) ? reply.seq : '0';
  return { status: 200, headers: { ...JSON_HEADERS }, body: `{"seq":${seq},${JSON.stringify(rest).slice(1)}` };
}

export function tpnsResponse(retCode: RetCodeValue, errMsg: string, data?: Record<string, unknown>): HttpResponse {
  const body = { retCode, errMsg: retCode === RetCode.OK && errMsg === '' ? 'NO_ERROR' : errMsg, ...data };
  return { status: 200, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
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
