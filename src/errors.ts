// One registry of every code Homing puts on the wire: device-protocol errors
// (also used as WebSocket close codes) and REST ret_codes. README.md and
// docs/protocol.md carry the same tables; a test keeps them in step.

/**
 * Device protocol errors. Sent in an Error frame and then as the WebSocket
 * close code. 4000–4099: the client should reconnect (with backoff).
 * 4100–4199: the client is wrong; reconnecting unchanged fails again.
 */
export const DeviceError = {
  /** Server is shutting down or draining; reconnect after the goaway hint. */
  GOING_AWAY: 4000,
  /**
   * Reserved. A socket silent past the heartbeat window is dropped by the uWS
   * idle timeout without a close frame, so the device sees 1006, not this code.
   */
  HEARTBEAT_TIMEOUT: 4001,
  /** The socket could not keep up: too much unsent data queued. */
  SLOW_CONSUMER: 4002,
  /** Internal error on the gateway (store unavailable, ...). */
  INTERNAL: 4003,
  /**
   * Too many new registrations (hello without a token) for this app, or from
   * this source address, in the last minute. Resuming a token is never limited.
   * The Error frame's access_id names the app when the app's limit was hit.
   */
  REGISTRATION_RATE_LIMITED: 4004,

  /** The frame is not a ClientFrame protobuf message. */
  MALFORMED_FRAME: 4100,
  /** A text frame was sent: every frame is a binary protobuf message. */
  UNKNOWN_FRAME: 4101,
  /** A frame other than hello arrived before hello. */
  HELLO_REQUIRED: 4102,
  /** Hello names an access_id that does not exist. */
  UNKNOWN_APP: 4103,
  /** Hello has a wrong access_key for its app. */
  BAD_ACCESS_KEY: 4104,
  /** Resume with a token of another app, or with a wrong token_secret. */
  BAD_TOKEN_SECRET: 4105,
  /** The frame is larger than max frame bytes. */
  FRAME_TOO_LARGE: 4106,
  /** Hello registers more apps than allowed on one socket, or none. */
  TOO_MANY_APPS: 4107,
  /** A second hello on the same socket. */
  DUPLICATE_HELLO: 4108,
  /** Hello is missing a required field or has one out of range. */
  BAD_HELLO: 4109,
  /**
   * A newer socket resumed one of this socket's tokens. Give-up range: the old
   * socket is only alive when another copy of the client holds the same tokens,
   * and two copies reconnecting would replace each other forever.
   */
  REPLACED: 4110,
  /**
   * Resume with a token the server does not know (never issued, or the server's
   * data was lost). The Error frame's access_id names the app: register it again
   * without a token (the SDK does so by itself) and tell the app server the new one.
   */
  UNKNOWN_TOKEN: 4111,
  /**
   * The frame decodes but its body is none this gateway knows (a newer client's
   * frame type, or no body at all). The one code sent without a close: the frame
   * is ignored and the socket stays open, so clients can add frame types without
   * older gateways dropping them.
   */
  UNSUPPORTED_FRAME: 4112,
} as const;
export type DeviceErrorCode = (typeof DeviceError)[keyof typeof DeviceError];

export function isRetryableDeviceError(code: number): boolean {
  return code >= 4000 && code < 4100;
}

/** REST ret_codes (XG V3). Every REST answer is HTTP 200 with one of these. */
export const RetCode = {
  OK: 0,
  /** XG: a tag change would leave a device with more than 100 tags. */
  TOO_MANY_TAGS_ON_DEVICE: 91,
  /** XG: a tag change would leave the app with more than 10,000 distinct tags. */
  TOO_MANY_TAGS_IN_APP: 92,
  BUSY: 10100,
  /**
   * XG's other "system busy, retry" code, used for the per-app push rate limit:
   * XG V3 has no code of its own for rate limiting, and XG SDKs back off and
   * retry on 10101. TPNS's 1008028 is not an XG V3 code.
   */
  RATE_LIMITED: 10101,
  MISSING_PARAMETER: 10102,
  ILLEGAL_PARAMETER: 10103,
  AUTH_FAILED: 10104,
  MULTI_PLATFORM_UNSUPPORTED: 10106,
  NOT_JSON: 10107,
  DEVICE_NOT_REGISTERED: 10110,
  /** XG: an account push without an account (account_list missing or empty, or an empty name). */
  ACCOUNT_EMPTY: 10115,
  /** XG: an `account` push whose account reaches no registered device. */
  ACCOUNT_NOT_FOUND: 10116,
  CONTENT_TOO_LARGE: 10117,
  PUSH_TASK_NOT_FOUND: 10205,
  /** XG: some accounts of an account_list push reach no registered device (`result` lists them). */
  ACCOUNT_LIST_PARTLY_FAILED: 10302,
  /** XG: no account of an account_list push reaches a registered device. */
  ACCOUNT_LIST_ALL_FAILED: 10303,
  TOKEN_LIST_PARTLY_FAILED: 10304,
  TOKEN_LIST_ALL_FAILED: 10305,
  APP_NOT_REGISTERED: 10606,
  /**
   * Homing: unknown path or method. Outside XG's ranges on purpose: XG documents
   * 104xx as "internal error, retry", and a wrong path never heals by retrying.
   */
  NOT_FOUND: 19404,
  /**
   * TPNS "push target does not exist": a tag push whose expression matches no
   * registered device. XG V3 documents no code for it.
   */
  PUSH_TARGET_NOT_FOUND: 10010005,
} as const;
export type RetCodeValue = (typeof RetCode)[keyof typeof RetCode];

/** A failure that maps to one REST ret_code; thrown by API handlers. */
export class ApiError extends Error {
  constructor(
    readonly retCode: RetCodeValue,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A failure that ends a device socket with one protocol code. */
export class DeviceProtocolError extends Error {
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    /** The app of a hello that this refusal is about. */
    readonly accessId = '',
  ) {
    super(message);
    this.name = 'DeviceProtocolError';
  }
}

/** A setting that is missing or invalid; the message names it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
