// A local APNs for tests: HTTP/2 over TLS (certificate from tls-cert.ts) that
// checks what Apple checks — the provider token's ES256 signature, key id,
// team id and age; the path, method, topic, push type, priority, expiration,
// collapse id; a JSON payload of at most 4 KB — and answers with Apple's status
// codes and {"reason"} bodies. Device tokens are registered by the test; any
// other well-formed token is BadDeviceToken. It can send GOAWAY on demand.
import { randomUUID, verify, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createSecureServer, constants, type Http2SecureServer, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { makeTestTls, type TestTls } from './tls-cert.js';

export interface FakeApnsOptions {
  teamId: string;
  keyId: string;
  /** The public half of the .p8 key the provider signs with. */
  publicKey: KeyObject;
  /** Topics the key may push to. */
  bundleIds: string[];
  tls?: TestTls;
  /** The fake's clock (s) for the token-age check; defaults to the real one. */
  nowSeconds?: () => number;
}

export interface ApnsSeen {
  deviceToken: string;
  headers: IncomingHttpHeaders;
  payload: Record<string, unknown> | undefined;
  jwt: string;
  status: number;
  reason?: string;
}

interface Scripted {
  status: number;
  reason: string;
  headers?: Record<string, string>;
}

const PAYLOAD_LIMIT = 4096;
const PUSH_TYPES = ['alert', 'background', 'location', 'voip', 'complication', 'fileprovider', 'mdm', 'liveactivity'];

export class FakeApns {
  readonly tls: TestTls;
  readonly seen: ApnsSeen[] = [];
  /** Every provider token seen, in order of first use. */
  readonly jwts: string[] = [];
  /** HTTP/2 sessions accepted so far. */
  sessionCount = 0;
  private readonly server: Http2SecureServer;
  private readonly sessions = new Set<Http2Session>();
  private readonly valid = new Set<string>();
  private readonly retired = new Map<string, number>();
  private readonly scripted = new Map<string, Scripted[]>();
  private holding: Array<{ stream: ServerHttp2Stream; headers: IncomingHttpHeaders; body: Buffer }> | undefined;
  private readonly waiters: Array<{ count: number; resolve(): void }> = [];
  url = '';

  constructor(private readonly options: FakeApnsOptions) {
    this.tls = options.tls ?? makeTestTls();
    this.server = createSecureServer({ key: this.tls.key, cert: this.tls.cert });
    this.server.on('session', (session) => {
      this.sessionCount++;
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
      session.on('error', () => {});
    });
    this.server.on('stream', (stream, headers) => this.onStream(stream, headers));
  }

  async listen(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A device token APNs delivers to. */
  register(deviceToken: string): void {
    this.valid.add(deviceToken.toLowerCase());
  }

  /** The app was uninstalled: 410 Unregistered from now on. */
  unregister(deviceToken: string): void {
    this.retired.set(deviceToken.toLowerCase(), Date.now());
  }

  /** The next requests for this token get these answers, in order, before the normal one. */
  script(deviceToken: string, ...answers: Scripted[]): void {
    const list = this.scripted.get(deviceToken.toLowerCase()) ?? [];
    list.push(...answers);
    this.scripted.set(deviceToken.toLowerCase(), list);
  }

  /** Streams arriving from now on are held unanswered until release(). */
  hold(): void {
    this.holding = [];
  }

  /** Resolves once `count` requests have been received in all. */
  received(count: number): Promise<void> {
    if (this.seen.length + (this.holding?.length ?? 0) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Held streams, not yet answered. */
  get heldCount(): number {
    return this.holding?.length ?? 0;
  }

  /** Answers the held streams normally; new ones are still held. */
  release(): void {
    for (const { stream, headers, body } of this.holding?.splice(0) ?? []) this.answer(stream, headers, body);
  }

  /** Resolves when every session has answered a PING: frames the client sent before it have all arrived. */
  async ping(): Promise<void> {
    await Promise.all([...this.sessions].map((s) => new Promise<void>((resolve, reject) => s.ping((err) => (err ? reject(err) : resolve())))));
  }

  /**
   * Sends GOAWAY (NO_ERROR, last stream id 0, Apple's JSON debug data) on every
   * session, as APNs does before it shuts a connection: streams the client opens
   * after it are not processed, and the client must connect anew.
   */
  goaway(): void {
    for (const session of this.sessions) session.goaway(constants.NGHTTP2_NO_ERROR, 0, Buffer.from('{"reason":"Shutdown"}'));
  }

  /** Resets the held streams with REFUSED_STREAM (never processed, safe to resend), stops holding, then GOAWAY. */
  refuseHeld(): void {
    for (const { stream } of this.holding?.splice(0) ?? []) stream.close(constants.NGHTTP2_REFUSED_STREAM);
    this.holding = undefined;
    this.goaway();
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    this.server.close();
    await once(this.server, 'close');
  }

  private notify(): void {
    const total = this.seen.length + (this.holding?.length ?? 0);
    for (const w of this.waiters.splice(0)) {
      if (total >= w.count) w.resolve();
      else this.waiters.push(w);
    }
  }

  private onStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    stream.on('error', () => {});
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      if (this.holding) {
        this.holding.push({ stream, headers, body: Buffer.concat(chunks) });
        this.notify();
        return;
      }
      this.answer(stream, headers, Buffer.concat(chunks));
    });
  }

  private answer(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, body: Buffer): void {
    const path = String(headers[':path'] ?? '');
    const deviceToken = path.startsWith('/3/device/') ? path.slice('/3/device/'.length).toLowerCase() : '';
    const jwt = String(headers.authorization ?? '').replace(/^bearer /, '');
    if (jwt && !this.jwts.includes(jwt)) this.jwts.push(jwt);
    let payload: Record<string, unknown> | undefined;
    try {
      payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      payload = undefined;
    }
    const [status, reason, extra] = this.judge(headers, deviceToken, jwt, body, payload);
    this.seen.push({ deviceToken, headers, payload, jwt, status, ...(reason ? { reason } : {}) });
    const out: Record<string, string | number> = { ':status': status, 'apns-id': String(headers['apns-id'] ?? randomUUID()), ...extra };
    if (!reason) {
      stream.respond(out, { endStream: true });
    } else {
      stream.respond({ ...out, 'content-type': 'application/json' });
      stream.end(JSON.stringify(status === 410 ? { reason, timestamp: this.retired.get(deviceToken) ?? Date.now() } : { reason }));
    }
    this.notify();
  }

  /** Apple's checks, in the order its documentation lists the errors. */
  private judge(
    h: IncomingHttpHeaders,
    token: string,
    jwt: string,
    body: Buffer,
    payload: Record<string, unknown> | undefined,
  ): [number, string | undefined, Record<string, string>?] {
    if (h[':method'] !== 'POST') return [405, 'MethodNotAllowed'];
    if (!String(h[':path']).startsWith('/3/device/')) return [404, 'BadPath'];
    if (!token) return [400, 'MissingDeviceToken'];
    const auth = this.checkJwt(jwt);
    if (auth) return [403, auth];
    const topic = h['apns-topic'];
    if (!topic) return [400, 'MissingTopic'];
    if (!this.options.bundleIds.includes(String(topic))) return [400, 'TopicDisallowed'];
    const pushType = String(h['apns-push-type'] ?? '');
    if (!PUSH_TYPES.includes(pushType)) return [400, 'InvalidPushType'];
    const priority = h['apns-priority'];
    if (priority !== undefined && !['1', '5', '10'].includes(String(priority))) return [400, 'BadPriority'];
    if (pushType === 'background' && priority !== '5') return [400, 'BadPriority'];
    const expiration = h['apns-expiration'];
    if (expiration !== undefined && !/^\d+$/.test(String(expiration))) return [400, 'BadExpirationDate'];
    const collapse = h['apns-collapse-id'];
    if (collapse !== undefined && Buffer.byteLength(String(collapse)) > 64) return [400, 'BadCollapseId'];
    if (body.length === 0) return [400, 'PayloadEmpty'];
    if (body.length > PAYLOAD_LIMIT) return [413, 'PayloadTooLarge'];
    if (!payload || typeof payload.aps !== 'object') return [400, 'BadRequest'];
    const script = this.scripted.get(token)?.shift();
    if (script) return [script.status, script.reason, script.headers];
    if (!/^[0-9a-f]{64}$/.test(token)) return [400, 'BadDeviceToken'];
    if (this.retired.has(token)) return [410, 'Unregistered'];
    if (!this.valid.has(token)) return [400, 'BadDeviceToken'];
    return [200, undefined];
  }

  private checkJwt(jwt: string): string | undefined {
    if (!jwt) return 'MissingProviderToken';
    const parts = jwt.split('.');
    if (parts.length !== 3) return 'InvalidProviderToken';
    try {
      const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString()) as { alg?: string; kid?: string };
      const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()) as { iss?: string; iat?: number };
      if (header.alg !== 'ES256' || header.kid !== this.options.keyId || claims.iss !== this.options.teamId) return 'InvalidProviderToken';
      const signed = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key: this.options.publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(parts[2]!, 'base64url'));
      if (!signed) return 'InvalidProviderToken';
      const now = this.options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
      if (typeof claims.iat !== 'number' || now - claims.iat > 3600) return 'ExpiredProviderToken';
    } catch {
      return 'InvalidProviderToken';
    }
    return undefined;
  }
}
