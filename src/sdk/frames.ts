// Between wire frames (proto/codec.ts) and the SDK's own types: every frame
// the client sends is built here, and every frame it hands to the app is
// converted here, so client.ts never touches protobuf shapes directly.
import {
  encodeClientFrame,
  MessageType,
  Platform,
  PushProvider,
  type AppRegistration,
  type PushFrame,
  type Welcome,
} from '../../proto/codec.js';
import type { StoredToken } from './token-store.js';
import type { AppCredentials, AppSession, PlatformName, Push } from './types.js';

export const SDK_VERSION = 'homing-ts/0.1.0';

const PLATFORMS: Record<PlatformName, Platform> = {
  android: Platform.ANDROID,
  ios: Platform.IOS,
  web: Platform.WEB,
  other: Platform.OTHER,
};

export function isPlatformName(value: string): value is PlatformName {
  return Object.hasOwn(PLATFORMS, value);
}

export interface HelloInput {
  deviceId: string;
  platform: PlatformName;
  sdkVersion: string;
  apps: readonly AppCredentials[];
  /** The token to resume per accessId; an app without one is issued a new token. */
  tokens: ReadonlyMap<string, StoredToken>;
}

export function encodeHello(input: HelloInput): Uint8Array {
  const apps: AppRegistration[] = input.apps.map((app) => {
    const saved = input.tokens.get(app.accessId);
    const push = app.pushToken ? { pushProvider: app.pushToken.provider === 'apns' ? PushProvider.APNS : PushProvider.FCM, pushToken: app.pushToken.token } : {};
    // Token and secret travel together or not at all: one without the other is a bad hello (4109).
    return saved
      ? { accessId: app.accessId, accessKey: app.accessKey, token: saved.token, tokenSecret: saved.tokenSecret, lastBroadcastId: saved.lastBroadcastId ?? '', ...push }
      : { accessId: app.accessId, accessKey: app.accessKey, ...push };
  });
  return encodeClientFrame({
    hello: { sdkVersion: input.sdkVersion, deviceId: input.deviceId, platform: PLATFORMS[input.platform], apps },
  });
}

export function encodePing(clientTime: number): Uint8Array {
  return encodeClientFrame({ ping: { clientTime } });
}

export function encodeAck(messageIds: string[]): Uint8Array {
  return encodeClientFrame({ ack: { messageIds } });
}

export interface ClickInput {
  accessId: string;
  messageId: string;
  action: string;
  clickedAt: number;
}

export function encodeClick(click: ClickInput): Uint8Array {
  return encodeClientFrame({ click });
}

/** Welcome's sessions with their secrets, for the token store. */
export interface WelcomeSession extends AppSession {
  tokenSecret: string;
  /** The app's newest broadcast push id when the device connected ("" for none). */
  broadcastId: string;
}

export function welcomeSessions(welcome: Welcome): WelcomeSession[] {
  return (welcome.apps ?? []).map((s) => ({
    accessId: s.accessId ?? '',
    token: s.token ?? '',
    tokenSecret: s.tokenSecret ?? '',
    resumed: s.resumed ?? false,
    broadcastId: s.broadcastId ?? '',
  }));
}

export function toPush(frame: PushFrame): Push {
  const customContent = frame.customContent ?? '';
  return {
    messageId: frame.messageId ?? '',
    accessId: frame.accessId ?? '',
    token: frame.token ?? '',
    // An unspecified type is shown as a notification: dropping it silently would lose the message.
    type: frame.type === MessageType.MESSAGE ? 'message' : 'notify',
    title: frame.title ?? '',
    content: frame.content ?? '',
    customContent,
    custom: parseCustom(customContent),
    expiresAt: Number(frame.expiresAt ?? 0),
    pushId: frame.pushId ?? '',
    sentAt: Number(frame.sentAt ?? 0),
  };
}

function parseCustom(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Expiry on the server's clock: `serverNow` is the device clock corrected by the measured offset. */
export function isExpired(frame: PushFrame, serverNow: number): boolean {
  const expiresAt = Number(frame.expiresAt ?? 0);
  return expiresAt > 0 && expiresAt <= serverNow;
}
