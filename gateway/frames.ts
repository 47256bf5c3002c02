// Server frames. Constant frames are encoded once; error frames are small and
// rare. Push frames are assembled per delivery (each carries its token) from
// parts encoded once per message.
import { encodePush, encodeServerFrame, MessageType } from '../proto/codec.js';
import { isRetryableDeviceError, type DeviceErrorCode } from '../src/errors.js';
import type { PushMessage } from '../src/messages.js';

export function errorFrame(code: DeviceErrorCode, message: string, accessId = ''): Uint8Array {
  return encodeServerFrame({ error: { code, message, retryable: isRetryableDeviceError(code), accessId } });
}

export function pongFrame(clientTime: number, serverTime: number): Uint8Array {
  return encodeServerFrame({ pong: { clientTime, serverTime } });
}

export function goawayFrame(reason: string, reconnectAfterMs: number): Uint8Array {
  return encodeServerFrame({ goaway: { reason, reconnectAfterMs } });
}

/**
 * A push frame for one token. The message's other fields are encoded once per
 * message and the token spliced in between (a token_list call sends one message
 * to up to 1,000 tokens): the bytes are exactly what encoding the whole frame
 * gives, fields in number order. `broadcast`: one frame for every device of an
 * app or tag, so it names no token.
 */
export function pushFrame(d: PushMessage, token: string, broadcast = false): Uint8Array {
  if (broadcast) return encodeServerFrame({ push: pushFields(d, token, true) });
  let parts = encoded.get(d);
  if (parts === undefined) {
    // The first token (a token push has only one): encoding the whole frame is cheaper than parts.
    encoded.set(d, null);
    return encodeServerFrame({ push: pushFields(d, token, false) });
  }
  if (parts === null) {
    // Push fields 1–2, then 4–10; the token is field 3.
    const tail = pushFields(d, '', false);
    tail.messageId = '';
    tail.accessId = '';
    parts = { head: encodePush({ messageId: d.pushId, accessId: d.accessId }), tail: encodePush(tail) };
    encoded.set(d, parts);
  }
  const { head, tail } = parts;
  const tokenBytes = Buffer.byteLength(token);
  const tokenField = tokenBytes > 0 ? 1 + varintSize(tokenBytes) + tokenBytes : 0;
  const pushBytes = head.length + tokenField + tail.length;
  const frame = Buffer.allocUnsafe(1 + varintSize(pushBytes) + pushBytes);
  frame[0] = SERVER_FRAME_PUSH;
  let at = writeVarint(frame, 1, pushBytes);
  frame.set(head, at);
  at += head.length;
  if (tokenBytes > 0) {
    frame[at++] = PUSH_TOKEN;
    at = writeVarint(frame, at, tokenBytes);
    at += frame.write(token, at, 'utf8');
  }
  frame.set(tail, at);
  return frame;
}

/** Field 3 (push) of ServerFrame and field 3 (token) of Push, both length-delimited: (3 << 3) | 2. */
const SERVER_FRAME_PUSH = 0x1a;
const PUSH_TOKEN = 0x1a;

/** A message's encoded fields around the token (null: one frame built so far); dropped with the message. */
const encoded = new WeakMap<PushMessage, { head: Uint8Array; tail: Uint8Array } | null>();

/** Listed, not spread: V8 builds spreads the slow way. */
function pushFields(d: PushMessage, token: string, broadcast: boolean) {
  return {
    messageId: d.pushId,
    accessId: d.accessId,
    token,
    type: d.kind === 'notify' ? MessageType.NOTIFY : MessageType.MESSAGE,
    title: d.title,
    content: d.content,
    customContent: d.customContent,
    expiresAt: d.expiresAt,
    pushId: d.pushId,
    sentAt: d.sentAt,
    broadcast,
  };
}

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n >>>= 7;
    size++;
  }
  return size;
}

function writeVarint(into: Uint8Array, at: number, n: number): number {
  while (n >= 0x80) {
    into[at++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  into[at++] = n;
  return at;
}
