import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clockOffsetMs, DEFAULT_HEARTBEAT_INTERVAL_MS, Heartbeat } from './heartbeat.js';

describe('Heartbeat', () => {
  let pings: number[];
  let dead: number;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_700_000_000_000);
    pings = [];
    dead = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const make = (intervalMs: number, pongTimeoutMs: number) =>
    new Heartbeat({ intervalMs, pongTimeoutMs, sendPing: (t) => pings.push(t), onDead: () => dead++ });

  it('pings once per interval, carrying the device time', () => {
    const heartbeat = make(10_000, 2_000);
    heartbeat.start();
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(10_000);
      heartbeat.received();
    }
    expect(pings).toEqual([1_700_000_010_000, 1_700_000_020_000, 1_700_000_030_000]);
    expect(dead).toBe(0);
    heartbeat.stop();
  });

  it('can ping at once on start', () => {
    const heartbeat = make(10_000, 2_000);
    heartbeat.start(true);
    expect(pings).toHaveLength(1);
    heartbeat.stop();
  });

  it('declares the socket dead when nothing answers a ping in time, once', () => {
    const heartbeat = make(10_000, 2_000);
    heartbeat.start();
    vi.advanceTimersByTime(10_000 + 1_999);
    expect(dead).toBe(0);
    vi.advanceTimersByTime(1);
    expect(dead).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(dead).toBe(1);
    expect(pings).toHaveLength(1);
  });

  it('does not let a later ping extend an unanswered one', () => {
    // Pong timeout longer than the interval: the first ping's deadline must hold.
    const heartbeat = make(1_000, 2_500);
    heartbeat.start();
    vi.advanceTimersByTime(3_499);
    expect(dead).toBe(0);
    vi.advanceTimersByTime(1);
    expect(dead).toBe(1);
  });

  it('stops every timer on stop()', () => {
    const heartbeat = make(1_000, 500);
    heartbeat.start(true);
    heartbeat.stop();
    expect(vi.getTimerCount()).toBe(0);
    heartbeat.start();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('falls back to the gateway default interval when Welcome says 0', () => {
    const heartbeat = make(0, 1_000);
    heartbeat.start();
    vi.advanceTimersByTime(DEFAULT_HEARTBEAT_INTERVAL_MS - 1);
    expect(pings).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(pings).toHaveLength(1);
    heartbeat.stop();
  });
});

describe('clockOffsetMs', () => {
  it('puts the server reading halfway through the round trip', () => {
    // Sent at 1000 by the device, answered at 6100 server time, back at 1200: server is ~5000 ahead.
    expect(clockOffsetMs(1_000, 6_100, 1_200)).toBe(5_000);
    expect(clockOffsetMs(10_000, 7_050, 10_100)).toBe(-3_000);
  });
});
