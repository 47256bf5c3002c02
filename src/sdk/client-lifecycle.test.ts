// HomingClient and the world around a socket, against an in-memory gateway:
// network loss and return, foreground, pagehide flushes, and seen ids that
// outlive the client (a reload or restart) through its token store.
import { describe, expect, it, vi } from 'vitest';
import { A, NOW, push, settle, useClientHarness, welcome } from './client.fixtures.js';
import { LONGEST_EXPIRY_MS, CLOCK_MARGIN_MS } from './seen-persistence.js';
import type { SeenEntry } from './dedup.js';
import type { Push } from './types.js';

describe('HomingClient network and page events', () => {
  const harness = useClientHarness();

  it('sends no pings while offline and reconnects at once, backoff reset, when the network is back', async () => {
    const first = await harness().connected();
    harness().client.setOnline(false);
    await vi.advanceTimersByTimeAsync(10 * 30_000);
    expect(first.frames('ping')).toHaveLength(1); // only the one sent with the hello
    expect(harness().client.state).toBe('connected');
    harness().client.setOnline(true);
    await settle();
    expect(harness().gateway.sockets).toHaveLength(2);
    expect(first.closedByClient).toEqual({ code: 1000, reason: 'network back' });
    expect(harness().disconnects.at(-1)).toEqual({ code: 1000, reason: 'network back', willReconnect: true, delayMs: 0 });
    const second = harness().gateway.last;
    second.open();
    second.deliver(welcome(true));
    expect(harness().client.state).toBe('connected');
  });

  it('does not try to reconnect while offline, then tries at once when online', async () => {
    const first = await harness().connected();
    harness().client.setOnline(false);
    first.end(1006);
    expect(harness().disconnects.at(-1)).toEqual({ code: 1006, reason: '', willReconnect: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(harness().gateway.sockets).toHaveLength(1);
    harness().client.setOnline(true);
    await settle();
    expect(harness().gateway.sockets).toHaveLength(2);
  });

  it('on returning to the foreground, reconnects at once when waiting, or checks a live socket with a ping', async () => {
    const first = await harness().connected();
    harness().client.wake();
    expect(first.frames('ping')).toHaveLength(2);
    // No answer to that ping within the pong timeout: the socket is dead.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(harness().client.state).toBe('reconnecting');
    expect(harness().disconnects.at(-1)!.delayMs).toBe(1_000);
    harness().client.wake();
    await settle();
    expect(harness().gateway.sockets).toHaveLength(2);
  });

  it('flush sends pending acks now (pagehide), not after the ack delay', async () => {
    const socket = await harness().connected();
    socket.deliver(push('5'));
    expect(socket.ackedIds()).toEqual([]);
    harness().client.flush();
    expect(socket.ackedIds()).toEqual(['5']);
  });
});

describe('HomingClient seen ids across a restart', () => {
  const harness = useClientHarness();

  it('saves a push id before its ack goes out, and a new client drops the redelivered copy', async () => {
    const h = harness();
    const socket = await h.connected();
    socket.deliver(push('41', A.accessId, { expiresAt: NOW + 60_000 }));
    let storedAtAck: SeenEntry[] | undefined;
    const send = socket.send.bind(socket);
    socket.send = (data) => {
      void h.tokenStore.getSeen().then((s) => (storedAtAck ??= s));
      send(data);
    };
    await vi.advanceTimersByTimeAsync(5);
    expect(socket.ackedIds()).toEqual(['41']);
    expect(storedAtAck).toEqual([{ id: `${A.accessId}\n41`, until: NOW + 60_000 + CLOCK_MARGIN_MS }]);
    // The ack never reached the gateway; the process restarts with the same store.
    await h.client.close();
    const restarted: Push[] = [];
    const next = h.make();
    next.onPush(A.accessId, (p) => restarted.push(p));
    const again = await h.connected(next);
    again.deliver(push('41', A.accessId, { expiresAt: NOW + 60_000 }));
    again.deliver(push('42'));
    await vi.advanceTimersByTimeAsync(5);
    expect(restarted.map((p) => p.messageId)).toEqual(['42']);
    expect(again.ackedIds()).toEqual(['41', '42']);
    await next.close();
  });

  it('keeps an id without expiry for the longest expiry, and forgets ids past their time on load', async () => {
    const h = harness();
    await h.tokenStore.setSeen([{ id: `${A.accessId}\nold`, until: NOW - 1 }, { id: `${A.accessId}\nlive`, until: NOW + 1_000 }]);
    const socket = await h.connected();
    socket.deliver(push('old'));
    socket.deliver(push('live'));
    socket.deliver(push('new'));
    await vi.advanceTimersByTimeAsync(5);
    expect(h.pushes.map((p) => p.messageId)).toEqual(['old', 'new']);
    expect(await h.tokenStore.getSeen()).toEqual([
      { id: `${A.accessId}\nlive`, until: NOW + 1_000 },
      { id: `${A.accessId}\nold`, until: NOW + LONGEST_EXPIRY_MS + CLOCK_MARGIN_MS },
      { id: `${A.accessId}\nnew`, until: NOW + LONGEST_EXPIRY_MS + CLOCK_MARGIN_MS },
    ]);
  });

  it('keeps at most 1,000 ids in the store, the most recent', async () => {
    const h = harness();
    const socket = await h.connected();
    for (let i = 0; i < 1_200; i++) socket.deliver(push(String(i)));
    await vi.advanceTimersByTimeAsync(5);
    const stored = await h.tokenStore.getSeen();
    expect(stored).toHaveLength(1_000);
    expect(stored[0]!.id).toBe(`${A.accessId}\n200`);
    expect(stored.at(-1)!.id).toBe(`${A.accessId}\n1199`);
  });

  it('still acks when the store cannot save, and reports the failure', async () => {
    const h = harness();
    h.tokenStore.setSeen = () => {
      throw new Error('quota exceeded');
    };
    const socket = await h.connected();
    socket.deliver(push('9'));
    await vi.advanceTimersByTimeAsync(5);
    expect(socket.ackedIds()).toEqual(['9']);
    expect(h.errors.map((e) => e.message)).toEqual(['quota exceeded']);
  });
});
