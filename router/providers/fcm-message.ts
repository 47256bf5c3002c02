// The FCM HTTP v1 `message` for one push: notification + android from the XG
// message, data from its custom content (FCM wants every data value a string).
// Pass-through (message_type "message") goes as a data-only message: it never
// rides in a notification payload, which Android would show by itself.
import type { ProviderNotification } from './provider.js';

/** Where our ids ride in `data` (JSON text), for the Android SDK's arrival and click reports. */
export const FCM_IDS_KEY = 'xg';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function fcmMessage(n: ProviderNotification, now: number): Obj {
  const android = isObject(n.message) && isObject(n.message.android) ? n.message.android : {};
  const data: Record<string, string> = {};
  if (n.customContent) {
    for (const [key, value] of Object.entries(JSON.parse(n.customContent) as Obj)) {
      data[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  data[FCM_IDS_KEY] = JSON.stringify({ msg_id: n.messageId, push_id: n.pushId });
  // 0 s asks FCM to deliver now or drop it: our "devices reachable now" for expire_time 0.
  const ttlSeconds = n.expiresAt > 0 ? Math.max(0, Math.ceil((n.expiresAt - now) / 1000)) : 0;
  const androidConfig: Obj = { priority: 'high', ttl: `${ttlSeconds}s` };
  if (n.collapseId) androidConfig.collapse_key = n.collapseId;
  const message: Obj = { token: n.deviceToken, android: androidConfig, data };
  if (n.kind === 'message') {
    data.title = n.title;
    data.content = n.content;
    return message;
  }
  message.notification = { title: n.title, body: n.content };
  const shown: Obj = {};
  const channel = android.fcm_ch_id ?? android.n_ch_id;
  if (typeof channel === 'string' && channel) shown.channel_id = channel;
  if (typeof android.small_icon === 'string' && android.small_icon) shown.icon = android.small_icon;
  // XG: ring 0 = silent; ring_raw names a sound in res/raw.
  if (android.ring !== 0) shown.sound = typeof android.ring_raw === 'string' && android.ring_raw ? android.ring_raw : 'default';
  // XG n_id > 0 replaces a shown notification with the same id: FCM's tag does that.
  if (typeof android.n_id === 'number' && android.n_id > 0) shown.tag = `n${android.n_id}`;
  if (Object.keys(shown).length > 0) androidConfig.notification = shown;
  return message;
}
