// ProviderRetrier over a scripted provider and a fake clock: no real waiting.
import { describe, expect, it } from 'vitest';
import { notification } from '../../test/fakes/notification.js';
import type { ProviderNotification, ProviderResult, PushProvider } from './provider.js';
import { ProviderRetrier } from './retry.js';

class ScriptedProvider implements PushProvider {
  readonly name = 'fcm' as const;
  sent = 0;
  constructor(private readonly answers: ProviderResult[]) {}
  async send(_n: ProviderNotification): Promise<ProviderResult> {
    this.sent++;
    return this.answers.shift() ?? { kind: 'delivered' };
  }
  async close(): Promise<void> {}
}

const START = 1_700_000_000_000;

function retrier(random = 0) {
  const clock = { now: START, waits: [] as number[] };
  const r = new ProviderRetrier({
    baseDelayMs: 1000,
    maxDelayMs: 8000,
    now: () => clock.now,
    random: () => random,
    sleep: async (ms) => {
      clock.waits.push(ms);
      clock.now += ms;
    },
  });
  return { r, clock };
}

const retry = (reason: string, delayMs = 0): ProviderResult => ({ kind: 'retry', reason, delayMs });

describe('ProviderRetrier', () => {
  it('retries with exponential backoff, never sooner than Retry-After, until delivered', async () => {
    const { r, clock } = retrier(1);
    const provider = new ScriptedProvider([retry('a'), retry('b', 5000), retry('c'), retry('d'), retry('e')]);
    expect(await r.send(provider, notification('t', { expiresAt: START + 3600_000 }))).toEqual({ kind: 'delivered' });
    expect(provider.sent).toBe(6);
    expect(clock.waits).toEqual([1000, 5000, 4000, 8000, 8000]);
  });

  it('jitters half of each backoff', () => {
    expect(retrier(0).r.backoff(3)).toBe(2000);
    expect(retrier(0.5).r.backoff(3)).toBe(3000);
  });

  it('fails with the last reason when the next attempt would come after the expiry', async () => {
    const { r, clock } = retrier(1);
    const provider = new ScriptedProvider(Array.from({ length: 10 }, (_, i) => retry(`r${i}`)));
    const result = await r.send(provider, notification('t', { expiresAt: START + 10_000 }));
    expect(result).toEqual({ kind: 'failed', reason: 'r3' });
    expect(clock.waits).toEqual([1000, 2000, 4000]);
    expect(clock.now + 8000).toBeGreaterThanOrEqual(START + 10_000);
  });

  it('gives a push without expiry one attempt', async () => {
    const { r } = retrier();
    const provider = new ScriptedProvider([retry('apns_service_unavailable')]);
    expect(await r.send(provider, notification('t', { expiresAt: 0 }))).toEqual({ kind: 'failed', reason: 'apns_service_unavailable' });
    expect(provider.sent).toBe(1);
  });

  it('returns final outcomes at once', async () => {
    for (const final of [
      { kind: 'token_invalid', reason: 'fcm_unregistered' },
      { kind: 'failed', reason: 'fcm_sender_id_mismatch' },
    ] as const) {
      const { r, clock } = retrier();
      expect(await r.send(new ScriptedProvider([final]), notification('t'))).toEqual(final);
      expect(clock.waits).toEqual([]);
    }
  });

  it('hands back the retry when aborted, so the caller keeps the push', async () => {
    const controller = new AbortController();
    const r = new ProviderRetrier({
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal!.addEventListener('abort', () => reject(new Error('aborted')));
          controller.abort();
        }),
    });
    const provider = new ScriptedProvider([retry('fcm_unavailable')]);
    const result = await r.send(provider, notification('t', { expiresAt: Date.now() + 3600_000 }), controller.signal);
    expect(result).toEqual(retry('fcm_unavailable'));
    expect(provider.sent).toBe(1);
  });
});
