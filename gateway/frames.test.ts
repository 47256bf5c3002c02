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

/** What encoding the whole frame at once gives. */
function whole(d: PushMessage, token: string): Uint8Array {
  return encodeServerFrame({
    push: {
      messageId: d.pushId, accessId: d.accessId, token, type: d.kind === 'notify' ? MessageType.NOTIFY : MessageType.MESSAGE,
      title: d.title, content: d.content, customContent: d.customContent, expiresAt: d.expiresAt, pushId: d.pushId, sentAt: d.sentAt, broadcast: false,
    },
  });
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
