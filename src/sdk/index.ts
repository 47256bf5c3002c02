// The device SDK's one entry. Browser bundles import this file; Node code that
// wants tokens on disk also imports FileTokenStore from './file-token-store.js'.
export { DeviceProfile, ProfileChangeError, type Account } from './profile.js';
export { HomingClient, MAX_QUEUED_CLICKS } from './client.js';
export { SharedHomingClient, DEFAULT_REPLACED_RETRY_MS, type SharedHomingClientEvents, type SharedHomingClientOptions } from './tabs/shared-client.js';
export { PERSISTED_SEEN_LIMIT } from './seen-persistence.js';
export { DEFAULT_HANDSHAKE_TIMEOUT_MS } from './options.js';
export { MAX_HELD_PUSHES } from './inbox.js';
export { Backoff, type BackoffOptions } from './backoff.js';
export { SeenIds, DEFAULT_DEDUP_CAPACITY, type SeenEntry } from './dedup.js';
export { AckBatcher, type AckBatcherOptions } from './ack-batcher.js';
export { CloseCode, HomingClientError, closeCodeName, shouldReconnect } from './errors.js';
export { MemoryTokenStore, WebStorageTokenStore, type StoredToken, type TokenStore, type WebStorageLike } from './token-store.js';
export type { WebSocketConstructor, WebSocketLike } from './transport.js';
export { SDK_VERSION } from './frames.js';
export { DeviceError, isRetryableDeviceError, type DeviceErrorCode } from '../errors.js';
export type {
  AppCredentials,
  AppSession,
  ClientState,
  ConnectionInfo,
  DisconnectInfo,
  GoawayInfo,
  HomingClientEvents,
  HomingClientOptions,
  PlatformName,
  Push,
  PushHandler,
  PushType,
  PushTokenReport,
  SdkLogger,
} from './types.js';
