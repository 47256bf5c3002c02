// Server frames. Constant frames are encoded once; error frames are small and
// rare. Push frames are written by hand per delivery (each carries its token),
// the same bytes protobufjs gives.
import { encodeServerFrame, MessageType } from '../proto/codec.js';
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
 * A push frame for one token, byte for byte what protobufjs writes for the
 * whole ServerFrame (fields in number order, proto3 defaults left out), written
 * straight into one buffer: protobufjs's writer first builds a list of
 * operations and a LongBits per uint64, ~5 % of the CPU of a token push.
 * A message sent to several tokens in a row (token_list: up to 1,000) keeps its
 * fields around the token once its second frame is built, and later frames
 * copy them.
 * `broadcast`: one frame for every device of an app or tag, so it names no token.
 */
export function pushFrame(d: PushMessage, token: string, broadcast = false): Uint8Array {
  if (!isUint64(d.expiresAt) || !isUint64(d.sentAt)) {
    // Never from our router; protobufjs says what it makes of such a value.
    return encodeServerFrame({ push: pushFields(d, token, broadcast) });
  }
  if (broadcast) return wholeFrame(d, token, true);
  if (d !== lastMessage) {
    // A message's first token (a token push has only one): no parts to keep yet.
    lastMessage = d;
    lastParts = undefined;
    return wholeFrame(d, token, false);
  }
  lastParts ??= keepParts(d);
  return splicedFrame(lastParts, token);
}

/** Lengths in bytes of a message's strings. */
interface Lengths {
  id: number;
  accessId: number;
  title: number;
  content: number;
  customContent: number;
}

function lengthsOf(d: PushMessage): Lengths {
  return {
    id: Buffer.byteLength(d.pushId),
    accessId: Buffer.byteLength(d.accessId),
    title: Buffer.byteLength(d.title),
    content: Buffer.byteLength(d.content),
    customContent: Buffer.byteLength(d.customContent),
  };
}

/** Push fields 1–2. */
function headSize(l: Lengths): number {
  return stringField(l.id) + stringField(l.accessId);
}

/** Push fields 4–11 (the type is never 0, so always there). */
function tailSize(d: PushMessage, l: Lengths, broadcast: boolean): number {
  return 2 + stringField(l.title) + stringField(l.content) + stringField(l.customContent) + uint64Field(d.expiresAt) + stringField(l.id) + uint64Field(d.sentAt) + (broadcast ? 2 : 0);
}

function writeHead(into: Buffer, at: number, d: PushMessage, l: Lengths): number {
  at = writeString(into, at, PUSH_MESSAGE_ID, d.pushId, l.id);
  return writeString(into, at, PUSH_ACCESS_ID, d.accessId, l.accessId);
}

function writeTail(into: Buffer, at: number, d: PushMessage, l: Lengths, broadcast: boolean): number {
  into[at++] = PUSH_TYPE;
  into[at++] = d.kind === 'notify' ? MessageType.NOTIFY : MessageType.MESSAGE;
  at = writeString(into, at, PUSH_TITLE, d.title, l.title);
  at = writeString(into, at, PUSH_CONTENT, d.content, l.content);
  at = writeString(into, at, PUSH_CUSTOM_CONTENT, d.customContent, l.customContent);
  at = writeUint64(into, at, PUSH_EXPIRES_AT, d.expiresAt);
  at = writeString(into, at, PUSH_PUSH_ID, d.pushId, l.id);
  at = writeUint64(into, at, PUSH_SENT_AT, d.sentAt);
  if (broadcast) {
    into[at++] = PUSH_BROADCAST;
    into[at++] = 1;
  }
  return at;
}

function wholeFrame(d: PushMessage, token: string, broadcast: boolean): Buffer {
  const l = lengthsOf(d);
  const tokenBytes = Buffer.byteLength(token);
  const pushBytes = headSize(l) + stringField(tokenBytes) + tailSize(d, l, broadcast);
  const frame = Buffer.allocUnsafe(1 + varintSize(pushBytes) + pushBytes);
  frame[0] = SERVER_FRAME_PUSH;
  let at = writeVarint(frame, 1, pushBytes);
  at = writeHead(frame, at, d, l);
  at = writeString(frame, at, PUSH_TOKEN, token, tokenBytes);
  writeTail(frame, at, d, l, broadcast);
  return frame;
}

interface Parts {
  head: Buffer;
  tail: Buffer;
}

function keepParts(d: PushMessage): Parts {
  const l = lengthsOf(d);
  const head = Buffer.allocUnsafe(headSize(l));
  writeHead(head, 0, d, l);
  const tail = Buffer.allocUnsafe(tailSize(d, l, false));
  writeTail(tail, 0, d, l, false);
  return { head, tail };
}

function splicedFrame({ head, tail }: Parts, token: string): Buffer {
  const tokenBytes = Buffer.byteLength(token);
  const pushBytes = head.length + stringField(tokenBytes) + tail.length;
  const frame = Buffer.allocUnsafe(1 + varintSize(pushBytes) + pushBytes);
  frame[0] = SERVER_FRAME_PUSH;
  let at = writeVarint(frame, 1, pushBytes);
  frame.set(head, at);
  at = writeString(frame, at + head.length, PUSH_TOKEN, token, tokenBytes);
  frame.set(tail, at);
  return frame;
}

/** Field 3 (push) of ServerFrame: (3 << 3) | 2. Push's field tags likewise: (number << 3) | wire type. */
const SERVER_FRAME_PUSH = 0x1a;
const PUSH_MESSAGE_ID = 0x0a;
const PUSH_ACCESS_ID = 0x12;
const PUSH_TOKEN = 0x1a;
const PUSH_TYPE = 0x20;
const PUSH_TITLE = 0x2a;
const PUSH_CONTENT = 0x32;
const PUSH_CUSTOM_CONTENT = 0x3a;
const PUSH_EXPIRES_AT = 0x40;
const PUSH_PUSH_ID = 0x4a;
const PUSH_SENT_AT = 0x50;
const PUSH_BROADCAST = 0x58;

/**
 * The message of the last frame, and its fields around the token once a second
 * frame needed them. One slot, not a WeakMap entry per message (~0.2 µs each):
 * a message's frames are built in a row, and an interleaved one costs only a
 * whole frame.
 */
let lastMessage: PushMessage | undefined;
let lastParts: Parts | undefined;

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

/** A string field's size: absent when empty (proto3). */
function stringField(bytes: number): number {
  return bytes > 0 ? 1 + varintSize(bytes) + bytes : 0;
}

function writeString(into: Buffer, at: number, tag: number, text: string, bytes: number): number {
  if (bytes === 0) return at;
  into[at++] = tag;
  at = writeVarint(into, at, bytes);
  if (bytes === text.length && bytes <= SHORT_ASCII) {
    // ASCII (one byte per UTF-16 unit): a loop beats Buffer#write's call overhead on short text.
    for (let i = 0; i < bytes; i++) into[at + i] = text.charCodeAt(i);
    return at + bytes;
  }
  return at + into.write(text, at, bytes, 'utf8');
}

/** Up to this many bytes an ASCII string is copied in a loop (see writeString). */
const SHORT_ASCII = 64;

function isUint64(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** A uint64 field's size; absent when 0. */
function uint64Field(n: number): number {
  return n === 0 ? 0 : 1 + varintSize(n);
}

function writeUint64(into: Buffer, at: number, tag: number, n: number): number {
  if (n === 0) return at;
  into[at++] = tag;
  return writeVarint(into, at, n);
}

/** Varints of lengths and of uint64s up to 2^53: division, not 32-bit shifts, as ms since epoch pass 2^32. */
function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

function writeVarint(into: Uint8Array, at: number, n: number): number {
  while (n >= 0x80) {
    into[at++] = (n % 0x80) | 0x80;
    n = Math.floor(n / 0x80);
  }
  into[at++] = n;
  return at;
}
