import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckBatcher, ackFrameBytes, repeatedStringFieldBytes } from './ack-batcher.js';
import { encodeAck } from './frames.js';

describe('AckBatcher', () => {
  let frames: string[][];
  const send = (ids: string[]) => frames.push(ids);

  beforeEach(() => {
    frames = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gathers acks added within the delay into one frame', () => {
    const batcher = new AckBatcher({ send, delayMs: 5 });
    batcher.add('1');
    vi.advanceTimersByTime(3);
    batcher.add('2');
    batcher.add('3');
    expect(frames).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(frames).toEqual([['1', '2', '3']]);
    expect(batcher.pending).toBe(0);
  });

  it('measures the delay from the first ack of a batch, not the last', () => {
    const batcher = new AckBatcher({ send, delayMs: 5 });
    for (let t = 0; t < 5; t++) {
      batcher.add(String(t));
      vi.advanceTimersByTime(1);
    }
    expect(frames).toEqual([['0', '1', '2', '3', '4']]);
  });

  it('starts a new batch after a flush', () => {
    const batcher = new AckBatcher({ send, delayMs: 5 });
    batcher.add('a');
    vi.advanceTimersByTime(5);
    batcher.add('b');
    vi.advanceTimersByTime(5);
    expect(frames).toEqual([['a'], ['b']]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('flush() sends at once and cancels the timer', () => {
    const batcher = new AckBatcher({ send, delayMs: 5 });
    batcher.add('x');
    batcher.flush();
    expect(frames).toEqual([['x']]);
    expect(vi.getTimerCount()).toBe(0);
    batcher.flush();
    expect(frames).toHaveLength(1);
  });

  it('discard() drops pending acks: the gateway redelivers them', () => {
    const batcher = new AckBatcher({ send, delayMs: 5 });
    batcher.add('x');
    batcher.discard();
    vi.advanceTimersByTime(100);
    expect(frames).toEqual([]);
  });

  it('splits a burst so that no frame exceeds maxFrameBytes, keeping order', () => {
    const maxFrameBytes = 256;
    const batcher = new AckBatcher({ send, delayMs: 5, maxFrameBytes });
    const ids = Array.from({ length: 500 }, (_, i) => `17000000000${String(i).padStart(5, '0')}`);
    ids.forEach((id) => batcher.add(id));
    vi.advanceTimersByTime(5);
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.flat()).toEqual(ids);
    for (const frame of frames) expect(encodeAck(frame).length).toBeLessThanOrEqual(maxFrameBytes);
    // Frames are full, not cut early: one more id would not have fit.
    for (const frame of frames.slice(0, -1)) expect(encodeAck([...frame, ids[0]!]).length).toBeGreaterThan(maxFrameBytes);
  });

  it('takes the limit Welcome announces', () => {
    const batcher = new AckBatcher({ send, delayMs: 5 });
    batcher.setMaxFrameBytes(64);
    for (let i = 0; i < 20; i++) batcher.add(`message-${i}`);
    batcher.flush();
    for (const frame of frames) expect(encodeAck(frame).length).toBeLessThanOrEqual(64);
    batcher.setMaxFrameBytes(0);
    batcher.add('still-64');
    batcher.flush();
    expect(frames.flat()).toHaveLength(21);
  });

  it('computes the encoded size exactly, multi-byte text and long lengths included', () => {
    for (const ids of [['1'], ['a', 'ü', '标题', '😀'], ['x'.repeat(200), 'y'.repeat(20_000)]]) {
      const body = ids.reduce((n, id) => n + repeatedStringFieldBytes(id), 0);
      expect(ackFrameBytes(body)).toBe(encodeAck(ids).length);
    }
  });
});
