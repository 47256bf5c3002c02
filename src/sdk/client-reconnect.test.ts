// HomingClient across sockets, against an in-memory gateway: backoff, resume,
// give-up codes, goaway, dead-socket detection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceError } from '../errors.js';
import { A, ClientHarness, NOW, push, settle, welcome } from './client.fixtures.js';
import { HomingClientError } from './errors.js';

describe('HomingClient reconnects', () => {
  let h: ClientHarness;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    h = new ClientHarness();
  });
  afterEach(async () => {
    await h.client.close();
    vi.useRealTimers();
  });

  it('reconnects with backoff after an abnormal close, resumes its tokens, and still drops redeliveries', async () => {
    const first = await h.connected();
    first.deliver(push('7'));
    first.end(1006);
    expect(h.disconnects.at(-1)).toEqual({ code: 1006, reason: '', willReconnect: true, delayMs: 1_000 });
    expect(h.client.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(999);
    expect(h.gateway.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const second = h.gateway.last;
    second.open();
    expect(second.frames('hello')[0]!.apps!.map((a) => [a.token, a.tokenSecret])).toEqual([
      ['tokA', 'secA'],
      ['tokB', 'secB'],
    ]);
    second.deliver(welcome(true));
    // The unacked push comes again from the offline queue: acked, not delivered twice.
    second.deliver(push('7'));
    await vi.advanceTimersByTimeAsync(5);
    expect(h.pushes.map((p) => p.messageId)).toEqual(['7']);
    expect(second.ackedIds()).toEqual(['7']);
    expect(h.client.sessions().every((s) => s.resumed)).toBe(true);
  });

  it('backs off further on repeated failures and resets after a welcome', async () => {
    void h.client.connect().catch(() => undefined);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await settle();
      h.gateway.last.end(1006);
      delays.push(h.disconnects.at(-1)!.delayMs!);
      await vi.advanceTimersByTimeAsync(delays.at(-1)!);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000]);
    await settle();
    h.gateway.last.open();
    h.gateway.last.deliver(welcome());
    h.gateway.last.end(4003);
    expect(h.disconnects.at(-1)!.delayMs).toBe(1_000);
  });

  it('resumes tokens from the store on the first connect', async () => {
    await h.tokenStore.set(A.accessId, { token: 'oldA', tokenSecret: 'oldSecret' });
    const ready = h.client.connect();
    await settle();
    h.gateway.last.open();
    const apps = h.gateway.last.frames('hello')[0]!.apps!;
    expect([apps[0]!.token, apps[0]!.tokenSecret, apps[1]!.token]).toEqual(['oldA', 'oldSecret', '']);
    h.gateway.last.deliver(welcome());
    await ready;
  });

  it('gives up on a refused token secret (4105): error, rejected connect, no retry', async () => {
    const ready = h.client.connect();
    await settle();
    const socket = h.gateway.last;
    socket.open();
    socket.deliver({ error: { code: DeviceError.BAD_TOKEN_SECRET, message: 'token secret mismatch', retryable: false } });
    socket.end(DeviceError.BAD_TOKEN_SECRET, 'token secret mismatch');
    await expect(ready).rejects.toMatchObject({ name: 'HomingClientError', code: 4105, codeName: 'BAD_TOKEN_SECRET' });
    expect(h.errors[0]).toBeInstanceOf(HomingClientError);
    expect(h.disconnects.at(-1)).toMatchObject({ code: 4105, willReconnect: false });
    expect(h.client.state).toBe('closed');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(h.gateway.sockets).toHaveLength(1);
  });

  it('takes the code from the Error frame when the close frame is lost', async () => {
    const ready = h.client.connect();
    await settle();
    h.gateway.last.open();
    h.gateway.last.deliver({ error: { code: DeviceError.UNKNOWN_APP, message: 'no such app' } });
    h.gateway.last.end(1006);
    await expect(ready).rejects.toMatchObject({ code: DeviceError.UNKNOWN_APP });
  });

  it('does not fight another connection that replaced it (4110)', async () => {
    const socket = await h.connected();
    socket.end(DeviceError.REPLACED, 'replaced');
    expect(h.disconnects.at(-1)).toMatchObject({ code: 4110, willReconnect: false });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(h.gateway.sockets).toHaveLength(1);
  });

  it('waits for the goaway hint before reconnecting', async () => {
    const goaway = vi.fn();
    h.client.on('goaway', goaway);
    const socket = await h.connected();
    socket.deliver({ goaway: { reason: 'draining', reconnectAfterMs: 5_000 } });
    socket.end(DeviceError.GOING_AWAY, 'draining');
    expect(goaway).toHaveBeenCalledWith({ reason: 'draining', reconnectAfterMs: 5_000 });
    expect(h.disconnects.at(-1)).toMatchObject({ code: 4000, willReconnect: true, delayMs: 5_000 });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(h.gateway.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.gateway.sockets).toHaveLength(2);
  });

  it('pings every heartbeat interval and reconnects when a ping goes unanswered', async () => {
    const socket = await h.connected();
    expect(socket.frames('ping')).toHaveLength(1);
    socket.deliver({ pong: { clientTime: NOW, serverTime: NOW } });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(socket.frames('ping')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(socket.closedByClient).toBeDefined();
    expect(h.disconnects.at(-1)).toMatchObject({ code: DeviceError.HEARTBEAT_TIMEOUT, willReconnect: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.gateway.sockets).toHaveLength(2);
  });

  it('abandons a socket that gets no welcome in time and tries again', async () => {
    void h.client.connect().catch(() => undefined);
    await settle();
    h.gateway.last.open();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(h.disconnects.at(-1)).toMatchObject({ code: 1006, willReconnect: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.gateway.sockets).toHaveLength(2);
  });

  it('closes and reconnects on a frame it cannot decode', async () => {
    const socket = await h.connected();
    socket.deliverRaw('{"json": true}');
    expect(socket.closedByClient).toBeDefined();
    expect(h.disconnects.at(-1)).toMatchObject({ code: 1002, willReconnect: true });
  });

  it('can start afresh after forgetting a refused token', async () => {
    await h.tokenStore.set(A.accessId, { token: 'stale', tokenSecret: 'x' });
    const refused = h.client.connect();
    await settle();
    h.gateway.last.open();
    h.gateway.last.end(DeviceError.BAD_TOKEN_SECRET);
    await expect(refused).rejects.toBeInstanceOf(HomingClientError);
    await h.client.forgetToken(A.accessId);
    const ready = h.client.connect();
    await settle();
    h.gateway.last.open();
    expect(h.gateway.last.frames('hello')[0]!.apps![0]!.token).toBe('');
    h.gateway.last.deliver(welcome());
    await expect(ready).resolves.toHaveLength(2);
  });
});
