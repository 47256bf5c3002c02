import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeServerFrame, encodeServerFrame, MessageType } from '../proto/codec.js';
import type { PushMessage } from '../src/messages.js';
import { pushFrame } from './frames.js';

function message(over: Partial<PushMessage> = {}): PushMessage {
  return {
    pushId: '1700000000123',
    seq: '1700000000123',
    accessId: '1500000001',
    kind: 'notify',
    title: 'Hello',
    content: 'World',
    customContent: '{"k":"v"}',
    expiresAt: 1_800_000_000_000,
    sentAt: 1_700_000_000_000,
    ...over,
  };
}

function fieldsOf(d: PushMessage, token: string) {
  return {
    messageId: d.pushId, accessId: d.accessId, token, type: d.kind === 'notify' ? MessageType.NOTIFY : MessageType.MESSAGE,
    title: d.title, content: d.content, customContent: d.customContent, expiresAt: d.expiresAt, pushId: d.pushId, sentAt: d.sentAt, broadcast: false,
  };
}

/** What protobufjs gives for the whole frame. */
function whole(d: PushMessage, token: string): Uint8Array {
  return encodeServerFrame({ push: fieldsOf(d, token) });
}

describe('pushFrame', () => {
  const cases: Array<[string, PushMessage, string]> = [
    ['a short notification', message(), 'a'.repeat(40)],
    ['an in-app message without expiry', message({ kind: 'message', expiresAt: 0, customContent: '' }), 'tok'],
    ['non-ASCII text and token', message({ title: '信鸽 推送', content: 'é'.repeat(300) }), 'токен-ü'],
    ['a body past the two-byte length', message({ content: 'x'.repeat(20_000) }), 'b'.repeat(64)],
    ['an empty token', message(), ''],
  ];
  for (const [name, d, token] of cases) {
    it(`is byte for byte the whole-frame encoding: ${name}`, () => {
      expect(Buffer.from(pushFrame(d, token))).toEqual(Buffer.from(whole(d, token)));
    });
  }

  it('gives each token of one message its own frame', () => {
    const d = message();
    const tokens = ['t1', 't2-longer', 't3'];
    const frames = tokens.map((t) => pushFrame(d, t));
    expect(frames.map((f) => decodeServerFrame(f).push?.token)).toEqual(tokens);
    expect(frames.map((f) => decodeServerFrame(f).push?.title)).toEqual(['Hello', 'Hello', 'Hello']);
  });

  it('marks broadcast frames: token-less for a topic, naming the token in a catch-up', () => {
    const published = decodeServerFrame(pushFrame(message(), '', true));
    expect(published.push?.broadcast).toBe(true);
    expect(published.push?.token).toBe('');
    const caughtUp = decodeServerFrame(pushFrame(message(), 'tok-1', true));
    expect(caughtUp.push).toMatchObject({ broadcast: true, token: 'tok-1', title: 'Hello' });
  });
});

describe('pushFrame against protobufjs, any message', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 300 });
  const msg = fc.record({
    pushId: fc.string({ minLength: 1, maxLength: 20 }),
    seq: fc.constant('1'),
    accessId: fc.string({ maxLength: 12 }),
    kind: fc.constantFrom<PushMessage['kind']>('notify', 'message'),
    title: text,
    content: fc.oneof(text, fc.string({ minLength: 100, maxLength: 20_000 })),
    customContent: text,
    expiresAt: fc.oneof(fc.constant(0), fc.maxSafeNat()),
    sentAt: fc.oneof(fc.constant(0), fc.maxSafeNat()),
  });
  it('writes the same bytes for the first token, later tokens and a broadcast', () => {
    fc.assert(
      fc.property(msg, fc.array(fc.string({ unit: 'grapheme', maxLength: 70 }), { minLength: 1, maxLength: 4 }), (d, tokens) => {
        // Frames of one message: the first written whole, the later ones spliced from kept parts.
        for (const token of tokens) expect(Buffer.from(pushFrame(d, token))).toEqual(Buffer.from(whole(d, token)));
        const published = encodeServerFrame({ push: { ...fieldsOf(d, ''), broadcast: true } });
        expect(Buffer.from(pushFrame(d, '', true))).toEqual(Buffer.from(published));
      }),
      { numRuns: 300 },
    );
  });
});
