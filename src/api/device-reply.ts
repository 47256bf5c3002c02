// The answer shape of the device APIs (/v3/device/tag…, /v3/device/account/…):
// XG's `{"seq":…,"ret_code":…,"err_msg":"…"}` plus the call's own fields. Unlike
// the push API it carries no push_id or environment: XG's tag reply has none,
// and the XG Java SDK binds it to a class that lists only seq, ret_code,
// err_msg and result.
import type { RetCodeValue } from '../errors.js';
import type { HttpResponse } from '../http/types.js';
import type { AppRecord } from '../stores/types.js';
import type { JsonBody } from './json-body.js';

export interface DeviceApiAnswer {
  response: HttpResponse;
  retCode: RetCodeValue;
}

/** Throws ApiError for an XG error code; rest-api.ts turns it into a deviceReply. */
export type DeviceApiHandler = (body: JsonBody, app: AppRecord) => Promise<DeviceApiAnswer>;

export function deviceReply(seq: string, retCode: RetCodeValue, errMsg: string, fields: Record<string, unknown> = {}): HttpResponse {
  const rest = JSON.stringify({ ret_code: retCode, err_msg: errMsg, ...fields });
  // seq is spliced in as raw digits: a JSON number beyond 2^53 would lose precision.
  const digits = /^-?\d+$/.test(seq) ? seq : '0';
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: `{"seq":${digits},${rest.slice(1)}` };
}

export function answer(body: JsonBody, retCode: RetCodeValue, errMsg: string, fields?: Record<string, unknown>): DeviceApiAnswer {
  return { response: deviceReply(body.seq, retCode, errMsg, fields), retCode };
}
