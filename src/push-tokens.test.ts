import { describe, expect, it } from 'vitest';
import { PushProvider } from '../proto/codec.js';
import { DeviceError, DeviceProtocolError } from './errors.js';
import { MAX_RETIRED_PUSH_TOKENS, pushTokenReport, retirePushToken, withPushToken } from './push-tokens.js';
import type { DeviceRecord } from './stores/types.js';

const APNS = 'ab'.repeat(32);
const FCM = 'fcm-1:APA91b_x-y.z';
const device: DeviceRecord = { token: 't1', accessId: '1500000001', tokenSecretHash: 'h', deviceId: 'd', platform: 'ios', createdAt: 1, lastSeenAt: 1 };

function refusal(fn: () => unknown): DeviceProtocolError {
  try {
    fn();
  } catch (err) {
    return err as DeviceProtocolError;
  }
  throw new Error('no refusal');
}

describe('pushTokenReport', () => {
  it('reads an APNs token (lower-cased) and an FCM token', () => {
    expect(pushTokenReport({ accessId: 'a', pushProvider: PushProvider.APNS, pushToken: APNS.toUpperCase() })).toEqual({ field: 'apnsToken', token: APNS });
    expect(pushTokenReport({ accessId: 'a', pushProvider: PushProvider.FCM, pushToken: FCM })).toEqual({ field: 'fcmToken', token: FCM });
  });

  it('keeps what is stored without a provider, and forgets with a provider and no token', () => {
    expect(pushTokenReport({ accessId: 'a' })).toBeUndefined();
    expect(pushTokenReport({ accessId: 'a', pushProvider: PushProvider.FCM })).toEqual({ field: 'fcmToken', token: '' });
  });

  it('ignores a provider it does not know (a newer client)', () => {
    expect(pushTokenReport({ accessId: 'a', pushProvider: 9 as PushProvider, pushToken: 'x' })).toBeUndefined();
  });

  it.each([
    ['a token without a provider', { pushToken: APNS }],
    ['an APNs token that is not hex', { pushProvider: PushProvider.APNS, pushToken: 'zz'.repeat(32) }],
    ['an APNs token too short', { pushProvider: PushProvider.APNS, pushToken: 'ab'.repeat(31) }],
    ['an APNs token of odd length', { pushProvider: PushProvider.APNS, pushToken: `${APNS}a` }],
    ['an FCM token with a space', { pushProvider: PushProvider.FCM, pushToken: 'a b' }],
    ['an FCM token over 1024 characters', { pushProvider: PushProvider.FCM, pushToken: 'a'.repeat(1025) }],
  ])('refuses %s with BAD_HELLO naming the app', (_, fields) => {
    const err = refusal(() => pushTokenReport({ accessId: '1500000001', ...fields }));
    expect(err).toBeInstanceOf(DeviceProtocolError);
    expect(err.code).toBe(DeviceError.BAD_HELLO);
    expect(err.message).toContain('1500000001');
  });
});

describe('withPushToken and retirePushToken', () => {
  it('sets, replaces and forgets a token, and leaves the record alone when nothing changes', () => {
    const set = withPushToken(device, { field: 'apnsToken', token: APNS });
    expect(set.apnsToken).toBe(APNS);
    expect(device.apnsToken).toBeUndefined();
    expect(withPushToken(set, { field: 'apnsToken', token: APNS })).toBe(set);
    expect(withPushToken(set, undefined)).toBe(set);
    expect('apnsToken' in withPushToken(set, { field: 'apnsToken', token: '' })).toBe(false);
    expect(withPushToken(set, { field: 'fcmToken', token: FCM })).toMatchObject({ apnsToken: APNS, fcmToken: FCM });
  });

  it('retires the token it holds, never takes it back, and takes a new one', () => {
    const held = withPushToken(device, { field: 'apnsToken', token: APNS });
    const retired = retirePushToken(held, APNS)!;
    expect('apnsToken' in retired).toBe(false);
    expect(retired.retiredPushTokens).toEqual([APNS]);
    expect(withPushToken(retired, { field: 'apnsToken', token: APNS })).toBe(retired);
    const fresh = 'cd'.repeat(32);
    expect(withPushToken(retired, { field: 'apnsToken', token: fresh }).apnsToken).toBe(fresh);
  });

  it('does nothing when the record no longer holds the token (a newer one came in)', () => {
    const held = withPushToken(device, { field: 'fcmToken', token: 'new' });
    expect(retirePushToken(held, 'old')).toBeUndefined();
  });

  it('remembers the last few retired tokens only', () => {
    let record = device;
    for (let i = 0; i < MAX_RETIRED_PUSH_TOKENS + 2; i++) {
      record = retirePushToken(withPushToken(record, { field: 'fcmToken', token: `f${i}` }), `f${i}`)!;
    }
    expect(record.retiredPushTokens).toEqual(Array.from({ length: MAX_RETIRED_PUSH_TOKENS }, (_, i) => `f${i + 2}`));
  });
});
