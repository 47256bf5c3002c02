// HomingClient's session on one socket, against an in-memory gateway: hello,
// welcome, pushes, acks, clicks, close. Reconnects are in client-reconnect.test.ts.
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { MessageType, Platform } from '../../proto/codec.js';
import { HomingClient } from './client.js';
import { A, B, NOW, push, settle, useClientHarness, welcome } from './client.fixtures.js';
import { HomingClientError } from './errors.js';

describe('HomingClient session', () => {
  const harness = useClientHarness();

  it('registers every app in one hello and resolves with the tokens of the welcome', async () => {
    const registered = vi.fn();
    harness().client.on('registered', registered);
    const ready = harness().client.connect();
    expect(harness().client.state).toBe('connecting');
    await settle();
    const socket = harness().gateway.last;
    expect(socket.binaryType).toBe('arraybuffer');
    socket.open();
    const [hello] = socket.frames('hello');
    expect(hello).toMatchObject({ deviceId: 'device-1', platform: Platform.ANDROID });
    expect(hello!.apps!.map((a) => [a.accessId, a.accessKey, a.token, a.tokenSecret])).toEqual([
      [A.accessId, 'keyA', '', ''],
      [B.accessId, 'keyB', '', ''],
    ]);
    socket.deliver(welcome());
    const sessions = await ready;
    expect(sessions).toEqual([
      { accessId: A.accessId, token: 'tokA', resumed: false },
      { accessId: B.accessId, token: 'tokB', resumed: false },
    ]);
    expect(registered).toHaveBeenCalledWith(sessions);
    expect(harness().client.state).toBe('connected');
    expect(harness().client.token(B.accessId)).toBe('tokB');
    await settle();
    expect(await harness().tokenStore.get(A.accessId)).toEqual({ token: 'tokA', tokenSecret: 'secA' });
  });

  it('delivers each push once, drops expired ones, and acks all of them in one batch', async () => {
    const socket = await harness().connected();
    socket.deliver(push('1', A.accessId, { customContent: '{"k":"v"}', type: MessageType.MESSAGE }));
    socket.deliver(push('2', A.accessId, { expiresAt: NOW - 1 }));
    socket.deliver(push('1'));
    socket.deliver(push('3', A.accessId, { expiresAt: NOW + 60_000 }));
    expect(harness().pushes.map((p) => p.messageId)).toEqual(['1', '3']);
    expect(harness().pushes[0]).toMatchObject({ type: 'message', custom: { k: 'v' }, customContent: '{"k":"v"}', title: 't1' });
    expect(socket.frames('ack')).toEqual([]);
    await vi.advanceTimersByTimeAsync(5);
    expect(socket.frames('ack')).toHaveLength(1);
    expect(socket.ackedIds()).toEqual(['1', '2', '1', '3']);
  });

  it('judges expiry on the server clock measured by ping/pong', async () => {
    const socket = await harness().connected();
    // The device clock is an hour behind the server's.
    socket.deliver({ pong: { clientTime: NOW, serverTime: NOW + 3_600_000 } });
    socket.deliver(push('9', A.accessId, { expiresAt: NOW + 60_000 }));
    expect(harness().pushes).toEqual([]);
    expect(socket.frames('ack')).toEqual([]);
    await vi.advanceTimersByTimeAsync(5);
    expect(socket.ackedIds()).toEqual(['9']);
  });

  it('sends clicks at once when connected, and queues them while offline', async () => {
    const socket = await harness().connected();
    expect(harness().client.reportClick(A.accessId, '1')).toBe(true);
    expect(socket.frames('click')).toEqual([{ messageId: '1', accessId: A.accessId, action: 'open', clickedAt: NOW }]);
    socket.end(1006);
    expect(harness().client.reportClick(B.accessId, '2', 'dismiss')).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    harness().gateway.last.open();
    expect(harness().gateway.last.frames('click')).toEqual([]);
    harness().gateway.last.deliver(welcome(true));
    expect(harness().gateway.last.frames('click')).toMatchObject([{ messageId: '2', accessId: B.accessId, action: 'dismiss' }]);
    expect(() => harness().client.reportClick('unknown', '3')).toThrow(RangeError);
  });

  it('holds pushes for an app without a handler, unacked, until one is added', async () => {
    const socket = await harness().connected();
    socket.deliver(push('5', B.accessId));
    await vi.advanceTimersByTimeAsync(5);
    expect(socket.ackedIds()).toEqual([]);
    const forB: string[] = [];
    harness().client.onPush(B.accessId, (p) => forB.push(p.messageId));
    expect(forB).toEqual([]);
    await vi.advanceTimersByTimeAsync(5);
    expect(forB).toEqual(['5']);
    expect(socket.ackedIds()).toEqual(['5']);
  });

  it('reports a throwing push handler and still acks the push', async () => {
    harness().client.onPush(B.accessId, () => {
      throw new Error('app bug');
    });
    const socket = await harness().connected();
    socket.deliver(push('6', B.accessId));
    await vi.advanceTimersByTimeAsync(5);
    expect(harness().errors.map((e) => e.message)).toEqual(['app bug']);
    expect(socket.ackedIds()).toEqual(['6']);
  });

  it('close() flushes pending acks, rejects a pending connect, and stops reconnecting', async () => {
    const socket = await harness().connected();
    socket.deliver(push('8'));
    await harness().client.close();
    expect(socket.ackedIds()).toEqual(['8']);
    expect(socket.closedByClient?.code).toBe(1000);
    expect(harness().client.state).toBe('closed');
    const other = harness().make();
    const ready = other.connect();
    await other.close();
    await expect(ready).rejects.toBeInstanceOf(HomingClientError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(harness().gateway.sockets.filter((s) => s.readyState === 1)).toHaveLength(0);
  });

  it('logs through a pino logger', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const logged = harness().make({ logger });
    const ready = logged.connect();
    await settle();
    harness().gateway.last.open();
    harness().gateway.last.deliver({ push: { messageId: '1', accessId: 'not-mine' } });
    harness().gateway.last.deliver(welcome());
    await ready;
    await logged.close();
    expect(lines.some((l) => l.includes('push for an app not registered here'))).toBe(true);
  });

  it('rejects options that could never connect', () => {
    const base = { url: 'ws://h/device', deviceId: 'd', platform: 'ios' as const, apps: [A] };
    expect(() => new HomingClient({ ...base, url: 'http://h/device' })).toThrow(/ws: or wss:/);
    expect(() => new HomingClient({ ...base, deviceId: 'x'.repeat(129) })).toThrow(/deviceId/);
    expect(() => new HomingClient({ ...base, apps: [] })).toThrow(/at least one/);
    expect(() => new HomingClient({ ...base, apps: [A, A] })).toThrow(/twice/);
    expect(() => new HomingClient({ ...base, platform: 'symbian' as never })).toThrow(/platform/);
  });
});
