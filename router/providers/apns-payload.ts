// What one APNs request carries: headers from the push (topic, push type,
// priority, expiration, collapse id) and the JSON payload built from the XG
// `message.ios` block (aps plus custom keys). Pure functions, no I/O.
import type { ProviderNotification } from './provider.js';

/** Apple's limit for alert and background notifications (VoIP's 5 KB does not apply). */
export const APNS_MAX_PAYLOAD_BYTES = 4096;
/** Apple's limit on apns-collapse-id. */
export const APNS_MAX_COLLAPSE_ID_BYTES = 64;
/** Where our ids ride in the payload, for the iOS SDK's click and arrival reports (XG reserves `xg`). */
export const APNS_IDS_KEY = 'xg';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ApnsRequest {
  headers: Record<string, string>;
  body: Buffer;
}

/** The request for one notification, or the reason it cannot be sent as it is. */
export function buildApnsRequest(n: ProviderNotification, bundleId: string): ApnsRequest | { error: string } {
  const background = n.kind === 'message';
  const headers: Record<string, string> = {
    'apns-topic': bundleId,
    'apns-push-type': background ? 'background' : 'alert',
    // Apple requires 5 for background pushes; 10 delivers alerts at once.
    'apns-priority': background ? '5' : '10',
    // 0 tells APNs to try once and not store it: our "only devices reachable now".
    'apns-expiration': String(n.expiresAt > 0 ? Math.ceil(n.expiresAt / 1000) : 0),
  };
  if (n.collapseId) {
    if (Buffer.byteLength(n.collapseId) > APNS_MAX_COLLAPSE_ID_BYTES) return { error: 'apns_bad_collapse_id' };
    headers['apns-collapse-id'] = n.collapseId;
  }
  const body = Buffer.from(JSON.stringify(apnsPayload(n)));
  if (body.length > APNS_MAX_PAYLOAD_BYTES) return { error: 'apns_payload_too_large' };
  return { headers, body };
}

/**
 * `{...custom keys, xg: {msg_id, push_id}, aps}`. XG's own aps fields become
 * APNs's: badge_type ≥ 0 sets the badge (−1 "unchanged" and −2 "increment"
 * have no server-side form), 0 flags are unset (SDKs always send them).
 */
export function apnsPayload(n: ProviderNotification): Obj {
  const ios = isObject(n.message) && isObject(n.message.ios) ? n.message.ios : {};
  const given: Obj = isObject(ios.aps) ? { ...ios.aps } : {};
  let aps: Obj;
  if (n.kind === 'message') {
    // A background push wakes the app; alert, sound and badge would make it a visible one.
    aps = { 'content-available': 1 };
  } else {
    aps = given;
    const badgeType = aps.badge_type;
    delete aps.badge_type;
    if (typeof badgeType === 'number' && badgeType >= 0 && aps.badge === undefined) aps.badge = badgeType;
    for (const flag of ['content-available', 'mutable-content']) if (aps[flag] !== 1) delete aps[flag];
    if (aps.alert === undefined) aps.alert = n.title ? { title: n.title, body: n.content } : { body: n.content };
  }
  const custom: Obj = n.customContent ? (JSON.parse(n.customContent) as Obj) : {};
  for (const [key, value] of Object.entries(ios)) {
    if (key !== 'aps' && key !== 'custom' && key !== 'custom_content') custom[key] = value;
  }
  return { ...custom, [APNS_IDS_KEY]: { msg_id: n.messageId, push_id: n.pushId }, aps };
}
