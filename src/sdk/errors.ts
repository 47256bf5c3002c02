// How the SDK reads a close code: which ones it reconnects after, and the
// error it reports when it gives up. The codes themselves live in the one
// registry, src/errors.ts.
import { DeviceError, isRetryableDeviceError } from '../errors.js';

/** Close codes a WebSocket client may see besides the gateway's own (RFC 6455 §7.4.1). */
export const CloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  PROTOCOL_ERROR: 1002,
  NO_STATUS: 1005,
  /** No close frame: the network dropped, the server crashed, or the handshake failed. */
  ABNORMAL: 1006,
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  SERVICE_RESTART: 1012,
  TRY_AGAIN_LATER: 1013,
} as const;

const NAMES = new Map<number, string>([
  ...Object.entries(DeviceError).map(([name, code]) => [code, name] as [number, string]),
  ...Object.entries(CloseCode).map(([name, code]) => [code, `WS_${name}`] as [number, string]),
]);

/** A readable name for a code, e.g. 4105 → "BAD_TOKEN_SECRET". */
export function closeCodeName(code: number): string {
  return NAMES.get(code) ?? `CODE_${code}`;
}

/**
 * Whether to reconnect after a socket ended with `code`.
 *
 * 4100–4199: the request itself is wrong (bad key, refused token); sending it
 * again fails again, so the client stops; that includes 4110 (REPLACED), which
 * reaches the current socket only when another client (a second process,
 * another browser tab) connected with the same token. Every other code, including 1006 and codes this SDK does not know, is a passing
 * network or server condition: reconnect with backoff.
 */
export function shouldReconnect(code: number): boolean {
  if (isRetryableDeviceError(code)) return true;
  return !(code >= 4100 && code < 4200);
}

/** The client gave up: the socket ended with `code` and will not be reopened. */
export class HomingClientError extends Error {
  readonly codeName: string;

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`${closeCodeName(code)} (${code}): ${message}`);
    this.name = 'HomingClientError';
    this.codeName = closeCodeName(code);
  }
}
