// The one door to the generated protobuf code: frame types and encode/decode.
// Server, SDK, load test and benchmarks all speak the protocol through here.
import $protobuf from 'protobufjs/minimal.js';
import { homing } from './generated/device.js';

// 64-bit fields (timestamps in ms) decode as plain numbers, not Long objects;
// ms timestamps stay far below 2^53.
$protobuf.util.Long = undefined as never;
$protobuf.configure();

const P = homing.device;

export const MessageType = P.MessageType;
export type MessageType = homing.device.MessageType;
export const Platform = P.Platform;
export type Platform = homing.device.Platform;

export type ClientFrame = homing.device.ClientFrame.$Properties;
export type ServerFrame = homing.device.ServerFrame.$Properties;
export type Hello = homing.device.Hello.$Properties;
export type AppRegistration = homing.device.AppRegistration.$Properties;
export type Welcome = homing.device.Welcome.$Properties;
export type AppSession = homing.device.AppSession.$Properties;
export type PushFrame = homing.device.Push.$Properties;
export type ErrorFrame = homing.device.Error.$Properties;
export type Goaway = homing.device.Goaway.$Properties;

/** A decoded client frame; `body` names the one field that is set. */
export type DecodedClientFrame = homing.device.ClientFrame;
export type DecodedServerFrame = homing.device.ServerFrame;

export function encodeClientFrame(frame: ClientFrame): Uint8Array {
  return P.ClientFrame.encode(frame).finish();
}

export function encodeServerFrame(frame: ServerFrame): Uint8Array {
  return P.ServerFrame.encode(frame).finish();
}

/** Throws on bytes that are not a ClientFrame. */
export function decodeClientFrame(bytes: Uint8Array): DecodedClientFrame {
  return P.ClientFrame.decode(bytes);
}

/** Throws on bytes that are not a ServerFrame. */
export function decodeServerFrame(bytes: Uint8Array): DecodedServerFrame {
  return P.ServerFrame.decode(bytes);
}
