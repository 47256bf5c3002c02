// Gateway entry: the device gateway core behind device WebSockets attached to
// the process's listener (src/http/uws-listener.ts). It serves no HTTP itself:
// the role's composition root mounts whatever HTTP the process serves.
import { LRUCache } from 'lru-cache';
import { CLOCK_ON_EACH_CHECK } from '../src/ttl-cache.js';
import { idleTimeoutSeconds, type Config } from '../src/config.js';
import type { NodeBus } from '../src/bus/node-bus.js';
import type { UwsListener } from '../src/http/uws-listener.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics.js';
import type { AppRecord, AppStore, Stores } from '../src/stores/types.js';
import { DeviceGateway } from './device-gateway.js';
import { RegistrationLimiter } from './registration-limiter.js';
import { DeviceProfiles } from './device-profile.js';
import { DeviceSockets } from './uws/device-sockets.js';
import type { DeliveryTrace } from '../src/trace/delivery-trace.js';

export { DeviceGateway } from './device-gateway.js';
export type { Transport } from './transport.js';
export { SendResult } from './transport.js';

export interface GatewayOptions {
  config: Config;
  stores: Stores;
  bus: NodeBus;
  /** /device is attached to it; the caller makes it listen once every route is mounted. */
  listener: UwsListener;
  log: Logger;
  metrics: Metrics;
  now?: () => number;
  /** Delivery trace (src/trace): the gateway records sent and stored steps. */
  trace?: DeliveryTrace;
}

export interface GatewayRole {
  core: DeviceGateway;
  /** Goaway to every device, stop listening. */
  stop(reason?: string): void;
}

/** Connect storms ask for the same few apps thousands of times a second. */
function cachedApps(apps: AppStore): Pick<AppStore, 'get'> {
  const cache = new LRUCache<string, AppRecord>({ ...CLOCK_ON_EACH_CHECK, max: 10_000, ttl: 30_000 });
  return {
    async get(accessId) {
      const hit = cache.get(accessId);
      if (hit) return hit;
      const app = await apps.get(accessId);
      if (app) cache.set(accessId, app);
      return app;
    },
  };
}

export async function startGateway(options: GatewayOptions): Promise<GatewayRole> {
  const { config, stores, bus, log, metrics } = options;
  // The uWS app is built around the core, so the core publishes through this late-bound door.
  let server: DeviceSockets | undefined;
  let core: DeviceGateway | undefined;
  const topics = { publish: (topic: string, frame: Uint8Array) => server?.publish(topic, frame) ?? 0 };
  core = new DeviceGateway({
    nodeId: config.nodeId,
    apps: cachedApps(stores.apps),
    devices: stores.devices,
    routes: stores.routes,
    offline: stores.offline,
    pushes: stores.pushes,
    topics,
    broadcasts: stores.broadcasts,
    tags: stores.tags,
    registrations: new RegistrationLimiter(
      { perAppPerMinute: config.registrationsPerAppPerMinute, perAddressPerMinute: config.registrationsPerAddressPerMinute },
      options.now,
    ),
    bus,
    limits: {
      heartbeatSeconds: config.heartbeatSeconds,
      maxFrameBytes: config.maxFrameBytes,
      maxAppsPerSocket: config.maxAppsPerSocket,
      inflightWindow: config.inflightWindow,
      ackTimeoutMs: config.ackTimeoutSeconds * 1000,
    },
    log,
    metrics,
    now: options.now,
    profiles: new DeviceProfiles({ tags: stores.tags, accounts: stores.accounts, log, metrics, tagsChanged: (session, accessId) => core?.tagsChanged(session, accessId) }),
    trace: options.trace,
  });
  server = new DeviceSockets(options.listener.app, {
    idleTimeoutSeconds: idleTimeoutSeconds(config.heartbeatSeconds),
    maxFrameBytes: config.maxFrameBytes,
    maxBackpressureBytes: config.maxBackpressureBytes,
    maxConnections: config.maxConnections,
    onRefused: () => metrics.connectionsRefused.inc(),
    gateway: core,
  });
  return {
    core,
    stop(reason = 'server shutting down') {
      options.listener.stopListening();
      // Spread reconnects so a restart is not met by every device at once.
      core.shutdown(reason, 1000 + Math.floor(Math.random() * 4000));
    },
  };
}
