// Provider tokens on device records: the app's APNs device token or FCM
// registration token on one install, reported in the hello
// (AppRegistration.push_provider and push_token; gateway/hello.ts) and used by
// the router to reach the device through APNs or FCM (router/provider-dispatch.ts).
// A token that APNs or FCM declared dead is retired by the router and never
// taken again: an app that kept reporting it would have every push fail alike.
import { PushProvider, type AppRegistration } from '../proto/codec.js';
import { DeviceError, DeviceProtocolError } from './errors.js';
import type { DeviceRecord } from './stores/types.js';

/** APNs device tokens are 32 bytes today; Apple warns they may grow, so up to 100 bytes. */
const APNS_TOKEN = /^(?:[0-9a-fA-F]{2}){32,100}$/;
/** FCM registration tokens are ~160 characters of this alphabet; the cap keeps records small. */
const FCM_TOKEN = /^[A-Za-z0-9_:.-]{1,1024}$/;

/** Retired tokens remembered per device: an install has one live token per provider at a time. */
export const MAX_RETIRED_PUSH_TOKENS = 4;

/** undefined: keep what is stored. token "": forget that provider's token. */
export type PushTokenReport = { field: 'apnsToken' | 'fcmToken'; token: string } | undefined;

/**
 * The registration's provider token, checked. Throws DeviceProtocolError
 * (BAD_HELLO) for a token without a provider or one that cannot be the
 * provider's; a provider this gateway does not know (a newer client's) is ignored.
 */
export function pushTokenReport(reg: AppRegistration): PushTokenReport {
  const token = reg.pushToken ?? '';
  const provider = reg.pushProvider ?? PushProvider.PUSH_PROVIDER_UNSPECIFIED;
  const accessId = reg.accessId ?? '';
  if (provider === PushProvider.PUSH_PROVIDER_UNSPECIFIED) {
    if (token) throw new DeviceProtocolError(DeviceError.BAD_HELLO, `app ${accessId}: push_token needs a push_provider`);
    return undefined;
  }
  if (provider === PushProvider.APNS) {
    if (token && !APNS_TOKEN.test(token)) throw new DeviceProtocolError(DeviceError.BAD_HELLO, `app ${accessId}: an APNs push_token is 64 to 200 hex digits`);
    return { field: 'apnsToken', token: token.toLowerCase() };
  }
  if (provider === PushProvider.FCM) {
    if (token && !FCM_TOKEN.test(token)) throw new DeviceProtocolError(DeviceError.BAD_HELLO, `app ${accessId}: an FCM push_token is 1 to 1024 letters, digits and _:.-`);
    return { field: 'fcmToken', token };
  }
  return undefined;
}

/** The record with the report applied (a new object when it changes). */
export function withPushToken(device: DeviceRecord, report: PushTokenReport): DeviceRecord {
  if (!report || device[report.field] === (report.token || undefined)) return device;
  if (report.token && device.retiredPushTokens?.includes(report.token)) return device;
  const next = { ...device };
  if (report.token) next[report.field] = report.token;
  else delete next[report.field];
  return next;
}

/**
 * The record without `pushToken` (APNs or FCM said it is dead), remembering it
 * as retired; undefined when the record does not hold it any more (a newer
 * token came in meanwhile, or it was retired already).
 */
export function retirePushToken(device: DeviceRecord, pushToken: string): DeviceRecord | undefined {
  const field = device.apnsToken === pushToken ? 'apnsToken' : device.fcmToken === pushToken ? 'fcmToken' : undefined;
  if (!field) return undefined;
  const next = { ...device };
  delete next[field];
  next.retiredPushTokens = [...(device.retiredPushTokens ?? []), pushToken].slice(-MAX_RETIRED_PUSH_TOKENS);
  return next;
}
