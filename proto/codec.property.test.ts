// Property tests of the device codec: every frame the schema allows survives a
// round trip, and no byte string makes decoding throw anything but
// FrameDecodeError (the gateway maps that one error to MALFORMED_FRAME).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeClientFrame, decodeServerFrame, encodeClientFrame, encodeServerFrame, FrameDecodeError,
  type ClientFrame, type ServerFrame,
} from './codec.js';

// uint64 fields decode as plain numbers (codec.ts turns Long off), exact up to 2^53.
const u64 = fc.maxSafeNat();
const u32 = fc.nat({ max: 0xffffffff });
const text = fc.string({ unit: 'grapheme', maxLength: 40 });

const registration = fc.record({ accessId: text, accessKey: text, token: text, tokenSecret: text }, { requiredKeys: [] });
const clientFrame: fc.Arbitrary<ClientFrame> = fc.oneof(
  fc.record({ hello: fc.record({ sdkVersion: text, deviceId: text, platform: fc.integer({ min: 0, max: 4 }), apps: fc.array(registration, { maxLength: 5 }) }, { requiredKeys: [] }) }),
  fc.record({ ping: fc.record({ clientTime: u64 }, { requiredKeys: [] }) }),
  fc.record({ ack: fc.record({ messageIds: fc.array(text, { maxLength: 20 }) }) }),
  fc.record({ click: fc.record({ messageId: text, accessId: text, action: text, clickedAt: u64 }, { requiredKeys: [] }) }),
);

const serverFrame: fc.Arbitrary<ServerFrame> = fc.oneof(
  fc.record({
    welcome: fc.record({
      apps: fc.array(fc.record({ accessId: text, token: text, tokenSecret: text, resumed: fc.boolean() }, { requiredKeys: [] }), { maxLength: 5 }),
      heartbeatIntervalMs: u32, nodeId: text, maxFrameBytes: u32,
    }, { requiredKeys: [] }),
  }),
  fc.record({ pong: fc.record({ clientTime: u64, serverTime: u64 }, { requiredKeys: [] }) }),
  fc.record({
    push: fc.record({
      messageId: text, accessId: text, token: text, type: fc.integer({ min: 0, max: 2 }), title: text, content: text,
      customContent: text, expiresAt: u64, pushId: text, sentAt: u64,
    }, { requiredKeys: [] }),
  }),
  fc.record({ error: fc.record({ code: u32, message: text, retryable: fc.boolean(), accessId: text }, { requiredKeys: [] }) }),
  fc.record({ goaway: fc.record({ reason: text, reconnectAfterMs: u32 }, { requiredKeys: [] }) }),
);

/**
 * `decoded` read through the fields of `shape` (the frame that was encoded):
 * set fields as they came back, unset ones as the message reads them (its
 * defaults). proto3 leaves default values off the wire, so this is the only
 * view in which sent-as-default and left-out agree.
 */
function readBack(decoded: unknown, shape: unknown): unknown {
  if (Array.isArray(shape)) return (decoded as unknown[]).map((item, i) => readBack(item, shape[i]));
  if (typeof shape !== 'object' || shape === null) return decoded;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) out[key] = readBack((decoded as Record<string, unknown>)[key], (shape as Record<string, unknown>)[key]);
  return out;
}

/** The frame with every default-valued field dropped: what the wire can carry. */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === 0 || field === '' || field === false || (Array.isArray(field) && field.length === 0)) continue;
    out[key] = withoutDefaults(field);
  }
  return out;
}

/** Own properties of a decoded message: the fields that were on the wire. */
function onWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(onWire);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (!(Array.isArray(field) && field.length === 0)) out[key] = onWire(field);
  return out;
}

/** Decodes or throws FrameDecodeError; any other outcome fails the property. */
function decodesOrRefuses(decode: (b: Uint8Array) => unknown, bytes: Uint8Array): void {
  try {
    decode(bytes);
  } catch (err) {
    if (!(err instanceof FrameDecodeError)) throw new Error(`decode threw ${String(err)}, not a FrameDecodeError`);
  }
}

/** A valid frame with a few bytes overwritten, cut short or extended: garbage close to real input. */
function mutated(frames: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(frames, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(), fc.uint8Array({ maxLength: 8 }))
    .map(([frame, flips, cut, tail]) => {
      const out = Uint8Array.from(frame);
      for (const [at, value] of flips) if (out.length > 0) out[at % out.length] = value;
      const kept = out.subarray(0, out.length === 0 ? 0 : cut % (out.length + 1));
      return Uint8Array.from([...kept, ...tail]);
    });
}

describe('device codec properties', () => {
  it('round-trips every client frame the schema allows', () => {
    fc.assert(fc.property(clientFrame, (frame) => {
      const decoded = decodeClientFrame(encodeClientFrame(frame));
      expect(readBack(decoded, frame)).toEqual(frame);
      expect(onWire(decoded)).toEqual(withoutDefaults(frame));
    }), { numRuns: 2000 });
  });

  it('round-trips every server frame the schema allows', () => {
    fc.assert(fc.property(serverFrame, (frame) => {
      const decoded = decodeServerFrame(encodeServerFrame(frame));
      expect(readBack(decoded, frame)).toEqual(frame);
      expect(onWire(decoded)).toEqual(withoutDefaults(frame));
    }), { numRuns: 2000 });
  });

  it('names the one body that was set', () => {
    fc.assert(fc.property(clientFrame, (frame) => {
      expect(decodeClientFrame(encodeClientFrame(frame)).body).toBe(Object.keys(frame)[0]);
    }));
  });

  it('arbitrary bytes decode or throw FrameDecodeError, nothing else', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
      decodesOrRefuses(decodeClientFrame, bytes);
      decodesOrRefuses(decodeServerFrame, bytes);
    }), { numRuns: 20_000 });
  });

  it('mutated valid frames decode or throw FrameDecodeError, nothing else', () => {
    fc.assert(fc.property(mutated(clientFrame.map(encodeClientFrame)), (bytes) => decodesOrRefuses(decodeClientFrame, bytes)), { numRuns: 10_000 });
    fc.assert(fc.property(mutated(serverFrame.map(encodeServerFrame)), (bytes) => decodesOrRefuses(decodeServerFrame, bytes)), { numRuns: 10_000 });
  });

  it('refuses deep group nesting and truncation with FrameDecodeError', () => {
    // 0x0b opens a group on field 1 again and again: protobufjs stops at its depth limit.
    expect(() => decodeClientFrame(new Uint8Array(16_384).fill(0x0b))).toThrow(FrameDecodeError);
    const hello = encodeClientFrame({ hello: { deviceId: 'd', apps: [{ accessId: 'a', accessKey: 'k' }] } });
    expect(() => decodeClientFrame(hello.subarray(0, hello.length - 1))).toThrow(FrameDecodeError);
  });
});
