// The one door to the generated protobuf code: frame types and encode/decode.
// Server, SDK, load test and benchmarks all speak the protocol through here.
import $protobuf from 'protobufjs/minimal.js';
import { homing } from './generated/device.js';

// 64-bit fields (timestamps in ms) decode as plain numbers, not Long objects;
// ms timestamps stay far below 2^53.
$protobuf.util.Long = undefined as never;
$protobuf.configure();

const P = homing.device;

// The generated prototypes took their 64-bit defaults (what an absent field
// reads as) while Long was still on; make those plain 0 too, so a frame reads
// the same whether a field was sent as 0 or left out.
for (const type of Object.values(P)) {
  if (typeof type !== 'function') continue;
  const proto = type.prototype as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    const value = proto[key];
    if (typeof value === 'object' && value !== null && 'low' in value && 'high' in value && 'unsigned' in value) proto[key] = 0;
  }
}

export const MessageType = P.MessageType;
export type MessageType = homing.device.MessageType;
export const Platform = P.Platform;
export type Platform = homing.device.Platform;
export const PushProvider = P.PushProvider;
export type PushProvider = homing.device.PushProvider;

export type ClientFrame = homing.device.ClientFrame.$Properties;
export type ServerFrame = homing.device.ServerFrame.$Properties;
export type Hello = homing.device.Hello.$Properties;
export type AppRegistration = homing.device.AppRegistration.$Properties;
export type Welcome = homing.device.Welcome.$Properties;
export type AppSession = homing.device.AppSession.$Properties;
export type PushFrame = homing.device.Push.$Properties;
export type ErrorFrame = homing.device.Error.$Properties;
export type Goaway = homing.device.Goaway.$Properties;
export const TagOperation = P.TagOperation;
export type TagOperation = homing.device.TagOperation;
export const AccountOperation = P.AccountOperation;
export type AccountOperation = homing.device.AccountOperation;
export type TagChange = homing.device.TagChange.$Properties;
export type AccountChange = homing.device.AccountChange.$Properties;
export type ResultFrame = homing.device.Result.$Properties;

/** A decoded client frame; `body` names the one field that is set. */
export type DecodedClientFrame = homing.device.ClientFrame;
export type DecodedServerFrame = homing.device.ServerFrame;

export function encodeClientFrame(frame: ClientFrame): Uint8Array {
  return P.ClientFrame.encode(frame).finish();
}

export function encodeServerFrame(frame: ServerFrame): Uint8Array {
  return P.ServerFrame.encode(frame).finish();
}

/**
 * The one error decoding throws, whatever the bytes: protobufjs throws Error
 * and RangeError with several messages (bad wire type, truncated field, nesting
 * past its depth limit), and callers should not have to know which.
 */
export class FrameDecodeError extends Error {
  constructor(kind: 'ClientFrame' | 'ServerFrame', cause: unknown) {
    super(`bytes are not a ${kind}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'FrameDecodeError';
  }
}

/** Throws FrameDecodeError on bytes that are not a ClientFrame. */
export function decodeClientFrame(bytes: Uint8Array): DecodedClientFrame {
  try {
    return P.ClientFrame.decode(bytes);
  } catch (err) {
    throw new FrameDecodeError('ClientFrame', err);
  }
}

/** Throws FrameDecodeError on bytes that are not a ServerFrame. */
export function decodeServerFrame(bytes: Uint8Array): DecodedServerFrame {
  try {
    return P.ServerFrame.decode(bytes);
  } catch (err) {
    throw new FrameDecodeError('ServerFrame', err);
  }
}
