// The fuzz run around the two fuzzers: seed the data dir with an app, resumable
// device sessions and offline push targets; take the state before; fuzz device
// frames and REST bodies at the same time; prove the server healthy (a new
// device registers, a push reaches it); and compare the state after with what
// the run saw accepted. Rejected input must have changed nothing.
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame, Platform } from '../../proto/codec.js';
import { hashSecret } from '../../gateway/hello.js';
import { basicAuthorization } from '../../src/api/index.js';
import { newCredentials } from '../../src/cli/app-commands.js';
import type { Stores } from '../../src/stores/types.js';
import { fuzzDevices, type DeviceFuzzReport } from './device-fuzzer.js';
import type { FuzzSession } from './frames.js';
import { fuzzRest, type RestFuzzReport } from './rest-fuzzer.js';

export interface FuzzData {
  app: { accessId: string; accessKey: string; secretKey: string };
  sessions: FuzzSession[];
  targets: string[];
}

export interface StateSnapshot {
  apps: string[];
  devices: number;
  pushes: number;
}

export interface FuzzOptions {
  wsUrl: string;
  httpUrl: string;
  frames: number;
  bodies: number;
  seed: number;
  maxBodyBytes: number;
  concurrency?: number;
}

export interface FuzzResult {
  devices: DeviceFuzzReport;
  rest: RestFuzzReport;
  health: { token: string; pushId: string };
  seconds: number;
}

/** An app, `sockets` device sessions the fuzz sockets resume, and `targets` registered tokens for pushes. */
export async function seedFuzzData(stores: Stores, sockets: number, targets: number): Promise<FuzzData> {
  const now = Date.now();
  const app = { ...newCredentials(), name: 'fuzz', createdAt: now };
  await stores.apps.create(app);
  const register = async (i: number, kind: string) => {
    const token = randomBytes(20).toString('hex');
    const tokenSecret = randomBytes(24).toString('base64url');
    await stores.devices.put({ token, accessId: app.accessId, tokenSecretHash: hashSecret(tokenSecret), deviceId: `${kind}-${i}`, platform: 'android', createdAt: now, lastSeenAt: now });
    return { accessId: app.accessId, accessKey: app.accessKey, token, tokenSecret };
  };
  const sessions = await Promise.all(Array.from({ length: sockets }, (_, i) => register(i, 'fuzz')));
  const targetSessions = await Promise.all(Array.from({ length: targets }, (_, i) => register(i, 'target')));
  return { app: { accessId: app.accessId, accessKey: app.accessKey, secretKey: app.secretKey }, sessions, targets: targetSessions.map((s) => s.token) };
}

export async function snapshot(stores: Stores, accessId: string): Promise<StateSnapshot> {
  let devices = 0;
  let cursor = '';
  do {
    const page = await stores.devices.scan(cursor, 5000);
    devices += page.devices.length;
    cursor = page.cursor;
  } while (cursor !== '');
  const pushes = (await stores.pushes.list(accessId, 0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).length;
  return { apps: (await stores.apps.list()).map((a) => a.accessId).sort(), devices, pushes };
}

/** What the state must be after the run: before, plus only what the run saw accepted. */
export function expectedAfter(before: StateSnapshot, result: FuzzResult): StateSnapshot {
  return { apps: before.apps, devices: before.devices + result.devices.newTokens.size + 1, pushes: before.pushes + result.rest.pushIds.size + 1 };
}

export async function runFuzz(data: FuzzData, options: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const [devices, rest] = await Promise.all([
    fuzzDevices({ url: options.wsUrl, sessions: data.sessions, frames: options.frames, seed: options.seed }),
    fuzzRest({ httpUrl: options.httpUrl, app: data.app, tokens: data.targets, bodies: options.bodies, seed: options.seed, maxBodyBytes: options.maxBodyBytes, concurrency: options.concurrency }),
  ]);
  const seconds = (Date.now() - started) / 1000;
  const health = await provedHealthy(data, options);
  return { devices, rest, health, seconds };
}

/** /healthz answers, a new device registers, and a push reaches it and is acked. Throws otherwise. */
export async function provedHealthy(data: FuzzData, options: Pick<FuzzOptions, 'wsUrl' | 'httpUrl'>): Promise<{ token: string; pushId: string }> {
  const health = await fetch(`${options.httpUrl}/healthz`);
  const status = ((await health.json()) as { status?: string }).status;
  if (health.status !== 200 || status !== 'ok') throw new Error(`/healthz answered ${health.status} ${status}`);
  const ws = new WebSocket(options.wsUrl);
  ws.binaryType = 'nodebuffer';
  const frames: Array<(f: ReturnType<typeof decodeServerFrame>) => boolean> = [];
  ws.on('message', (data: Buffer) => {
    const frame = decodeServerFrame(new Uint8Array(data));
    for (let i = 0; i < frames.length; i++) if (frames[i]!(frame)) frames.splice(i--, 1);
  });
  const next = (body: string) => new Promise<ReturnType<typeof decodeServerFrame>>((resolve, reject) => {
    ws.once('close', (code) => reject(new Error(`health device closed with ${code}`)));
    frames.push((f) => (f.body === body ? (resolve(f), true) : false));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const welcomed = next('welcome');
  ws.send(encodeClientFrame({ hello: { sdkVersion: 'fuzz', deviceId: 'health-check', platform: Platform.ANDROID, apps: [{ accessId: data.app.accessId, accessKey: data.app.accessKey }] } }));
  const token = (await welcomed).welcome!.apps![0]!.token!;
  const delivered = next('push');
  const res = await fetch(`${options.httpUrl}/v3/push/app`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basicAuthorization(data.app.accessId, data.app.secretKey) },
    body: JSON.stringify({ audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: 'health', content: 'after the fuzz' } }),
  });
  const answer = (await res.json()) as { ret_code: number; push_id: string };
  if (answer.ret_code !== 0) throw new Error(`health push answered ${JSON.stringify(answer)}`);
  const push = (await delivered).push!;
  if (push.pushId !== answer.push_id) throw new Error(`health device got push ${push.pushId}, expected ${answer.push_id}`);
  ws.send(encodeClientFrame({ ack: { messageIds: [push.messageId!] } }));
  ws.close(1000);
  await new Promise((resolve) => ws.once('close', resolve));
  return { token, pushId: answer.push_id };
}

const sorted = (counts: Map<number, number>) => [...counts].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}: ${v.toLocaleString('en-US')}`).join(', ') || '-';

export function formatReport(result: FuzzResult, before: StateSnapshot, after: StateSnapshot, serverErrors: Map<number, number>): string {
  const { devices: d, rest: r } = result;
  return [
    `fuzz run: ${result.seconds.toFixed(1)} s`,
    `device frames: ${d.framesSent.toLocaleString('en-US')} sent (${d.riskyFrames.toLocaleString('en-US')} mutated or misplaced after hello, the rest random content) over ${d.connections.toLocaleString('en-US')} connections, ${d.welcomes.toLocaleString('en-US')} welcomes, ${d.newTokens.size} new registrations`,
    `  close codes: ${sorted(d.closeCodes)}`,
    `  Error frames: ${sorted(d.errorCodes)}`,
    `  server homing_device_errors_total: ${sorted(serverErrors)}`,
    `  undecodable server frames: ${d.undecodableServerFrames}, hangs: ${d.hangs}`,
    `REST bodies: ${r.requests.toLocaleString('en-US')} sent, ${r.pushIds.size} pushes created`,
    `  HTTP statuses: ${sorted(r.statuses)}`,
    `  ret_codes: ${sorted(r.retCodes)}`,
    `  over-cap bodies refused unread (connection closed while sending): ${r.closedUnread}`,
    `  malformed answers or transport failures: ${r.malformed.length}${r.malformed.length ? ` (first: ${r.malformed[0]})` : ''}`,
    `healthy after: new device ${result.health.token.slice(0, 8)}… got push ${result.health.pushId}`,
    `state before: ${JSON.stringify(before)}`,
    `state after:  ${JSON.stringify(after)} (expected ${JSON.stringify(expectedAfter(before, result))})`,
  ].join('\n');
}

/** Parses homing_device_errors_total{code="…"} out of a Prometheus text page. */
export function deviceErrorsFromMetrics(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/^homing_device_errors_total\{code="(\d+)"\} (\d+)/gm)) counts.set(Number(m[1]), Number(m[2]));
  return counts;
}

/** Everything the run must show for it to pass; empty when it does. */
export function findings(result: FuzzResult, before: StateSnapshot, after: StateSnapshot, knownDeviceCodes: ReadonlySet<number>, knownRetCodes: ReadonlySet<number>): string[] {
  const out: string[] = [];
  const { devices: d, rest: r } = result;
  if (d.hangs > 0) out.push(`${d.hangs} device waits hung`);
  if (d.undecodableServerFrames > 0) out.push(`${d.undecodableServerFrames} server frames did not decode`);
  for (const code of d.closeCodes.keys()) if (!knownDeviceCodes.has(code)) out.push(`unknown close code ${code}`);
  for (const code of d.errorCodes.keys()) if (!knownDeviceCodes.has(code)) out.push(`unknown Error frame code ${code}`);
  for (const status of r.statuses.keys()) if (status !== 200) out.push(`HTTP ${status} answers: ${r.statuses.get(status)}`);
  for (const code of r.retCodes.keys()) if (!knownRetCodes.has(code)) out.push(`undocumented ret_code ${code}`);
  if (r.malformed.length > 0) out.push(`${r.malformed.length} malformed answers, first: ${r.malformed[0]}`);
  const expected = expectedAfter(before, result);
  if (JSON.stringify(after) !== JSON.stringify(expected)) out.push(`state changed beyond accepted input: ${JSON.stringify(after)} != ${JSON.stringify(expected)}`);
  return out;
}
