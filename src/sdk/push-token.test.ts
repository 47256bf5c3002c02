// Provider tokens in the SDK: the pushToken option is checked when the client
// is made, and goes in the hello's AppRegistration (push_provider, push_token).
import { describe, expect, it } from 'vitest';
import { decodeClientFrame, PushProvider } from '../../proto/codec.js';
import { HomingClient } from './client.js';
import { FakeGateway } from './fake-gateway.js';
import { encodeHello } from './frames.js';
import { resolveOptions } from './options.js';

const base = { url: 'ws://127.0.0.1:1/device', deviceId: 'd1', platform: 'ios' as const };

describe('pushToken', () => {
  it('rides in the hello of its app only', () => {
    const options = resolveOptions({ ...base, apps: [{ accessId: '1', accessKey: 'k1', pushToken: { provider: 'apns', token: 'ab'.repeat(32) } }, { accessId: '2', accessKey: 'k2' }] });
    const hello = decodeClientFrame(encodeHello({ deviceId: 'd1', platform: 'ios', sdkVersion: 't', apps: options.apps, tokens: new Map() })).hello!;
    expect(hello.apps![0]).toMatchObject({ accessId: '1', pushProvider: PushProvider.APNS, pushToken: 'ab'.repeat(32) });
    expect(hello.apps![1]).toMatchObject({ accessId: '2', pushProvider: PushProvider.PUSH_PROVIDER_UNSPECIFIED, pushToken: '' });
  });

  it('is refused at construction when its provider is unknown', () => {
    expect(() => new HomingClient({ ...base, apps: [{ accessId: '1', accessKey: 'k', pushToken: { provider: 'hms' as 'fcm', token: 'x' } }] })).toThrow(/pushToken.provider/);
  });

  it('can be changed per registered app only', () => {
    const client = new HomingClient({ ...base, apps: [{ accessId: '1', accessKey: 'k' }] });
    expect(() => client.setPushToken('2', { provider: 'fcm', token: 'x' })).toThrow(RangeError);
    expect(() => client.setPushToken('1', { provider: 'apns', token: 7 as unknown as string })).toThrow(/pushToken.token/);
    client.setPushToken('1', { provider: 'fcm', token: 'f' });
  });
});

describe('setPushToken', () => {
  it('sends the new token in the next hello', async () => {
    const gateway = new FakeGateway();
    const client = new HomingClient({ ...base, apps: [{ accessId: '1', accessKey: 'k', pushToken: { provider: 'apns', token: 'ab'.repeat(32) } }], WebSocket: gateway.WebSocket });
    client.setPushToken('1', { provider: 'fcm', token: 'fcm-new' });
    const opened = gateway.nextSocket();
    const connecting = client.connect().catch(() => undefined); // closed before a welcome
    const socket = await opened;
    socket.open();
    expect(socket.frames('hello')[0]!.apps![0]).toMatchObject({ pushProvider: PushProvider.FCM, pushToken: 'fcm-new' });
    await client.close();
    await connecting;
  });
});
