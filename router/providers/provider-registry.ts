// Each app's providers, built from its stored credentials on first use and
// kept (with their long-lived connections) until the credentials change. The
// router asks `capabilities` for the channel choice and `get` to send.
import type { Logger } from '../../src/log.js';
import type { ProviderCredentialStore, ProviderCredentials } from '../../src/stores/credentials.js';
import { ApnsProvider } from './apns-provider.js';
import { FcmProvider } from './fcm-provider.js';
import type { ProviderName, ProviderNotification, ProviderResult, PushProvider } from './provider.js';

export interface ProviderSettings {
  apnsUrl: string;
  apnsDevUrl: string;
  fcmUrl: string;
  /** Config's providerConcurrency. */
  concurrency: number;
  timeoutMs: number;
  /** Tests only; production trusts extra CAs through NODE_EXTRA_CA_CERTS. */
  ca?: string | Buffer;
  logger: Logger;
}

interface Built {
  updatedAt: number;
  apns?: PushProvider;
  fcm?: PushProvider;
}

export class ProviderRegistry {
  private readonly built = new Map<string, Built>();
  private readonly logger: Logger;

  constructor(
    private readonly credentials: ProviderCredentialStore,
    private readonly settings: ProviderSettings,
  ) {
    this.logger = settings.logger.child({ component: 'providers' });
  }

  /**
   * True when the app is known, without a read, to have no provider
   * credentials (ProviderCredentialStore.knownWithout): the push path then
   * skips `capabilities` and its awaits.
   */
  knownWithout(accessId: string): boolean {
    return this.credentials.knownWithout?.(accessId) ?? false;
  }

  /** Which providers the app has credentials for. */
  async capabilities(accessId: string): Promise<{ apns: boolean; fcm: boolean }> {
    const built = await this.current(accessId);
    return { apns: built?.apns !== undefined, fcm: built?.fcm !== undefined };
  }

  /** The app's provider, or undefined when the app has no credentials for it. */
  async get(accessId: string, name: ProviderName): Promise<PushProvider | undefined> {
    return (await this.current(accessId))?.[name];
  }

  async close(): Promise<void> {
    const all = [...this.built.values()];
    this.built.clear();
    await Promise.all(all.flatMap((b) => [b.apns?.close(), b.fcm?.close()]));
  }

  private async current(accessId: string): Promise<Built | undefined> {
    const record = await this.credentials.get(accessId);
    const cached = this.built.get(accessId);
    if (cached && record && cached.updatedAt === record.updatedAt) return cached;
    if (cached) {
      this.built.delete(accessId);
      void Promise.all([cached.apns?.close(), cached.fcm?.close()]); // their sends in flight finish first
    }
    if (!record) return undefined;
    const built = this.build(record);
    this.built.set(accessId, built);
    return built;
  }

  private build(record: ProviderCredentials): Built {
    const s = this.settings;
    const built: Built = { updatedAt: record.updatedAt };
    const guard = (name: ProviderName, make: () => PushProvider): PushProvider => {
      try {
        return make();
      } catch (err) {
        // Stored before validation existed, or damaged: every send fails with a reason the statistics show.
        this.logger.warn({ access_id: record.accessId, provider: name, err: (err as Error).message }, 'unusable provider credentials');
        return new UnusableProvider(name);
      }
    };
    if (record.apns) {
      const credentials = record.apns;
      built.apns = guard('apns', () => new ApnsProvider({ credentials, productionUrl: s.apnsUrl, developmentUrl: s.apnsDevUrl, maxStreams: s.concurrency, timeoutMs: s.timeoutMs, ca: s.ca, logger: this.logger }));
    }
    if (record.fcm) {
      const account = record.fcm;
      built.fcm = guard('fcm', () => new FcmProvider({ account, url: s.fcmUrl, concurrency: s.concurrency, timeoutMs: s.timeoutMs, ca: s.ca, logger: this.logger }));
    }
    return built;
  }
}

class UnusableProvider implements PushProvider {
  constructor(readonly name: ProviderName) {}
  async send(_n: ProviderNotification): Promise<ProviderResult> {
    return { kind: 'failed', reason: `${this.name}_bad_credentials` };
  }
  async close(): Promise<void> {}
}
