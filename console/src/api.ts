// The console's calls to /api/ (docs/console.md). The session cookie rides
// along by itself (same origin); the browser adds the Origin header the
// server checks on changes.
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

export interface Counters {
  targets: number;
  online: number;
  offline: number;
  arrived: number;
  clicked: number;
  expired: number;
  failed: Record<string, number>;
  /** Accepted by APNs / by FCM; absent on pushes that used neither. */
  apns?: number;
  fcm?: number;
}

export interface PushSummary {
  pushId: string;
  accessId: string;
  createdAt: number;
  audienceType: string;
  messageType: string;
  title: string;
  content: string;
  expireTime: number;
  counters: Counters;
}

export interface TraceStep {
  step: string;
  at: number;
  time: string;
  node?: string;
  channel?: string;
  reason?: string;
}

export interface LiveSample {
  id: number;
  at: number;
  node: string;
  connectedDevices: number;
  connectedSockets: number;
  pushesPerSecond: number;
  deliveriesPerSecond: number;
  acksPerSecond: number;
}

/** Live figures from /api/live (server-sent events); returns a function that stops listening. */
export function onLive(listener: (sample: LiveSample) => void): () => void {
  const source = new EventSource('/api/live');
  source.addEventListener('live', (event) => listener(JSON.parse((event as MessageEvent).data)));
  return () => source.close();
}
