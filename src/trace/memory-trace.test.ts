import { describe, expect, it } from 'vitest';
import type { TraceStep } from './delivery-trace.js';
import { onNode, traceReceipts, traceRouting } from './delivery-trace.js';
import { MAX_STEPS_PER_DELIVERY, MemoryDeliveryTrace } from './memory-trace.js';
import type { PushMessage } from '../messages.js';

const accepted = (pushId: string, token: string, at: number, extra: Partial<TraceStep> = {}): TraceStep => ({ pushId, token, step: 'accepted', at, targets: 1, expiresAt: at + 1000, ...extra });

describe('MemoryDeliveryTrace', () => {
  it('keeps the steps of a traced delivery in time order, with node, channel and reason', () => {
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 10, retentionMs: 1000, now: () => 100 });
    trace.record(accepted('1', 'tok', 10));
    trace.record({ pushId: '1', token: 'tok', step: 'sent', at: 12, node: 'n1' });
    trace.record({ pushId: '1', token: 'tok', step: 'routed', at: 11, node: 'n1', channel: 'long_connection' });
    trace.record({ pushId: '1', token: 'tok', step: 'acked', at: 13 });
    expect(trace.steps('1', 'tok')).toEqual([
      { pushId: '1', token: 'tok', step: 'accepted', at: 10 },
      { pushId: '1', token: 'tok', step: 'routed', at: 11, node: 'n1', channel: 'long_connection' },
      { pushId: '1', token: 'tok', step: 'sent', at: 12, node: 'n1' },
      { pushId: '1', token: 'tok', step: 'acked', at: 13 },
    ]);
    expect(trace.steps('1', 'other')).toBeUndefined();
    expect(trace.steps('2', 'tok')).toBeUndefined();
  });

  it('keeps a delivery\'s first steps and its latest once it has the most it may keep', () => {
    const at = 1_750_000_000_000; // epoch ms: times are kept relative to the first step, and must come back whole
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 10, retentionMs: 1000, now: () => at });
    trace.record(accepted('1', 'tok', at));
    const last = MAX_STEPS_PER_DELIVERY + 5;
    for (let i = 1; i <= last; i++) trace.record({ pushId: '1', token: 'tok', step: 'sent', at: at + i, node: `n${i}` });
    const steps = trace.steps('1', 'tok')!;
    expect(steps).toHaveLength(MAX_STEPS_PER_DELIVERY);
    expect(steps[0]).toEqual({ pushId: '1', token: 'tok', step: 'accepted', at });
    expect(steps.slice(1, -1).map((s) => s.node)).toEqual(Array.from({ length: MAX_STEPS_PER_DELIVERY - 2 }, (_, i) => `n${i + 1}`));
    expect(steps.at(-1)).toEqual({ pushId: '1', token: 'tok', step: 'sent', at: at + last, node: `n${last}` });
  });

  it('ignores steps of deliveries it was not told were accepted', () => {
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 10, retentionMs: 1000 });
    trace.record({ pushId: '1', token: 'tok', step: 'sent', at: 1 });
    expect(trace.steps('1', 'tok')).toBeUndefined();
    expect(trace.size).toBe(0);
  });

  it('forgets a push after its expiry plus the retention', () => {
    let now = 0;
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 10, retentionMs: 500, now: () => now });
    trace.record(accepted('1', 'tok', 0, { expiresAt: 1000 }));
    now = 1500;
    expect(trace.steps('1', 'tok')).toHaveLength(1);
    now = 1501;
    expect(trace.steps('1', 'tok')).toBeUndefined();
    // …and its memory goes when a later push is traced.
    trace.record(accepted('2', 'tok', 1501));
    expect(trace.size).toBe(1);
  });

  it('stays within its budget by dropping the oldest pushes first', () => {
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 3, retentionMs: 60_000, now: () => 0 });
    trace.record(accepted('1', 'a', 0));
    trace.record(accepted('1', 'b', 0));
    trace.record(accepted('2', 'a', 0));
    trace.record(accepted('3', 'a', 0));
    expect(trace.size).toBeLessThanOrEqual(3);
    expect(trace.steps('1', 'a')).toBeUndefined();
    expect(trace.steps('3', 'a')).toBeDefined();
    expect(trace.steps('2', 'a')).toBeDefined();
  });

  it('keeps each token of a token_list push apart, and frees them all with their push', () => {
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 3, retentionMs: 60_000, now: () => 0 });
    trace.record(accepted('1', 'a', 0, { targets: 3 }));
    trace.record(accepted('1', 'b', 0, { targets: 3 }));
    trace.record(accepted('1', 'a', 0, { targets: 3 })); // the same delivery again: counted once
    trace.record({ pushId: '1', token: 'b', step: 'acked', at: 5 });
    expect(trace.size).toBe(2);
    expect(trace.steps('1', 'a')?.map((s) => s.step)).toEqual(['accepted']);
    expect(trace.steps('1', 'b')?.map((s) => s.step)).toEqual(['accepted', 'acked']);
    trace.record(accepted('2', 'a', 0));
    trace.record(accepted('3', 'a', 0)); // past the budget: push 1 goes, both its deliveries
    expect(trace.size).toBe(2);
    expect(trace.steps('1', 'b')).toBeUndefined();
    expect(trace.steps('3', 'a')).toBeDefined();
  });

  it('caps one push larger than the budget', () => {
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 5, retentionMs: 60_000, now: () => 0 });
    for (let i = 0; i < 20; i++) trace.record(accepted('1', `t${i}`, 0, { targets: 20 }));
    expect(trace.size).toBe(5);
    expect(trace.steps('1', 't0')).toBeDefined();
  });

  it('traces every target of a call up to the full-trace size and samples about that many beyond it', () => {
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 1_000_000, retentionMs: 60_000, fullTraceTargets: 100, now: () => 0 });
    for (let i = 0; i < 100; i++) trace.record(accepted('small', `s${i}`, 0, { targets: 100 }));
    expect(trace.size).toBe(100);
    for (let i = 0; i < 10_000; i++) trace.record(accepted('big', `token-${i}`, 0, { targets: 10_000 }));
    const sampled = trace.size - 100;
    expect(sampled).toBeGreaterThan(50);
    expect(sampled).toBeLessThan(200);
  });

  it('records nothing with a budget of 0', () => {
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 0, retentionMs: 60_000 });
    trace.record(accepted('1', 'a', 0));
    expect(trace.steps('1', 'a')).toBeUndefined();
  });
});

describe('trace recorders', () => {
  const message: PushMessage = { pushId: '7', seq: '7', accessId: 'app', kind: 'notify', title: 't', content: 'c', customContent: '', expiresAt: 5000, sentAt: 100 };

  it('turns a routing decision into accepted and routed or failed steps per token', () => {
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 10, retentionMs: 1000, now: () => 200 });
    traceRouting(trace, message, ['on', 'off'], ['node-a', undefined], ['ghost'], 150);
    expect(trace.steps('7', 'on')!.map((s) => [s.step, s.node, s.channel])).toEqual([['accepted', undefined, undefined], ['routed', 'node-a', 'long_connection']]);
    expect(trace.steps('7', 'off')!.map((s) => [s.step, s.channel, s.reason])).toEqual([['accepted', undefined, undefined], ['routed', 'offline', 'not_connected']]);
    expect(trace.steps('7', 'ghost')!.map((s) => [s.step, s.reason])).toEqual([['accepted', undefined], ['failed', 'token_not_registered']]);
    traceRouting(trace, { ...message, pushId: '8', expiresAt: 0 }, ['gone'], [undefined], [], 150);
    expect(trace.steps('8', 'gone')!.at(-1)).toMatchObject({ step: 'failed', reason: 'offline_and_no_expire_time' });
  });

  it('turns receipts into steps and leaves settled out; onNode names the node', () => {
    const trace = new MemoryDeliveryTrace({ maxDeliveries: 10, retentionMs: 1000, now: () => 200 });
    traceRouting(trace, message, ['tok'], ['n'], [], 150);
    onNode(trace, 'gw-1').record({ pushId: '7', token: 'tok', step: 'sent', at: 151 });
    const r = { pushId: '7', seq: '7', accessId: 'app', token: 'tok' };
    traceReceipts(trace, [{ ...r, kind: 'settled', at: 152 }, { ...r, kind: 'ack', at: 153 }, { ...r, kind: 'click', at: 154 }, { ...r, kind: 'overflow', at: 155 }]);
    expect(trace.steps('7', 'tok')!.map((s) => s.step)).toEqual(['accepted', 'routed', 'sent', 'acked', 'clicked', 'failed']);
    expect(trace.steps('7', 'tok')![2]!.node).toBe('gw-1');
    expect(trace.steps('7', 'tok')![5]!.reason).toBe('offline_queue_full');
  });
});
