// The PushService implementations that src/push-service.contract.test.ts holds
// to one contract: the REST API's recording fake, and the real router inside a
// real server (uWS gateway, LMDB), with devices registered and connected over
// real sockets. A fake that drifts from the router fails here, not in
// production.
import { RecordingPushService, MapAppStore, APP } from '../../src/api/test-fakes.js';
import type { PushService } from '../../src/push-service.js';
import type { AppStore } from '../../src/stores/types.js';
import { RawDevice } from './raw-device.js';
import { startTestServer } from './server.js';

export interface PushServiceHarness {
  service: PushService;
  /** Holds both apps, with their secret keys, for a REST API over `service`. */
  apps: AppStore;
  /** Two apps: pushes of one must never touch the other's devices or records. */
  appA: { accessId: string; secretKey: string };
  appB: { accessId: string; secretKey: string };
  /** A token registered to `accessId`, whose device is connected now or away. */
  device(accessId: string, state: 'online' | 'away'): Promise<string>;
  close(): Promise<void>;
}

export interface PushServiceImplementation {
  name: string;
  start(): Promise<PushServiceHarness>;
}

const fake: PushServiceImplementation = {
  name: 'the API test fake (RecordingPushService)',
  async start() {
    const service = new RecordingPushService();
    // The real router stamps pushes with the clock; the fake's fixed `now` follows it here.
    Object.defineProperty(service, 'now', { get: () => Date.now() });
    const apps = new MapAppStore();
    const appB = { ...APP, accessId: '1500009999', secretKey: 'b'.repeat(32), name: 'other' };
    await apps.create(APP);
    await apps.create(appB);
    let next = 0;
    return {
      service,
      apps,
      appA: APP,
      appB,
      async device(accessId, state) {
        const token = `fake-token-${next++}`;
        (state === 'online' ? service.online : service.offline).add(token);
        if (accessId !== APP.accessId) service.owners.set(token, accessId);
        return token;
      },
      async close() {},
    };
  },
};

const router: PushServiceImplementation = {
  name: 'the real router in a running server',
  async start() {
    const t = await startTestServer();
    const [appA, appB] = await Promise.all([t.createApp('contract A'), t.createApp('contract B')]);
    const keys = new Map([[appA.accessId, appA.accessKey], [appB.accessId, appB.accessKey]]);
    const sockets: RawDevice[] = [];
    return {
      service: t.server.router.pushService,
      apps: t.server.stores.apps,
      appA,
      appB,
      async device(accessId, state) {
        const device = await RawDevice.connect(t.url);
        device.hello([{ accessId, accessKey: keys.get(accessId)! }], `contract-${sockets.length}`);
        const token = (await device.next('welcome')).welcome!.apps![0]!.token!;
        if (state === 'online') sockets.push(device);
        else {
          device.close();
          await device.closed;
        }
        return token;
      },
      async close() {
        for (const device of sockets) device.close();
        await Promise.all(sockets.map((d) => d.closed));
        await t.stop();
      },
    };
  },
};

export const pushServiceImplementations: readonly PushServiceImplementation[] = [fake, router];
