// Hand-written protobuf for the k6 device scenario. k6 runs its own
// JavaScript engine (no npm packages, no protobufjs, no TextEncoder), so the few
// frames a device needs are encoded here byte by byte, following
// proto/device.proto. Only what a load test needs: Hello, Ping and Ack out;
// Welcome (tokens, heartbeat), Push (message_id, sent_at), Error and Goaway in.
// loadtest/k6-frames.test.ts checks these bytes against proto/codec.ts.

export interface K6App {
  accessId: string;
  accessKey: string;
  token?: string;
  tokenSecret?: string;
}

export type K6ServerFrame =
  | { kind: 'welcome'; apps: Array<{ accessId: string; token: string; tokenSecret: string }>; heartbeatIntervalMs: number }
  | { kind: 'push'; messageId: string; sentAt: number }
  | { kind: 'pong' }
  | { kind: 'error'; code: number; message: string }
  | { kind: 'goaway'; reconnectAfterMs: number }
  | { kind: 'unknown' };

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function fromUtf8(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i++]!;
    let c = b;
    if (b >= 0xf0) c = ((b & 7) << 18) | ((bytes[i++]! & 63) << 12) | ((bytes[i++]! & 63) << 6) | (bytes[i++]! & 63);
    else if (b >= 0xe0) c = ((b & 15) << 12) | ((bytes[i++]! & 63) << 6) | (bytes[i++]! & 63);
    else if (b >= 0xc0) c = ((b & 31) << 6) | (bytes[i++]! & 63);
    s += String.fromCodePoint(c);
  }
  return s;
}

/** Varint of a non-negative integer up to 2^53 (ms timestamps): arithmetic, not 32-bit shifts. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

/** Field `field` with wire type 2 (length-delimited); proto3 omits empty strings and messages stay. */
function lengthDelimited(field: number, bytes: number[]): number[] {
  return [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];
}

function stringField(field: number, text: string | undefined): number[] {
  return text ? lengthDelimited(field, utf8(text)) : [];
}

function toBuffer(bytes: number[]): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

export function encodeHello(deviceId: string, apps: K6App[], sdkVersion = 'k6'): ArrayBuffer {
  const hello: number[] = [...stringField(1, sdkVersion), ...stringField(2, deviceId), 0x18, 4 /* platform = OTHER */];
  for (const app of apps) {
    hello.push(...lengthDelimited(4, [
      ...stringField(1, app.accessId), ...stringField(2, app.accessKey), ...stringField(3, app.token), ...stringField(4, app.tokenSecret),
    ]));
  }
  return toBuffer(lengthDelimited(1, hello));
}

export function encodePing(clientTime: number): ArrayBuffer {
  return toBuffer(lengthDelimited(2, clientTime > 0 ? [0x08, ...varint(clientTime)] : []));
}

export function encodeAck(messageIds: string[]): ArrayBuffer {
  return toBuffer(lengthDelimited(3, messageIds.flatMap((id) => lengthDelimited(1, utf8(id)))));
}

/** Fields of one message: number → last value (varint as number, bytes as a view); repeated bytes fields collected. */
function readFields(bytes: Uint8Array): { scalars: Map<number, number | Uint8Array>; repeated: Map<number, Uint8Array[]> } {
  const scalars = new Map<number, number | Uint8Array>();
  const repeated = new Map<number, Uint8Array[]>();
  let i = 0;
  const readVarint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[i++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
  };
  while (i < bytes.length) {
    const key = readVarint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) scalars.set(field, readVarint());
    else if (wire === 2) {
      const len = readVarint();
      const value = bytes.subarray(i, i + len);
      i += len;
      scalars.set(field, value);
      const list = repeated.get(field) ?? [];
      list.push(value);
      repeated.set(field, list);
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return { scalars, repeated };
}

const text = (v: number | Uint8Array | undefined) => (v instanceof Uint8Array ? fromUtf8(v) : '');
const num = (v: number | Uint8Array | undefined) => (typeof v === 'number' ? v : 0);

export function decodeServerFrame(data: ArrayBuffer): K6ServerFrame {
  const frame = readFields(new Uint8Array(data)).scalars;
  const [field, body] = [...frame.entries()][0] ?? [0, undefined];
  if (!(body instanceof Uint8Array)) return { kind: 'unknown' };
  const { scalars, repeated } = readFields(body);
  switch (field) {
    case 1:
      return {
        kind: 'welcome',
        heartbeatIntervalMs: num(scalars.get(2)),
        apps: (repeated.get(1) ?? []).map((a) => {
          const s = readFields(a).scalars;
          return { accessId: text(s.get(1)), token: text(s.get(2)), tokenSecret: text(s.get(3)) };
        }),
      };
    case 2:
      return { kind: 'pong' };
    case 3:
      return { kind: 'push', messageId: text(scalars.get(1)), sentAt: num(scalars.get(10)) };
    case 4:
      return { kind: 'error', code: num(scalars.get(1)), message: text(scalars.get(2)) };
    case 5:
      return { kind: 'goaway', reconnectAfterMs: num(scalars.get(2)) };
    default:
      return { kind: 'unknown' };
  }
}
