// Registration limits in hello: per app and per source address, all or
// nothing, resumes never limited; and a resume refreshes lastSeenAt.
import { describe, expect, it } from 'vitest';
import { Platform, type AppRegistration } from '../proto/codec.js';
import { DeviceError, DeviceProtocolError } from '../src/errors.js';
import { MemoryAppStore } from '../src/stores/memory/app-store.js';
import { MemoryDeviceStore } from '../src/stores/memory/device-store.js';
import { HelloAuthenticator } from './hello.js';
import { RegistrationLimiter, type RegistrationLimits } from './registration-limiter.js';

const APPS = ['2100000001', '2100000002'];

async function setup(limits: RegistrationLimits) {
  const clock = { now: 1_700_000_000_000 };
  const apps = new MemoryAppStore();
  for (const accessId of APPS) await apps.create({ accessId, accessKey: `key-${accessId}`, secretKey: 's', name: accessId, createdAt: 0 });
  const devices = new MemoryDeviceStore();
  const limiter = new RegistrationLimiter(limits, () => clock.now);
  const auth = new HelloAuthenticator(apps, devices, 4, () => clock.now, limiter);
  const hello = (regs: AppRegistration[], source = '10.0.0.1', deviceId = 'dev') =>
    auth.authenticate({ deviceId, platform: Platform.ANDROID, apps: regs }, source);
  const fresh = (...accessIds: string[]) => accessIds.map((accessId) => ({ accessId, accessKey: `key-${accessId}` }));
  return { clock, devices, hello, fresh };
}

async function refusal(promise: Promise<unknown>): Promise<DeviceProtocolError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DeviceProtocolError);
  return err as DeviceProtocolError;
}

describe('registration limits', () => {
  it('refuses an app\'s registrations past its per-minute limit with 4004 naming the app, and refills over time', async () => {
    const { clock, hello, fresh } = await setup({ perAppPerMinute: 3, perAddressPerMinute: 0 });
    for (let i = 0; i < 3; i++) await hello(fresh(APPS[0]!), `10.0.0.${i}`);
    const err = await refusal(hello(fresh(APPS[0]!), '10.0.0.9'));
    expect(err.code).toBe(DeviceError.REGISTRATION_RATE_LIMITED);
    expect(err.accessId).toBe(APPS[0]);
    expect(err.message).toMatch(/retry in 20 s/);
    // The other app has its own budget.
    await hello(fresh(APPS[1]!));
    clock.now += 20_000; // a third of a minute: one registration back
    await hello(fresh(APPS[0]!));
    await refusal(hello(fresh(APPS[0]!)));
  });

  it('refuses a source address past its limit, with access_id empty, while other addresses go on', async () => {
    const { hello, fresh } = await setup({ perAppPerMinute: 0, perAddressPerMinute: 2 });
    await hello(fresh(APPS[0]!, APPS[1]!), '10.0.0.1'); // two apps, one device: one from the address
    await hello(fresh(APPS[0]!), '10.0.0.1');
    const err = await refusal(hello(fresh(APPS[1]!), '10.0.0.1'));
    expect(err.code).toBe(DeviceError.REGISTRATION_RATE_LIMITED);
    expect(err.accessId).toBe('');
    await hello(fresh(APPS[1]!), '2001:db8::1');
    // An unknown address is not limited by address.
    for (let i = 0; i < 5; i++) await hello(fresh(APPS[0]!), '');
  });

  it('never limits a resume, and a refused hello spends nothing and writes nothing', async () => {
    const { devices, hello, fresh } = await setup({ perAppPerMinute: 1, perAddressPerMinute: 0 });
    const [grant] = await hello(fresh(APPS[1]!));
    const resume = { accessId: APPS[1]!, accessKey: `key-${APPS[1]}`, token: grant!.token, tokenSecret: grant!.tokenSecret };
    for (let i = 0; i < 5; i++) expect((await hello([resume]))[0]!.resumed).toBe(true);
    // App 0 still has its one registration; app 1 has none: the hello is refused whole.
    const before = await devices.getMany([grant!.token]);
    await refusal(hello([...fresh(APPS[0]!), ...fresh(APPS[1]!)]));
    expect(await devices.getMany([grant!.token])).toEqual(before);
    const [spent] = await hello(fresh(APPS[0]!));
    expect(spent!.resumed).toBe(false);
    // A hello refused for another reason (wrong key) spends nothing either.
    const { hello: hello2 } = await setup({ perAppPerMinute: 1, perAddressPerMinute: 1 });
    await refusal(hello2([{ accessId: APPS[0]!, accessKey: 'wrong' }]));
    await hello2(fresh(APPS[0]!));
  });

  it('limits nothing when both limits are 0', async () => {
    const { hello, fresh } = await setup({ perAppPerMinute: 0, perAddressPerMinute: 0 });
    for (let i = 0; i < 200; i++) await hello(fresh(APPS[0]!), '10.0.0.1');
  });
});

describe('resume', () => {
  it('refreshes lastSeenAt (what device expiry reads) and keeps createdAt', async () => {
    const { clock, devices, hello, fresh } = await setup({ perAppPerMinute: 0, perAddressPerMinute: 0 });
    const [grant] = await hello(fresh(APPS[0]!));
    const created = clock.now;
    clock.now += 86_400_000;
    await hello([{ accessId: APPS[0]!, accessKey: `key-${APPS[0]}`, token: grant!.token, tokenSecret: grant!.tokenSecret }]);
    expect(await devices.get(grant!.token)).toMatchObject({ createdAt: created, lastSeenAt: clock.now });
  });
});
