// Typed configuration. The only module that reads process.env; everything is
// validated before anything listens, and a bad value names its setting.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { tlsFiles, type TlsFiles } from './tls-files.js';

export type { TlsFiles } from './tls-files.js';

/** Port for HTTP and WebSocket alike: one port keeps firewalls and load balancers simple. */
export const DEFAULT_PORT = 8080;
/** Mobile radios wake for every heartbeat; two minutes balances battery and dead-socket detection. */
export const DEFAULT_HEARTBEAT_SECONDS = 120;
/** uWS aborts the process on an idle timeout over 960 s (idleTimeoutSeconds(600) is 904). */
export const MAX_HEARTBEAT_SECONDS = 600;
/** Client frames are small (hello, acks, clicks); 16 KiB fits a hello with many apps and big ack batches. */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024;
/** A device rarely hosts more XG apps than this; the cap bounds hello work per socket. */
export const DEFAULT_MAX_APPS_PER_SOCKET = 16;
/** Unsent bytes one socket may queue before it is closed as a slow consumer (4002). */
export const DEFAULT_MAX_BACKPRESSURE_BYTES = 256 * 1024;
/** File descriptors kept free for REST clients, data files and logs when the connection cap is derived. */
export const FD_RESERVE = 1024;
/** Used when the open-file limit cannot be read (non-Linux). */
export const FALLBACK_MAX_CONNECTIONS = 100_000;

/**
 * The process's soft open-file limit, from /proc/self/limits, or undefined.
 * Past it accept() fails and uWS spins; the connection cap stays below it.
 */
export function openFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft && /^\d+$/.test(soft) ? Number(soft) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Deliveries one socket may have in flight (sent, not acked). Enough to keep a
 * fast link busy across the SDK's ack batching; small enough that a slow link
 * never queues more than a few hundred KB (the backpressure cap).
 */
export const DEFAULT_INFLIGHT_WINDOW = 64;
/** A live delivery unacked this long is stored offline, so a hung socket cannot hold it in memory only. */
export const DEFAULT_ACK_TIMEOUT_SECONDS = 30;
/**
 * Push log commits start at most this often under load (sooner when waiting
 * would add nothing: see GroupCommit), so concurrent pushes
 * share a transaction and a sync; it delays the API's answer by at most this,
 * never a live delivery.
 */
export const DEFAULT_GROUP_COMMIT_MS = 4;
/** A token push takes milliseconds and an audience of millions well under this; a router that died mid-job never answers. */
export const DEFAULT_PUSH_JOB_TIMEOUT_SECONDS = 30;
/** Offline refs kept per token; past it the oldest are dropped and counted (offline_queue_full). */
export const DEFAULT_MAX_OFFLINE_PER_TOKEN = 10_000;

/** 1,000 tokens of 64 chars plus a 4 KB message fit well inside 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** XG's default offline retention (72 h), also its maximum. */
export const DEFAULT_EXPIRE_SECONDS = 259_200;
/** TPNS signature auth: how far TimeStamp may be from our clock. */
export const DEFAULT_SIGN_WINDOW_SECONDS = 600;
/**
 * New device registrations per app per minute (bursts of as many). The access
 * key ships in the mobile app, so anyone can register devices; 100 a second
 * covers a busy launch and keeps a script from filling the device store.
 */
export const DEFAULT_REGISTRATIONS_PER_APP_PER_MINUTE = 6000;
/**
 * Hellos with a new registration per source address per minute (bursts of as
 * many). Carrier NAT puts many phones behind one address, but each registers
 * once per install, so one a second is plenty.
 */
export const DEFAULT_REGISTRATIONS_PER_ADDRESS_PER_MINUTE = 60;
/** Device records unused (no hello) this long are removed. */
export const DEFAULT_DEVICE_EXPIRE_DAYS = 90;
/**
 * Offline messages live at most 72 h (XG), so a device record older than this
 * has no message waiting, and a push older than this has no message left to
 * deliver: expiring either loses nothing that is still owed.
 */
export const MIN_RETENTION_DAYS = 4;
/**
 * Pushes (record, listing, counters) older than this are forgotten: a month of
 * history for the statistics API and the console.
 */
export const DEFAULT_PUSH_HISTORY_DAYS = 30;
/**
 * /v3/push/* calls per app per second (bursts of as many): above what one
 * node ingests, so it only bites when one app would starve the others.
 */
export const DEFAULT_PUSH_REQUESTS_PER_APP_PER_SECOND = 5000;
/**
 * `all` and `tag` pushes per app per minute (bursts of as many): TPNS allows
 * one a second. Each reaches every device of an audience (and `all` reads the
 * whole device store until topic fan-out lands), so one app must not be able
 * to keep the router busy with them.
 */
export const DEFAULT_BROADCASTS_PER_APP_PER_MINUTE = 60;

/** A host and port to listen on, e.g. HOMING_METRICS_ADDRESS. */
export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * When an accepted push counts as stored.
 * - 'fsync' (default): synced to disk before the API answers; survives power loss.
 * - 'commit': committed to the data files (the OS page cache) before the answer,
 *   so it survives the process being killed; LMDB's sync follows (overlapping).
 *   On the bench machine this costs as much as 'fsync', because LMDB lets one
 *   commit wait for the previous sync; it helps where syncs are slow and rare.
 * - 'nosync': LMDB never syncs; the OS writes pages back when it likes. Survives
 *   the process being killed; an OS crash or power loss may lose recent pushes
 *   and can damage the data files. About twice the REST rate on the bench machine.
 */
export type Durability = 'fsync' | 'commit' | 'nosync';
const DURABILITIES: readonly Durability[] = ['fsync', 'commit', 'nosync'];

/** Which parts this process runs (`homing start --role`); gateway, router and api alone need NATS and Redis. */
export type Role = 'all' | 'gateway' | 'router' | 'api';
export const ROLES: readonly Role[] = ['all', 'gateway', 'router', 'api'];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  nodeId: string;
  logLevel: LogLevel;
  heartbeatSeconds: number;
  maxFrameBytes: number;
  maxAppsPerSocket: number;
  maxBackpressureBytes: number;
  maxBodyBytes: number;
  defaultExpireSeconds: number;
  signWindowSeconds: number;
  durability: Durability;
  inflightWindow: number;
  ackTimeoutSeconds: number;
  maxOfflinePerToken: number;
  /** The least time between two push log commits' starts, ms (group commit); 0 = as soon as the previous one finished. */
  groupCommitMs: number;
  /** Device sockets this process accepts; more get HTTP 503 on upgrade. */
  maxConnections: number;
  /** New registrations (hello without a token) per app per minute; 0 = no limit. */
  registrationsPerAppPerMinute: number;
  /** Hellos with a new registration per source address per minute; 0 = no limit. */
  registrationsPerAddressPerMinute: number;
  /** Device records unused this many days are removed; 0 = never. */
  deviceExpireDays: number;
  /** Pushes created this many days ago are forgotten (record, listing, counters); 0 = never. */
  pushHistoryDays: number;
  /** /v3/push/* calls per app per second; 0 = no limit. */
  pushRequestsPerAppPerSecond: number;
  /** `all` and `tag` pushes per app per minute; 0 = no limit. */
  broadcastsPerAppPerMinute: number;
  /** /metrics on its own listener (e.g. loopback) instead of the main port. */
  metricsAddress: ListenAddress | undefined;
  /** /healthz names this node (often the host name) only when asked to. */
  healthzShowsNodeId: boolean;
  /** all = every role in this process (the embedded default); the others run alone, in cluster mode only. */
  role: Role;
  /** Cluster mode's node bus: comma-separated nats:// or tls:// URLs; undefined = the in-process bus. */
  natsUrl: string | undefined;
  /** Cluster mode's stores: a redis:// or rediss:// URL; undefined = the embedded stores. */
  redisUrl: string | undefined;
  /** How long the api role waits for a router's answer to a push job; past it 10100 (busy, retry). */
  pushJobTimeoutSeconds: number;
  /** HTTPS and WSS on the one port when set; plain HTTP and WS otherwise. */
  tls: TlsFiles | undefined;
  /** APNs hosts: production, and development for pushes with environment "dev". */
  apnsUrl: string;
  apnsDevUrl: string;
  /** FCM HTTP v1 base URL (the OAuth2 endpoint comes from each service account's token_uri). */
  fcmUrl: string;
  /** Requests in flight per provider connection: APNs streams per HTTP/2 session, FCM sockets per app. */
  providerConcurrency: number;
  /** One provider request's budget, connect included; past it the push is retried. */
  providerTimeoutSeconds: number;
  /** Delivery traces are kept this long past their push's expiry. */
  traceRetentionSeconds: number;
  /** Traced deliveries held in memory at most; 0 = no tracing. */
  traceMaxDeliveries: number;
  /** Console and /api/ sign-in tokens per role; undefined = that role cannot sign in (none set = the console is off). */
  consoleTokens: ConsoleTokens;
}

/** Sign-in secrets per console role (XG-API.md §7): admin, operator, viewer. */
export interface ConsoleTokens {
  admin: string | undefined;
  operator: string | undefined;
  viewer: string | undefined;
}

/** Console tokens are bearer secrets: shorter ones are guessable. */
export const MIN_CONSOLE_TOKEN_CHARS = 16;

export const DEFAULT_APNS_URL = 'https://api.push.apple.com';
export const DEFAULT_APNS_DEV_URL = 'https://api.sandbox.push.apple.com';
export const DEFAULT_FCM_URL = 'https://fcm.googleapis.com';
/** Below the 1,000 streams APNs usually allows a session, and a polite number of FCM sockets per app. */
export const DEFAULT_PROVIDER_CONCURRENCY = 100;
/** APNs and FCM answer in well under a second; 10 s rides out a slow handshake without holding pushes long. */
export const DEFAULT_PROVIDER_TIMEOUT_SECONDS = 10;
/** An hour past expiry: long enough to answer the support ticket that follows a missing push the same day. */
export const DEFAULT_TRACE_RETENTION_SECONDS = 3600;
/** About 6 MB at the measured 0.6 KB per traced delivery (README, "Delivery trace"): the recent pushes a support question is about. */
export const DEFAULT_TRACE_MAX_DELIVERIES = 10_000;

/** Setting name (environment variable) → config key. */
const SETTINGS = {
  HOMING_HOST: 'host',
  HOMING_PORT: 'port',
  HOMING_DATA_DIR: 'dataDir',
  HOMING_NODE_ID: 'nodeId',
  HOMING_LOG_LEVEL: 'logLevel',
  HOMING_HEARTBEAT_SECONDS: 'heartbeatSeconds',
  HOMING_MAX_FRAME_BYTES: 'maxFrameBytes',
  HOMING_MAX_APPS_PER_SOCKET: 'maxAppsPerSocket',
  HOMING_MAX_BACKPRESSURE_BYTES: 'maxBackpressureBytes',
  HOMING_MAX_BODY_BYTES: 'maxBodyBytes',
  HOMING_DEFAULT_EXPIRE_SECONDS: 'defaultExpireSeconds',
  HOMING_SIGN_WINDOW_SECONDS: 'signWindowSeconds',
  HOMING_DURABILITY: 'durability',
  HOMING_MAX_CONNECTIONS: 'maxConnections',
  HOMING_REGISTRATIONS_PER_APP_PER_MINUTE: 'registrationsPerAppPerMinute',
  HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE: 'registrationsPerAddressPerMinute',
  HOMING_DEVICE_EXPIRE_DAYS: 'deviceExpireDays',
  HOMING_PUSH_HISTORY_DAYS: 'pushHistoryDays',
  HOMING_PUSH_REQUESTS_PER_APP_PER_SECOND: 'pushRequestsPerAppPerSecond',
  HOMING_BROADCASTS_PER_APP_PER_MINUTE: 'broadcastsPerAppPerMinute',
  HOMING_METRICS_ADDRESS: 'metricsAddress',
  HOMING_HEALTHZ_SHOW_NODE_ID: 'healthzShowsNodeId',
  HOMING_ROLE: 'role',
  HOMING_NATS_URL: 'natsUrl',
  HOMING_REDIS_URL: 'redisUrl',
  HOMING_PUSH_JOB_TIMEOUT_SECONDS: 'pushJobTimeoutSeconds',
  HOMING_INFLIGHT_WINDOW: 'inflightWindow',
  HOMING_ACK_TIMEOUT_SECONDS: 'ackTimeoutSeconds',
  HOMING_MAX_OFFLINE_PER_TOKEN: 'maxOfflinePerToken',
  HOMING_GROUP_COMMIT_MS: 'groupCommitMs',
  HOMING_TLS_CERT_FILE: 'tls',
  HOMING_TLS_KEY_FILE: 'tls',
  HOMING_TLS_CA_FILE: 'tls',
  HOMING_TLS_PASSPHRASE: 'tls',
  HOMING_APNS_URL: 'apnsUrl',
  HOMING_APNS_DEV_URL: 'apnsDevUrl',
  HOMING_FCM_URL: 'fcmUrl',
  HOMING_PROVIDER_CONCURRENCY: 'providerConcurrency',
  HOMING_PROVIDER_TIMEOUT_SECONDS: 'providerTimeoutSeconds',
  HOMING_TRACE_RETENTION_SECONDS: 'traceRetentionSeconds',
  HOMING_TRACE_MAX_DELIVERIES: 'traceMaxDeliveries',
  HOMING_ADMIN_TOKEN: 'consoleTokens',
  HOMING_OPERATOR_TOKEN: 'consoleTokens',
  HOMING_VIEWER_TOKEN: 'consoleTokens',
} as const satisfies Record<string, keyof Config>;

export type SettingName = keyof typeof SETTINGS;

function int(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * Builds the config from environment variables, with `overrides` (same
 * names, e.g. from CLI flags) taking precedence. Throws ConfigError.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<SettingName, string>> = {},
): Config {
  const get = (name: SettingName): string | undefined => {
    const v = overrides[name] ?? env[name];
    return v === undefined || v === '' ? undefined : v;
  };
  for (const key of Object.keys(overrides)) {
    if (!(key in SETTINGS)) throw new ConfigError(`unknown setting ${key}`);
  }
  const logLevel = (get('HOMING_LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`HOMING_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const durability = (get('HOMING_DURABILITY') ?? 'fsync') as Durability;
  if (!DURABILITIES.includes(durability)) {
    throw new ConfigError(`HOMING_DURABILITY must be one of ${DURABILITIES.join(', ')}, got "${durability}"`);
  }
  const natsUrl = serverUrls('HOMING_NATS_URL', get('HOMING_NATS_URL'), ['nats:', 'tls:'], true);
  const redisUrl = serverUrls('HOMING_REDIS_URL', get('HOMING_REDIS_URL'), ['redis:', 'rediss:'], false);
  // The cluster needs both: the bus alone would share no routes, Redis alone no deliveries.
  if ((natsUrl === undefined) !== (redisUrl === undefined)) {
    throw new ConfigError('HOMING_NATS_URL and HOMING_REDIS_URL go together: set both for the cluster mode, or neither');
  }
  const role = (get('HOMING_ROLE') ?? 'all') as Role;
  if (!ROLES.includes(role)) throw new ConfigError(`HOMING_ROLE must be one of ${ROLES.join(', ')}, got "${role}"`);
  if (role !== 'all' && natsUrl === undefined) {
    throw new ConfigError(`HOMING_ROLE ${role} runs in a cluster: set HOMING_NATS_URL and HOMING_REDIS_URL (or --nats and --redis)`);
  }
  const num = (name: SettingName, fallback: number, min: number, max: number) => {
    const raw = get(name);
    return raw === undefined ? fallback : int(name, raw, min, max);
  };
  const nodeId = get('HOMING_NODE_ID') ?? `${hostname()}-${process.pid}`;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(nodeId)) {
    throw new ConfigError(`HOMING_NODE_ID must be 1-64 chars of letters, digits, '_', '.', '-', got "${nodeId}"`);
  }
  return {
    host: get('HOMING_HOST') ?? '0.0.0.0',
    port: num('HOMING_PORT', DEFAULT_PORT, 0, 65535),
    dataDir: resolve(get('HOMING_DATA_DIR') ?? './data'),
    nodeId,
    logLevel,
    // uWS idle timeouts have 4-second granularity; below 4 s heartbeats cost more than they find.
    heartbeatSeconds: num('HOMING_HEARTBEAT_SECONDS', DEFAULT_HEARTBEAT_SECONDS, 4, MAX_HEARTBEAT_SECONDS),
    maxFrameBytes: num('HOMING_MAX_FRAME_BYTES', DEFAULT_MAX_FRAME_BYTES, 256, 1024 * 1024),
    maxAppsPerSocket: num('HOMING_MAX_APPS_PER_SOCKET', DEFAULT_MAX_APPS_PER_SOCKET, 1, 256),
    maxBackpressureBytes: num('HOMING_MAX_BACKPRESSURE_BYTES', DEFAULT_MAX_BACKPRESSURE_BYTES, 1024, 64 * 1024 * 1024),
    maxBodyBytes: num('HOMING_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 8 * 1024, 64 * 1024 * 1024),
    defaultExpireSeconds: num('HOMING_DEFAULT_EXPIRE_SECONDS', DEFAULT_EXPIRE_SECONDS, 0, DEFAULT_EXPIRE_SECONDS),
    signWindowSeconds: num('HOMING_SIGN_WINDOW_SECONDS', DEFAULT_SIGN_WINDOW_SECONDS, 1, 86_400),
    durability,
    maxConnections: num('HOMING_MAX_CONNECTIONS', defaultMaxConnections(), 1, 100_000_000),
    registrationsPerAppPerMinute: num('HOMING_REGISTRATIONS_PER_APP_PER_MINUTE', DEFAULT_REGISTRATIONS_PER_APP_PER_MINUTE, 0, 100_000_000),
    registrationsPerAddressPerMinute: num('HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE', DEFAULT_REGISTRATIONS_PER_ADDRESS_PER_MINUTE, 0, 100_000_000),
    deviceExpireDays: atLeastFourDays('HOMING_DEVICE_EXPIRE_DAYS', num('HOMING_DEVICE_EXPIRE_DAYS', DEFAULT_DEVICE_EXPIRE_DAYS, 0, 36_500)),
    pushHistoryDays: atLeastFourDays('HOMING_PUSH_HISTORY_DAYS', num('HOMING_PUSH_HISTORY_DAYS', DEFAULT_PUSH_HISTORY_DAYS, 0, 36_500)),
    pushRequestsPerAppPerSecond: num('HOMING_PUSH_REQUESTS_PER_APP_PER_SECOND', DEFAULT_PUSH_REQUESTS_PER_APP_PER_SECOND, 0, 10_000_000),
    broadcastsPerAppPerMinute: num('HOMING_BROADCASTS_PER_APP_PER_MINUTE', DEFAULT_BROADCASTS_PER_APP_PER_MINUTE, 0, 10_000_000),
    metricsAddress: listenAddress('HOMING_METRICS_ADDRESS', get('HOMING_METRICS_ADDRESS')),
    healthzShowsNodeId: bool('HOMING_HEALTHZ_SHOW_NODE_ID', get('HOMING_HEALTHZ_SHOW_NODE_ID'), false),
    role,
    natsUrl,
    redisUrl,
    pushJobTimeoutSeconds: num('HOMING_PUSH_JOB_TIMEOUT_SECONDS', DEFAULT_PUSH_JOB_TIMEOUT_SECONDS, 1, 300),
    inflightWindow: num('HOMING_INFLIGHT_WINDOW', DEFAULT_INFLIGHT_WINDOW, 1, 10_000),
    ackTimeoutSeconds: num('HOMING_ACK_TIMEOUT_SECONDS', DEFAULT_ACK_TIMEOUT_SECONDS, 1, 3600),
    maxOfflinePerToken: num('HOMING_MAX_OFFLINE_PER_TOKEN', DEFAULT_MAX_OFFLINE_PER_TOKEN, 1, 10_000_000),
    groupCommitMs: num('HOMING_GROUP_COMMIT_MS', DEFAULT_GROUP_COMMIT_MS, 0, 100),
    tls: tlsFiles({
      HOMING_TLS_CERT_FILE: get('HOMING_TLS_CERT_FILE'),
      HOMING_TLS_KEY_FILE: get('HOMING_TLS_KEY_FILE'),
      HOMING_TLS_CA_FILE: get('HOMING_TLS_CA_FILE'),
      HOMING_TLS_PASSPHRASE: get('HOMING_TLS_PASSPHRASE'),
    }),
    apnsUrl: serverUrls('HOMING_APNS_URL', get('HOMING_APNS_URL'), ['https:'], false) ?? DEFAULT_APNS_URL,
    apnsDevUrl: serverUrls('HOMING_APNS_DEV_URL', get('HOMING_APNS_DEV_URL'), ['https:'], false) ?? DEFAULT_APNS_DEV_URL,
    fcmUrl: serverUrls('HOMING_FCM_URL', get('HOMING_FCM_URL'), ['https:'], false) ?? DEFAULT_FCM_URL,
    providerConcurrency: num('HOMING_PROVIDER_CONCURRENCY', DEFAULT_PROVIDER_CONCURRENCY, 1, 1000),
    providerTimeoutSeconds: num('HOMING_PROVIDER_TIMEOUT_SECONDS', DEFAULT_PROVIDER_TIMEOUT_SECONDS, 1, 300),
    traceRetentionSeconds: num('HOMING_TRACE_RETENTION_SECONDS', DEFAULT_TRACE_RETENTION_SECONDS, 0, 30 * 86_400),
    traceMaxDeliveries: num('HOMING_TRACE_MAX_DELIVERIES', DEFAULT_TRACE_MAX_DELIVERIES, 0, 10_000_000),
    consoleTokens: consoleTokens({
      admin: get('HOMING_ADMIN_TOKEN'),
      operator: get('HOMING_OPERATOR_TOKEN'),
      viewer: get('HOMING_VIEWER_TOKEN'),
    }),
  };
}

/**
 * A server URL setting (`several`: a comma-separated list): each must parse,
 * use one of `schemes` and name a host. Errors never echo the value, which may
 * carry a password.
 */
function serverUrls(name: SettingName, raw: string | undefined, schemes: readonly string[], several: boolean): string | undefined {
  if (raw === undefined) return undefined;
  const parts = several ? raw.split(',').map((part) => part.trim()) : [raw.trim()];
  const example = `${schemes[0]}//host:port`;
  for (const part of parts) {
    let url: URL;
    try {
      url = new URL(part);
    } catch {
      throw new ConfigError(`${name} must be ${several ? 'URLs' : 'a URL'} like ${example}; a value does not parse as a URL`);
    }
    if (!schemes.includes(url.protocol)) throw new ConfigError(`${name} must use ${schemes.map((s) => `${s}//`).join(' or ')}, got ${url.protocol}//`);
    if (!url.hostname) throw new ConfigError(`${name} must name a host, like ${example}`);
  }
  return parts.join(',');
}

/** Device expiry and push history: 0 (never), or longer than offline messages live. */
function atLeastFourDays(name: SettingName, days: number): number {
  if (days !== 0 && days < MIN_RETENTION_DAYS) {
    throw new ConfigError(`${name} must be 0 (never) or at least ${MIN_RETENTION_DAYS} (longer than offline messages live), got ${days}`);
  }
  return days;
}

/** HOST:PORT, with [v6]:PORT for IPv6; PORT 0 takes any free port. */
function listenAddress(name: SettingName, raw: string | undefined): ListenAddress | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(raw.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new ConfigError(`${name} must be HOST:PORT, like 127.0.0.1:9464, got "${raw}"`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

/** Each set token long enough and distinct: one token must never open two roles. Errors never echo a token. */
function consoleTokens(tokens: ConsoleTokens): ConsoleTokens {
  const seen = new Set<string>();
  for (const [role, token] of Object.entries(tokens) as Array<[keyof ConsoleTokens, string | undefined]>) {
    if (token === undefined) continue;
    const name = `HOMING_${role.toUpperCase()}_TOKEN`;
    if (token.length < MIN_CONSOLE_TOKEN_CHARS) throw new ConfigError(`${name} must be at least ${MIN_CONSOLE_TOKEN_CHARS} characters (e.g. openssl rand -hex 24)`);
    if (/\s/.test(token)) throw new ConfigError(`${name} must not contain spaces`);
    if (seen.has(token)) throw new ConfigError(`${name} must differ from the other console tokens`);
    seen.add(token);
  }
  return tokens;
}

function bool(name: SettingName, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const value = raw.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function defaultMaxConnections(): number {
  const limit = openFileLimit();
  return limit === undefined ? FALLBACK_MAX_CONNECTIONS : Math.max(100, limit - FD_RESERVE);
}

/**
 * How long a silent socket is kept, at least: the announced heartbeat plus
 * grace for a late ping over a slow radio. docs/protocol.md promises this.
 */
export function promisedIdleSeconds(heartbeatSeconds: number): number {
  return heartbeatSeconds + Math.max(4, Math.ceil(heartbeatSeconds / 2));
}

/**
 * The idle timeout handed to uWS, which checks timeouts on a 4-second tick: a
 * socket given T seconds is dropped after T − 4 to T, depending on where in the
 * tick it last spoke. Rounding the promise up to the tick and adding one more
 * keeps it: never before the promise, at most 8 s after.
 */
export function idleTimeoutSeconds(heartbeatSeconds: number): number {
  return Math.ceil(promisedIdleSeconds(heartbeatSeconds) / 4) * 4 + 4;
}

/** For `homing --help` and the README table. */
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];
