// The push-provider contract: one way out to a device that is not reached over
// our own long connection (APNs, FCM; vendors later). A provider sends one
// notification to one device and says what became of it; it never retries by
// itself (sendWithRetry in retry.ts does, within the push's expiry) and never
// throws for anything the remote end or the network does.
import type { MessageKind } from '../../src/messages.js';

export type ProviderName = 'apns' | 'fcm';

/** One push for one device, as a provider needs it. */
export interface ProviderNotification {
  /** The provider's device token (APNs: 64 hex chars; FCM: registration token), not Homing's token. */
  deviceToken: string;
  messageId: string;
  pushId: string;
  kind: MessageKind;
  title: string;
  content: string;
  /** JSON object text, "" when none (the push's normalised custom_content). */
  customContent: string;
  /** The XG `message` object as the API received it (`ios`, `android` blocks). */
  message: unknown;
  /** iOS only: 'dev' picks APNs's development host, anything else production. */
  environment: string;
  /** ms since epoch; 0 = deliver now or never (nothing is stored by the provider). */
  expiresAt: number;
  /** Replaces an earlier notification with the same id on the device (apns-collapse-id, FCM collapse_key). */
  collapseId?: string;
}

/**
 * - delivered: the provider accepted it (the end of our part of its journey).
 * - retry: a passing condition (rate limit, outage, network); try again after `delayMs` or later.
 * - token_invalid: the device token is dead; retire it and never use it again.
 * - failed: this notification cannot go out as it is (bad credentials, topic, payload).
 * `reason` is a short snake_case name for statistics and logs, e.g. "apns_unregistered".
 */
export type ProviderResult =
  | { kind: 'delivered' }
  | { kind: 'retry'; reason: string; delayMs: number }
  | { kind: 'token_invalid'; reason: string }
  | { kind: 'failed'; reason: string };

export interface PushProvider {
  readonly name: ProviderName;
  send(notification: ProviderNotification): Promise<ProviderResult>;
  /** Closes connections; sends after close answer `failed` with reason `<name>_closed`. */
  close(): Promise<void>;
}

/** "TooManyRequests" → "too_many_requests"; "SENDER_ID_MISMATCH" → "sender_id_mismatch". */
export function snakeReason(provider: ProviderName, reason: string): string {
  const snake = reason
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return `${provider}_${snake || 'unknown'}`;
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), else undefined. */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
