// The one PushProvider contract, run against every provider through its local
// fake (test/fakes/provider-harnesses.ts): the same situations must give the
// same outcomes, whatever the wire protocol.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notification } from '../../test/fakes/notification.js';
import { providerHarnesses, type ProviderWorld } from '../../test/fakes/provider-harnesses.js';
import { ProviderRetrier } from './retry.js';

const REASON = /^(apns|fcm)_[a-z0-9_]+$/;

/** A retrier that does not wait: the clock jumps instead. */
function instantRetrier(start: number) {
  const clock = { now: start };
  const retrier = new ProviderRetrier({
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    now: () => clock.now,
    random: () => 0,
    sleep: async (ms) => {
      clock.now += ms;
    },
  });
  return retrier;
}

describe.each(providerHarnesses)('$name PushProvider contract', (harness) => {
  let world: ProviderWorld;
  beforeEach(async () => {
    world = await harness.start();
  });
  afterEach(() => world.close());

  it('delivers to a live token with one request', async () => {
    expect(await world.provider.send(notification(world.liveToken()))).toEqual({ kind: 'delivered' });
    expect(world.requests()).toBe(1);
  });

  it('answers token_invalid for an uninstalled app, with a reason named for the provider', async () => {
    const result = await world.provider.send(notification(world.deadToken()));
    expect(result).toEqual({ kind: 'token_invalid', reason: `${harness.name}_unregistered` });
  });

  it('answers retry later for a busy provider, with its Retry-After as the delay', async () => {
    const token = world.liveToken();
    world.busy(token, 120);
    const result = await world.provider.send(notification(token));
    expect(result).toMatchObject({ kind: 'retry', delayMs: 120_000 });
    expect(result.kind === 'retry' && result.reason).toMatch(REASON);
  });

  it('answers failed with a reason for a refusal that retrying cannot fix', async () => {
    const token = world.liveToken();
    world.refuse(token);
    const result = await world.provider.send(notification(token));
    expect(result.kind).toBe('failed');
    expect(result.kind === 'failed' && result.reason).toMatch(REASON);
  });

  it('answers retry later when the server cannot be reached', async () => {
    const provider = await world.unreachable();
    expect(await provider.send(notification(world.liveToken()))).toEqual({ kind: 'retry', reason: expect.stringMatching(REASON), delayMs: 0 });
  });

  it('delivers through the retrier once the provider recovers', async () => {
    const token = world.liveToken();
    world.busy(token);
    world.busy(token);
    const now = Date.now();
    expect(await instantRetrier(now).send(world.provider, notification(token, { expiresAt: now + 3600_000 }))).toEqual({ kind: 'delivered' });
    expect(world.requests()).toBe(3);
  });

  it('fails with the reason through the retrier when the provider stays unreachable past the expiry', async () => {
    const provider = await world.unreachable();
    const now = Date.now();
    const result = await instantRetrier(now).send(provider, notification(world.liveToken(), { expiresAt: now + 30_000 }));
    expect(result).toEqual({ kind: 'failed', reason: expect.stringMatching(/_unreachable$/) });
  });

  it('answers failed after close', async () => {
    await world.provider.close();
    expect(await world.provider.send(notification(world.liveToken()))).toEqual({ kind: 'failed', reason: `${harness.name}_closed` });
  });
});
