// HomingClient across sockets, against an in-memory gateway: backoff, resume,
// give-up codes, goaway, dead-socket detection.
import { describe, expect, it, vi } from 'vitest';
import { DeviceError } from '../errors.js';
import { A, NOW, push, settle, useClientHarness, welcome } from './client.fixtures.js';
import { HomingClientError } from './errors.js';

describe('HomingClient reconnects', () => {
  const harness = useClientHarness();

  it('reconnects with backoff after an abnormal close, resumes its tokens, and still drops redeliveries', async () => {
    const first = await harness().connected();
    first.deliver(push('7'));
    first.end(1006);
    expect(harness().disconnects.at(-1)).toEqual({ code: 1006, reason: '', willReconnect: true, delayMs: 1_000 });
    expect(harness().client.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(999);
    expect(harness().gateway.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const second = harness().gateway.last;
    second.open();
    expect(second.frames('hello')[0]!.apps!.map((a) => [a.token, a.tokenSecret])).toEqual([
      ['tokA', 'secA'],
      ['tokB', 'secB'],
    ]);
    second.deliver(welcome(true));
    // The unacked push comes again from the offline queue: acked, not delivered twice.
    second.deliver(push('7'));
    await vi.advanceTimersByTimeAsync(5);
    expect(harness().pushes.map((p) => p.messageId)).toEqual(['7']);
    expect(second.ackedIds()).toEqual(['7']);
    expect(harness().client.sessions().every((s) => s.resumed)).toBe(true);
  });

  it('backs off further on repeated failures and resets after a welcome', async () => {
    void harness().client.connect().catch(() => undefined);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await settle();
      harness().gateway.last.end(1006);
      delays.push(harness().disconnects.at(-1)!.delayMs!);
      await vi.advanceTimersByTimeAsync(delays.at(-1)!);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000]);
    await settle();
    harness().gateway.last.open();
    harness().gateway.last.deliver(welcome());
    harness().gateway.last.end(4003);
    expect(harness().disconnects.at(-1)!.delayMs).toBe(1_000);
  });

  it('resumes tokens from the store on the first connect', async () => {
    await harness().tokenStore.set(A.accessId, { token: 'oldA', tokenSecret: 'oldSecret' });
    const ready = harness().client.connect();
    await settle();
    harness().gateway.last.open();
    const apps = harness().gateway.last.frames('hello')[0]!.apps!;
    expect([apps[0]!.token, apps[0]!.tokenSecret, apps[1]!.token]).toEqual(['oldA', 'oldSecret', '']);
    harness().gateway.last.deliver(welcome());
    await ready;
  });

  it('gives up on a refused token secret (4105): error, rejected connect, no retry', async () => {
    const ready = harness().client.connect();
    await settle();
    const socket = harness().gateway.last;
    socket.open();
    socket.deliver({ error: { code: DeviceError.BAD_TOKEN_SECRET, message: 'token secret mismatch', retryable: false } });
    socket.end(DeviceError.BAD_TOKEN_SECRET, 'token secret mismatch');
    await expect(ready).rejects.toMatchObject({ name: 'HomingClientError', code: 4105, codeName: 'BAD_TOKEN_SECRET' });
    expect(harness().errors[0]).toBeInstanceOf(HomingClientError);
    expect(harness().disconnects.at(-1)).toMatchObject({ code: 4105, willReconnect: false });
    expect(harness().client.state).toBe('closed');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(harness().gateway.sockets).toHaveLength(1);
  });

  it('takes the code from the Error frame when the close frame is lost', async () => {
    const ready = harness().client.connect();
    await settle();
    harness().gateway.last.open();
    harness().gateway.last.deliver({ error: { code: DeviceError.UNKNOWN_APP, message: 'no such app' } });
    harness().gateway.last.end(1006);
    await expect(ready).rejects.toMatchObject({ code: DeviceError.UNKNOWN_APP });
  });

  it('does not take a 4112 (a frame the gateway ignored, no close) for the cause of a later lost close', async () => {
    const socket = await harness().connected();
    socket.deliver({ error: { code: DeviceError.UNSUPPORTED_FRAME, message: 'frame type not supported by this gateway; ignored' } });
    expect(harness().client.state).toBe('connected');
    socket.end(1006);
    expect(harness().disconnects.at(-1)).toMatchObject({ code: 1006, willReconnect: true });
  });

  it('does not fight another connection that replaced it (4110)', async () => {
    const socket = await harness().connected();
    socket.end(DeviceError.REPLACED, 'replaced');
    expect(harness().disconnects.at(-1)).toMatchObject({ code: 4110, willReconnect: false });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(harness().gateway.sockets).toHaveLength(1);
  });

  it('waits for the goaway hint before reconnecting', async () => {
    const goaway = vi.fn();
    harness().client.on('goaway', goaway);
    const socket = await harness().connected();
    socket.deliver({ goaway: { reason: 'draining', reconnectAfterMs: 5_000 } });
    socket.end(DeviceError.GOING_AWAY, 'draining');
    expect(goaway).toHaveBeenCalledWith({ reason: 'draining', reconnectAfterMs: 5_000 });
    expect(harness().disconnects.at(-1)).toMatchObject({ code: 4000, willReconnect: true, delayMs: 5_000 });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(harness().gateway.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(harness().gateway.sockets).toHaveLength(2);
  });

  it('pings every heartbeat interval and reconnects when a ping goes unanswered', async () => {
    const socket = await harness().connected();
    expect(socket.frames('ping')).toHaveLength(1);
    socket.deliver({ pong: { clientTime: NOW, serverTime: NOW } });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(socket.frames('ping')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(socket.closedByClient).toBeDefined();
    expect(harness().disconnects.at(-1)).toMatchObject({ code: DeviceError.HEARTBEAT_TIMEOUT, willReconnect: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(harness().gateway.sockets).toHaveLength(2);
  });

  it('abandons a socket that gets no welcome in time and tries again', async () => {
    void harness().client.connect().catch(() => undefined);
    await settle();
    harness().gateway.last.open();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(harness().disconnects.at(-1)).toMatchObject({ code: 1006, willReconnect: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(harness().gateway.sockets).toHaveLength(2);
  });

  it('closes and reconnects on a frame it cannot decode', async () => {
    const socket = await harness().connected();
    socket.deliverRaw('{"json": true}');
    expect(socket.closedByClient).toBeDefined();
    expect(harness().disconnects.at(-1)).toMatchObject({ code: 1002, willReconnect: true });
  });

  it('can start afresh after forgetting a refused token', async () => {
    await harness().tokenStore.set(A.accessId, { token: 'stale', tokenSecret: 'x' });
    const refused = harness().client.connect();
    await settle();
    harness().gateway.last.open();
    harness().gateway.last.end(DeviceError.BAD_TOKEN_SECRET);
    await expect(refused).rejects.toBeInstanceOf(HomingClientError);
    await harness().client.forgetToken(A.accessId);
    const ready = harness().client.connect();
    await settle();
    harness().gateway.last.open();
    expect(harness().gateway.last.frames('hello')[0]!.apps![0]!.token).toBe('');
    harness().gateway.last.deliver(welcome());
    await expect(ready).resolves.toHaveLength(2);
  });
});
