// The provider contract suite's implementations: each PushProvider over its
// local fake, with the same small vocabulary of situations.
import type { PushProvider } from '../../router/providers/provider.js';
import { freePort } from '../helpers/process.js';
import { apnsSetup, apnsToken } from './apns-setup.js';
import { fcmSetup, fcmToken } from './fcm-setup.js';

export interface ProviderWorld {
  provider: PushProvider;
  /** A device token the fake delivers to. */
  liveToken(): string;
  /** A token of an uninstalled app (APNs 410 Unregistered, FCM UNREGISTERED). */
  deadToken(): string;
  /** The next send to `token` gets the provider's "busy" answer (APNs 503, FCM UNAVAILABLE), with Retry-After if given. */
  busy(token: string, retryAfterSeconds?: number): void;
  /** The next send to `token` gets a final refusal (APNs 400 BadTopic-like, FCM SENDER_ID_MISMATCH). */
  refuse(token: string): void;
  /** A provider with good credentials whose server is down (a closed port). */
  unreachable(): Promise<PushProvider>;
  /** Requests the fake has answered. */
  requests(): number;
  close(): Promise<void>;
}

export interface ProviderHarness {
  name: 'apns' | 'fcm';
  start(): Promise<ProviderWorld>;
}

export const providerHarnesses: ProviderHarness[] = [
  {
    name: 'apns',
    async start() {
      const setup = await apnsSetup();
      return {
        provider: setup.provider(),
        liveToken: () => {
          const t = apnsToken();
          setup.fake.register(t);
          return t;
        },
        deadToken: () => {
          const t = apnsToken();
          setup.fake.unregister(t);
          return t;
        },
        busy: (t, s) => setup.fake.script(t, { status: 503, reason: 'ServiceUnavailable', ...(s ? { headers: { 'retry-after': String(s) } } : {}) }),
        refuse: (t) => setup.fake.script(t, { status: 400, reason: 'DeviceTokenNotForTopic' }),
        unreachable: async () => {
          const closed = `https://127.0.0.1:${await freePort()}`;
          return setup.provider({ productionUrl: closed, developmentUrl: closed });
        },
        requests: () => setup.fake.seen.length,
        close: () => setup.close(),
      };
    },
  },
  {
    name: 'fcm',
    async start() {
      const setup = await fcmSetup();
      return {
        provider: setup.provider(),
        liveToken: () => {
          const t = fcmToken();
          setup.fake.register(t);
          return t;
        },
        deadToken: () => {
          const t = fcmToken();
          setup.fake.unregister(t);
          return t;
        },
        busy: (t, s) => setup.fake.script(t, { errorCode: 'UNAVAILABLE', ...(s ? { retryAfter: String(s) } : {}) }),
        refuse: (t) => setup.fake.script(t, { errorCode: 'SENDER_ID_MISMATCH' }),
        unreachable: async () => setup.provider({ url: `https://127.0.0.1:${await freePort()}` }),
        requests: () => setup.fake.seen.length,
        close: () => setup.close(),
      };
    },
  },
];

