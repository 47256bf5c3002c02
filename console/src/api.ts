// The console's calls to /api/ (docs/console.md). The session cookie rides
// along by itself (same origin); the browser adds the Origin header the
// server checks on changes.
//
// The server's own shapes (types only: erased from the browser bundle).
import type { PushSummary } from '../../src/console/admin-views.js';
import type { LiveSample } from '../../src/console/live-figures.js';
import type { PushCounters as Counters } from '../../src/stores/types.js';

export type { Counters, LiveSample, PushSummary };

export type Role = 'admin' | 'operator' | 'viewer';

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly body: unknown) {
    super(message);
  }
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, json?.error ?? json?.err_msg ?? `HTTP ${res.status}`, json);
  return json as T;
}

export interface AppInfo {
  accessId: string;
  name: string;
  createdAt: number;
}

export interface TraceStep {
  step: string;
  at: number;
  time: string;
  node?: string;
  channel?: string;
  reason?: string;
}

/** Live figures from /api/live (server-sent events); returns a function that stops listening. */
export function onLive(listener: (sample: LiveSample) => void): () => void {
  const source = new EventSource('/api/live');
  source.addEventListener('live', (event) => listener(JSON.parse((event as MessageEvent).data)));
  return () => source.close();
}
