import { describe, expect, it } from 'vitest';
import type { PushMessage } from '../src/messages.js';
import { MemoryTransport } from './memory-transport.js';
import { DeviceSession, type Inflight } from './session.js';

function entry(pushId: string, at: number): Inflight {
  const message = { pushId, seq: pushId, accessId: '1500000001', kind: 'notify', title: 't', content: 'c', customContent: '', expiresAt: 1, sentAt: 1 } as PushMessage;
  return { message, token: 'tok', stored: undefined, at };
}

describe('DeviceSession in-flight deliveries', () => {
  it('holds one delivery, then several, in send order, and none after their acks', () => {
    const session = new DeviceSession(new MemoryTransport());
    expect(session.inflightCount).toBe(0);
    session.markInflight(entry('1', 100));
    expect(session.unackedSince).toBe(100);
    expect(session.getInflight('1')?.at).toBe(100);
    expect(session.isInflight('2')).toBe(false);
    session.markInflight(entry('2', 110));
    session.markInflight(entry('3', 120));
    expect(session.inflightCount).toBe(3);
    expect([...session.inflightEntries()].map((e) => e.message.pushId)).toEqual(['1', '2', '3']);
    expect(session.unackedSince).toBe(100); // still something in flight since then
    expect(session.acked('2')?.message.pushId).toBe('2');
    expect(session.acked('2')).toBeUndefined(); // a repeated ack finds nothing
    expect(session.acked('1')?.at).toBe(100);
    expect(session.acked('3')?.at).toBe(120);
    expect(session.inflightCount).toBe(0);
    session.markInflight(entry('4', 200));
    expect(session.unackedSince).toBe(200); // empty in between: counts from the new send
  });

  it('replaces a delivery marked again under its push id, and takes them all on close', () => {
    const session = new DeviceSession(new MemoryTransport());
    session.markInflight(entry('1', 100));
    session.markInflight(entry('1', 150));
    expect(session.inflightCount).toBe(1);
    expect(session.getInflight('1')?.at).toBe(150);
    session.markInflight(entry('2', 160));
    expect(session.takeInflight().map((e) => e.at)).toEqual([150, 160]);
    expect(session.inflightCount).toBe(0);
    expect(session.takeInflight()).toEqual([]);
  });
});
