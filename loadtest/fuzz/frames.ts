// Device frames for the fuzzer: well-formed frames with random content, and
// byte-level mutations of them (bit flips, overwrites, cuts, inserts, splices,
// varint bombs, pure garbage). `safe` frames are ones a ready session takes
// without closing (acks, clicks, pings with any content); everything else may
// close the socket, which is the point.
import { encodeClientFrame, Platform, type AppRegistration, type ClientFrame } from '../../proto/codec.js';
import type { Random } from './random.js';

export interface FuzzSession {
  accessId: string;
  accessKey: string;
  token: string;
  tokenSecret: string;
}

export interface FuzzFrame {
  bytes: Uint8Array;
  /** Sent as a text frame (the protocol is binary only). */
  text?: boolean;
}

const PLATFORMS = [Platform.ANDROID, Platform.IOS, Platform.WEB, Platform.OTHER, Platform.PLATFORM_UNSPECIFIED, 7, -1];

function randomId(rnd: Random): string {
  return rnd.weighted<() => string>([
    [5, () => String(rnd.int(1_000_000_000))],
    [2, () => rnd.text(40)],
    [1, () => 'x'.repeat(rnd.int(300))],
    [1, () => ''],
  ])();
}

/** Acks, clicks and pings with random content: a ready session ignores what it does not know. */
export function safeFrame(rnd: Random, session: FuzzSession): Uint8Array {
  const frame: ClientFrame = rnd.weighted<() => ClientFrame>([
    [5, () => ({ ack: { messageIds: Array.from({ length: rnd.int(30) }, () => randomId(rnd)) } })],
    [3, () => ({ click: { messageId: randomId(rnd), accessId: rnd.chance(0.5) ? session.accessId : randomId(rnd), action: rnd.text(12), clickedAt: rnd.int(2 ** 31) * 1000 } })],
    [2, () => ({ ping: { clientTime: rnd.chance(0.5) ? 0 : rnd.int(2 ** 31) * 1000 + rnd.int(1000) } })],
  ])();
  return encodeClientFrame(frame);
}

/** A hello: usually the session's valid resume, otherwise one of the ways a hello goes wrong. */
export function helloFrame(rnd: Random, session: FuzzSession, others: readonly FuzzSession[]): Uint8Array {
  const valid: AppRegistration = { accessId: session.accessId, accessKey: session.accessKey, token: session.token, tokenSecret: session.tokenSecret };
  const apps: AppRegistration[] = rnd.weighted<() => AppRegistration[]>([
    [12, () => [valid]],
    [1, () => []],
    [1, () => Array.from({ length: 17 + rnd.int(10) }, () => ({ ...valid }))],
    [1, () => [{ ...valid, accessKey: rnd.text(12) }]],
    [1, () => [{ ...valid, accessId: String(1_500_000_000 + rnd.int(100_000_000)) }]],
    [1, () => [{ ...valid, tokenSecret: rnd.text(30) }]],
    [1, () => [{ ...valid, token: rnd.text(40) }]],
    [1, () => [{ ...valid, tokenSecret: '' }]],
    [1, () => [{ ...valid, accessId: '' }]],
    [1, () => [valid, { ...valid }]],
    [1, () => [{ ...valid, token: rnd.pick(others).token, tokenSecret: rnd.pick(others).tokenSecret }]],
  ])();
  const deviceId = rnd.weighted<() => string>([[12, () => `fuzz-${session.token.slice(0, 8)}`], [1, () => ''], [1, () => 'd'.repeat(129 + rnd.int(100))], [1, () => rnd.text(60)]])();
  return encodeClientFrame({ hello: { sdkVersion: rnd.text(10), deviceId, platform: rnd.pick(PLATFORMS), apps } });
}

/** Anything but a safe frame: byte mutations of real frames, frames in the wrong place, oversize, text. */
export function riskyFrame(rnd: Random, session: FuzzSession, others: readonly FuzzSession[]): FuzzFrame {
  const base = () => (rnd.chance(0.3) ? helloFrame(rnd, session, others) : safeFrame(rnd, session));
  return rnd.weighted<() => FuzzFrame>([
    [30, () => ({ bytes: mutate(rnd, base(), base()) })],
    [4, () => ({ bytes: rnd.bytes(rnd.int(64)) })],
    [2, () => ({ bytes: new Uint8Array(0) })],
    [3, () => ({ bytes: helloFrame(rnd, session, others) })], // a second hello
    [2, () => ({ bytes: encodeClientFrame({}) })], // no body
    [2, () => ({ bytes: Uint8Array.from([0x2a + rnd.int(8) * 8, rnd.int(128)]) })], // an unknown field
    [1, () => ({ bytes: encodeClientFrame({ ack: { messageIds: ['y'.repeat(17_000 + rnd.int(30_000))] } }) })], // past max_frame_bytes
    [1, () => ({ bytes: new TextEncoder().encode(rnd.text(40)), text: true })],
  ])();
}

/** One to four byte-level mutations of `frame`; `other` is there to splice from. */
export function mutate(rnd: Random, frame: Uint8Array, other: Uint8Array): Uint8Array {
  let out: Uint8Array = Uint8Array.from(frame);
  const rounds = 1 + rnd.int(4);
  for (let i = 0; i < rounds; i++) {
    const at = out.length === 0 ? 0 : rnd.int(out.length);
    out = rnd.weighted<() => Uint8Array>([
      [4, () => { const c = Uint8Array.from(out); if (c.length) c[at] = c[at]! ^ (1 << rnd.int(8)); return c; }],
      [3, () => { const c = Uint8Array.from(out); if (c.length) c[at] = rnd.int(256); return c; }],
      [3, () => out.subarray(0, at)],
      [2, () => concat(out.subarray(0, at), rnd.bytes(1 + rnd.int(8)), out.subarray(at))],
      [1, () => concat(out.subarray(0, at), out.subarray(at, at + 1 + rnd.int(16)), out.subarray(at))],
      [2, () => concat(out.subarray(0, at), other.subarray(rnd.int(other.length + 1)))],
      // A length or varint that claims far more than there is.
      [2, () => concat(out.subarray(0, at), Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f]), out.subarray(at + 1))],
    ])();
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
