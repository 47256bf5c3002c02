// The SDK's public vocabulary: options, what the app receives, and events.
// Wire types stay in proto/codec.ts; these are the shapes an app works with.
import type { BackoffOptions } from './backoff.js';
import type { TokenStore } from './token-store.js';
import type { WebSocketConstructor } from './transport.js';

export type PlatformName = 'android' | 'ios' | 'web' | 'other';

export interface AppCredentials {
  accessId: string;
  accessKey: string;
  /**
   * The app's APNs device token (hex) or FCM registration token on this
   * install, sent in every hello: Homing then reaches the device through APNs
   * or FCM when the socket is away (docs/protocol.md, "Push provider tokens").
   */
  pushToken?: PushTokenReport;
}

export interface PushTokenReport {
  provider: 'apns' | 'fcm';
  /** "" asks Homing to forget this provider's token (notifications turned off). */
  token: string;
}

/** pino's Logger fits; so does anything with these four methods. */
export interface SdkLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface HomingClientOptions {
  /** The gateway's device endpoint, e.g. `wss://push.example.com/device`. */
  url: string;
  /** Stable per install, 1..128 characters. */
  deviceId: string;
  platform: PlatformName;
  /** 1..N apps sharing this one socket. */
  apps: AppCredentials[];
  /** Where tokens persist between runs; in memory by default. */
  tokenStore?: TokenStore;
  backoff?: BackoffOptions;
  /** The WebSocket class; globalThis.WebSocket, else the `ws` package, by default. */
  WebSocket?: WebSocketConstructor;
  /** Silent by default. */
  logger?: SdkLogger;
  /** A socket with no Welcome this long after opening is abandoned and retried. */
  handshakeTimeoutMs?: number;
  /** No answer to a ping within this long: the socket is dead (see heartbeat.ts). */
  pongTimeoutMs?: number;
  /** How long acks wait to be batched. */
  ackDelayMs?: number;
  /** How many recent message ids are remembered to drop duplicates. */
  dedupCapacity?: number;
  /** Reported in Hello. */
  sdkVersion?: string;
  /**
   * Listen to the page's online/offline, visibility, freeze/resume and pagehide
   * events (see page-events.ts). Default: true in a browser page, false elsewhere.
   */
  pageEvents?: boolean;
}

/** One app's registration on the current socket. The token secret is never exposed here. */
export interface AppSession {
  accessId: string;
  token: string;
  /** True when the gateway kept the token this device already had. */
  resumed: boolean;
}

export type PushType = 'notify' | 'message';

/** A push as the app receives it: never a duplicate, never expired. */
export interface Push {
  messageId: string;
  accessId: string;
  token: string;
  /** notify: a notification to show; message: pass-through data for the app. */
  type: PushType;
  title: string;
  content: string;
  /** The JSON text the sender attached, "" when none. */
  customContent: string;
  /** `customContent` parsed when it is a JSON object, else {}. */
  custom: Record<string, unknown>;
  /** ms since epoch, 0 = no expiry. */
  expiresAt: number;
  pushId: string;
  /** ms since epoch when the push was accepted by the API. */
  sentAt: number;
}

export interface ConnectionInfo {
  nodeId: string;
  heartbeatIntervalMs: number;
  maxFrameBytes: number;
  sessions: AppSession[];
}

export interface DisconnectInfo {
  /** The gateway's error/close code (see DeviceError), or a standard WebSocket code such as 1006. */
  code: number;
  reason: string;
  /** Whether the client will reconnect by itself. */
  willReconnect: boolean;
  /** When it reconnects: after this many ms. */
  delayMs?: number;
}

export interface GoawayInfo {
  reason: string;
  reconnectAfterMs: number;
}

export type ClientState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface HomingClientEvents {
  /** A Welcome arrived: the socket is usable. Fires on every (re)connect. */
  connected: (info: ConnectionInfo) => void;
  /**
   * The tokens of this socket, on every (re)connect. Send a token to your app
   * server when `resumed` is false: it is new.
   */
  registered: (sessions: AppSession[]) => void;
  disconnected: (info: DisconnectInfo) => void;
  /** HomingClientError when the client gives up; other errors (a push handler threw, a store failed) otherwise. */
  error: (error: Error) => void;
  goaway: (info: GoawayInfo) => void;
}

export type PushHandler = (push: Push) => void;
