// HomingClientOptions checked and completed with defaults, once, in the
// constructor: a wrong option fails at `new HomingClient(...)`, not at some
// later reconnect.
import { DEFAULT_ACK_DELAY_MS } from './ack-batcher.js';
import type { BackoffOptions } from './backoff.js';
import { DEFAULT_DEDUP_CAPACITY } from './dedup.js';
import { isPlatformName, SDK_VERSION } from './frames.js';
import { DEFAULT_PONG_TIMEOUT_MS } from './heartbeat.js';
import { inBrowserPage } from './page-events.js';
import { MemoryTokenStore, type TokenStore } from './token-store.js';
import type { WebSocketConstructor } from './transport.js';
import type { AppCredentials, HomingClientOptions, PlatformName, PushTokenReport, SdkLogger } from './types.js';

/** A mobile handshake (DNS, TCP, TLS, hello) that has not finished in 15 s is better retried. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 15_000;

const SILENT: SdkLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface ResolvedOptions {
  url: string;
  deviceId: string;
  platform: PlatformName;
  apps: readonly AppCredentials[];
  tokenStore: TokenStore;
  backoff: BackoffOptions;
  /** Undefined: resolved on first connect (see transport.ts). */
  WebSocket: WebSocketConstructor | undefined;
  logger: SdkLogger;
  handshakeTimeoutMs: number;
  pongTimeoutMs: number;
  ackDelayMs: number;
  dedupCapacity: number;
  sdkVersion: string;
  pageEvents: boolean;
}

/** Throws TypeError or RangeError naming the option. */
export function resolveOptions(options: HomingClientOptions): ResolvedOptions {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new TypeError(`url is not a URL: ${options.url}`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new TypeError(`url must be ws: or wss:, got ${options.url}`);
  if (typeof options.deviceId !== 'string' || options.deviceId.length < 1 || options.deviceId.length > 128) {
    throw new RangeError('deviceId must be 1..128 characters');
  }
  if (!isPlatformName(options.platform)) throw new TypeError(`unknown platform ${String(options.platform)}`);
  if (!options.apps?.length) throw new RangeError('apps must name at least one app');
  const ids = new Set<string>();
  for (const app of options.apps) {
    if (!app.accessId || !app.accessKey) throw new TypeError('every app needs an accessId and an accessKey');
    if (ids.has(app.accessId)) throw new RangeError(`app ${app.accessId} is listed twice`);
    ids.add(app.accessId);
    checkPushToken(app.pushToken);
  }
  return {
    url: options.url,
    deviceId: options.deviceId,
    platform: options.platform,
    apps: options.apps.map(({ accessId, accessKey, pushToken }) => ({ accessId, accessKey, ...(pushToken ? { pushToken: { ...pushToken } } : {}) })),
    tokenStore: options.tokenStore ?? new MemoryTokenStore(),
    backoff: options.backoff ?? {},
    WebSocket: options.WebSocket,
    logger: options.logger ?? SILENT,
    handshakeTimeoutMs: positive('handshakeTimeoutMs', options.handshakeTimeoutMs, DEFAULT_HANDSHAKE_TIMEOUT_MS),
    pongTimeoutMs: positive('pongTimeoutMs', options.pongTimeoutMs, DEFAULT_PONG_TIMEOUT_MS),
    ackDelayMs: nonNegative('ackDelayMs', options.ackDelayMs, DEFAULT_ACK_DELAY_MS),
    dedupCapacity: positive('dedupCapacity', options.dedupCapacity, DEFAULT_DEDUP_CAPACITY),
    sdkVersion: options.sdkVersion ?? SDK_VERSION,
    pageEvents: options.pageEvents ?? inBrowserPage(),
  };
}

/** The gateway checks the token's form (4109 when wrong); here only the shape. */
export function checkPushToken(report: PushTokenReport | undefined): void {
  if (report === undefined) return;
  if (report.provider !== 'apns' && report.provider !== 'fcm') throw new TypeError(`pushToken.provider must be apns or fcm, got ${String(report.provider)}`);
  if (typeof report.token !== 'string') throw new TypeError('pushToken.token must be a string');
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be >= 0, got ${value}`);
  return value;
}
