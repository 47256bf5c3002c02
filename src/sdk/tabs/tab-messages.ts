// What the tabs of one site say to each other over a BroadcastChannel.
// The leader (the tab holding the socket) announces its state, every event
// and every push; followers ask for the state when they join, and hand
// clicks, token resets and reconnect requests to the leader. Every message
// is structured-clone data: no class instances, no functions.
import { HomingClientError } from '../errors.js';
import type { AppSession, ClientState, ConnectionInfo, DisconnectInfo, GoawayInfo, Push } from '../types.js';

/** An Error as it crosses tabs (structured clone drops subclasses and extra fields). */
export interface ErrorData {
  name: string;
  message: string;
  /** Set for a HomingClientError: the close code the client gave up on. */
  code?: number;
}

export type LeaderMessage =
  | { kind: 'state'; state: ClientState; sessions: AppSession[] }
  | { kind: 'connected'; info: ConnectionInfo }
  | { kind: 'registered'; sessions: AppSession[] }
  | { kind: 'disconnected'; info: DisconnectInfo }
  | { kind: 'goaway'; info: GoawayInfo }
  | { kind: 'error'; error: ErrorData }
  | { kind: 'push'; push: Push };

export type FollowerMessage =
  | { kind: 'hello' }
  | { kind: 'click'; accessId: string; messageId: string; action: string }
  | { kind: 'forget'; accessId: string }
  | { kind: 'retry' };

export type TabMessage = (LeaderMessage | FollowerMessage) & { from: string };

/** The part of BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

export type ChannelConstructor = new (name: string) => ChannelLike;

export function errorData(error: Error): ErrorData {
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'number' ? { code } : {}) };
}

/** The Error again, a HomingClientError when it was one (same code and message). */
export function errorFromData(data: ErrorData): Error {
  if (data.code === undefined) return Object.assign(new Error(data.message), { name: data.name });
  const error = new HomingClientError(data.code, '');
  error.message = data.message;
  return error;
}

const LEADER_KINDS = new Set(['state', 'connected', 'registered', 'disconnected', 'goaway', 'error', 'push']);

export function isLeaderMessage(m: TabMessage): m is LeaderMessage & { from: string } {
  return LEADER_KINDS.has(m.kind);
}

/** Messages from other code on the same channel name are ignored, not trusted. */
export function asTabMessage(data: unknown): TabMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as { kind?: unknown; from?: unknown };
  return typeof m.kind === 'string' && typeof m.from === 'string' ? (data as TabMessage) : undefined;
}
