// The way out through APNs and FCM for the targets the channel rules give them
// (router/providers/channel-chooser.ts): the router asks `plan` which of a
// call's registered targets go to a provider, appends the call to the push log
// as usual, then hands those targets to `send`, which runs on after the API has
// answered.
//
// Contract with the router and the DeliveryTracker: every target `send` takes
// from a push that expires (expire_time > 0) is tracked from the moment it is
// taken until its provider's final answer, then settled and marked like an ack
// (PushStats.providerEnded), so crash recovery replays exactly the ones still
// unanswered, into offline storage. A send cut short by shutdown is left
// unsettled for the same reason. Each target ends in one of:
// - accepted by the provider: counted in the `apns` / `fcm` counter;
// - token invalid (APNs 410 / BadDeviceToken, FCM UNREGISTERED / bad token):
//   the token is retired from the device record and the target fails with the reason;
// - failed with the reason, after retries within the push's expiry (ProviderRetrier).
import type { Logger } from '../src/log.js';
import type { MessageKind, PushMessage } from '../src/messages.js';
import type { Metrics } from '../src/metrics.js';
import { retirePushToken } from '../src/push-tokens.js';
import type { CounterDelta, DeviceStore, PushRecord } from '../src/stores/types.js';
import type { DeliveryTrace } from '../src/trace/delivery-trace.js';
import { ChannelChooser } from './providers/channel-chooser.js';
import type { ProviderName, ProviderNotification, ProviderResult } from './providers/provider.js';
import type { ProviderRegistry } from './providers/provider-registry.js';
import { ProviderRetrier } from './providers/retry.js';
import type { DeliveryTracker } from './delivery-tracker.js';
import type { PushStats } from './push-stats.js';

/** One target on its way to a provider. */
export interface ProviderTarget {
  /** Homing's token. */
  token: string;
  channel: ProviderName;
  /** The provider's token for the device, as its record held it when planned. */
  deviceToken: string;
}

export interface ProviderDispatchDeps {
  providers: Pick<ProviderRegistry, 'capabilities' | 'knownWithout' | 'get' | 'close'>;
  devices: DeviceStore;
  stats: PushStats;
  tracker: DeliveryTracker;
  metrics: Metrics;
  log: Logger;
  retrier: ProviderRetrier;
  trace?: DeliveryTrace;
  now: () => number;
}

export class ProviderDispatch {
  private readonly chooser = new ChannelChooser();
  private readonly shutdown = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly log: Logger;

  constructor(private readonly deps: ProviderDispatchDeps) {
    this.log = deps.log.child({ component: 'provider-dispatch' });
  }

  /** Whether the app has credentials for any provider (one credentials read). */
  async enabled(accessId: string): Promise<boolean> {
    const caps = await this.deps.providers.capabilities(accessId);
    return caps.apns || caps.fcm;
  }

  /**
   * Which of `tokens` (registered to the app; `routes` their live nodes, same
   * index) go to a provider; undefined entries go over the long connection or
   * offline storage as before. undefined when the app has no provider
   * credentials: the common case costs one credentials read and no device
   * reads, and nothing at all while that read is cached (no promise).
   */
  plan(accessId: string, kind: MessageKind, tokens: readonly string[], routes: ReadonlyArray<string | undefined>): Promise<Array<ProviderTarget | undefined> | undefined> | undefined {
    if (tokens.length === 0 || this.deps.providers.knownWithout(accessId)) return undefined;
    return this.planWith(accessId, kind, tokens, routes);
  }

  private async planWith(accessId: string, kind: MessageKind, tokens: readonly string[], routes: ReadonlyArray<string | undefined>): Promise<Array<ProviderTarget | undefined> | undefined> {
    const caps = await this.deps.providers.capabilities(accessId);
    if (!caps.apns && !caps.fcm) return undefined;
    const devices = await this.deps.devices.getMany(tokens);
    return tokens.map((token, i): ProviderTarget | undefined => {
      const device = devices[i];
      if (!device) return undefined;
      const apns = caps.apns ? device.apnsToken : undefined;
      const fcm = caps.fcm ? device.fcmToken : undefined;
      const channel = this.chooser.choose({ platform: device.platform, kind, live: routes[i] !== undefined, apns: !!apns, fcm: !!fcm });
      if (channel === 'apns') return { token, channel, deviceToken: apns! };
      if (channel === 'fcm') return { token, channel, deviceToken: fcm! };
      return undefined;
    });
  }

  /**
   * Starts the sends of one call, once its log append is durable (a provider's
   * acceptance cannot be taken back). Call while the call's log entry is still
   * open in the tracker (before its append unit settles).
   */
  send(record: PushRecord, message: PushMessage, targets: readonly ProviderTarget[]): void {
    // Online-only pushes are never replayed, so they need no tracking.
    const tracked = message.expiresAt > 0;
    if (tracked) this.deps.tracker.add(message.seq, targets.length);
    for (const target of targets) {
      const sending = this.sendOne(record, message, target, tracked);
      this.inFlight.add(sending);
      void sending.finally(() => this.inFlight.delete(sending));
    }
  }

  /** Resolves when every send started so far has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Stops retrying (sends waiting for their next try end unsettled, for
   * recovery), waits for requests in flight, which their timeout bounds, then
   * closes the providers' connections.
   */
  async stop(): Promise<void> {
    this.shutdown.abort();
    await this.idle();
    await this.deps.providers.close();
  }

  private async sendOne(record: PushRecord, message: PushMessage, target: ProviderTarget, tracked: boolean): Promise<void> {
    const { channel } = target;
    let result: ProviderResult;
    try {
      const provider = await this.deps.providers.get(record.accessId, channel);
      // Credentials removed between plan and send.
      result = provider ? await this.deps.retrier.send(provider, notification(record, message, target), this.shutdown.signal) : { kind: 'failed', reason: `${channel}_no_credentials` };
    } catch (err) {
      // A store or programming error, not the provider's answer: still never silent.
      this.log.error({ err, push_id: message.pushId, channel }, 'provider send failed');
      result = { kind: 'failed', reason: `${channel}_internal_error` };
    }
    if (result.kind === 'retry') return; // shutdown: unsettled, so recovery stores it offline
    if (result.kind === 'token_invalid') await this.retire(target, result.reason);
    const delta: CounterDelta = result.kind !== 'delivered' ? { failed: { [result.reason]: 1 } } : channel === 'apns' ? { apns: 1 } : { fcm: 1 };
    if (tracked) this.deps.stats.providerEnded(message.pushId, message.seq, target.token, delta);
    else this.deps.stats.add(message.pushId, delta);
    this.deps.metrics.deliveries.inc({ channel: result.kind === 'delivered' ? channel : 'failed' });
    const at = this.deps.now();
    const base = { pushId: message.pushId, token: target.token, at, channel };
    this.deps.trace?.record(result.kind === 'delivered' ? { ...base, step: 'sent' } : { ...base, step: 'failed', reason: result.reason });
  }

  /** The provider says the device token is dead: drop it from the device record, never to be used again. */
  private async retire(target: ProviderTarget, reason: string): Promise<void> {
    try {
      const device = await this.deps.devices.get(target.token);
      const next = device && retirePushToken(device, target.deviceToken);
      if (next) await this.deps.devices.put(next);
      // The provider's token is the device's address with Apple/Google: not logged.
      this.log.info({ token: target.token, channel: target.channel, reason }, 'provider token retired');
    } catch (err) {
      this.log.error({ err, token: target.token, channel: target.channel }, 'retiring a provider token failed');
    }
  }
}

function notification(record: PushRecord, message: PushMessage, target: ProviderTarget): ProviderNotification {
  return {
    deviceToken: target.deviceToken,
    // The message id devices ack and dedupe by (one per push and token).
    messageId: message.pushId,
    pushId: message.pushId,
    kind: message.kind,
    title: message.title,
    content: message.content,
    customContent: message.customContent,
    message: record.message,
    environment: record.environment,
    expiresAt: message.expiresAt,
  };
}
