// A local FCM for tests, over HTTPS with a test certificate: Google's OAuth2
// token endpoint (a jwt-bearer grant whose RS256 assertion it verifies against
// the service account's public key, issuer, audience, scope and lifetime) and
// FCM HTTP v1 messages:send (checks the bearer token, the project and the
// message shape, and answers Google's error bodies). Registration tokens are
// registered by the test; unknown ones are INVALID_ARGUMENT as in production.
import { randomBytes, verify, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTestTls, type TestTls } from './tls-cert.js';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

export interface FakeFcmOptions {
  projectId: string;
  clientEmail: string;
  privateKeyId: string;
  /** The service account key's public half. */
  publicKey: KeyObject;
  /** expires_in of issued access tokens. */
  tokenSeconds?: number;
  tls?: TestTls;
  /** The fake's clock (ms) for assertion and token lifetimes. */
  now?: () => number;
}

/** An FcmError code (UNREGISTERED, QUOTA_EXCEEDED, …) the next send to a token gets. */
export interface FcmScripted {
  errorCode: string;
  retryAfter?: string;
  /** With INVALID_ARGUMENT: answer a google.rpc.BadRequest naming this field instead (a payload problem). */
  field?: string;
}

export interface FcmSeen {
  authorization: string;
  message: Record<string, unknown>;
  status: number;
  errorCode?: string;
}

const ERRORS: Record<string, { code: number; status: string; message: string }> = {
  UNREGISTERED: { code: 404, status: 'NOT_FOUND', message: 'Requested entity was not found.' },
  INVALID_ARGUMENT: { code: 400, status: 'INVALID_ARGUMENT', message: 'The registration token is not a valid FCM registration token' },
  SENDER_ID_MISMATCH: { code: 403, status: 'PERMISSION_DENIED', message: 'SenderId mismatch' },
  QUOTA_EXCEEDED: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded for quota metric' },
  UNAVAILABLE: { code: 503, status: 'UNAVAILABLE', message: 'The service is currently unavailable.' },
  INTERNAL: { code: 500, status: 'INTERNAL', message: 'Internal error encountered.' },
  THIRD_PARTY_AUTH_ERROR: { code: 401, status: 'UNAUTHENTICATED', message: 'Auth error from APNS or Web Push Service' },
};

export class FakeFcm {
  readonly tls: TestTls;
  readonly seen: FcmSeen[] = [];
  /** Grants answered 200, in order. */
  readonly issued: string[] = [];
  /** Grants refused, with the reason. */
  readonly refusedGrants: string[] = [];
  url = '';
  private readonly server: Server;
  private readonly live = new Map<string, number>();
  private readonly valid = new Set<string>();
  private readonly retired = new Set<string>();
  private readonly scripted = new Map<string, FcmScripted[]>();

  constructor(private readonly options: FakeFcmOptions) {
    this.tls = options.tls ?? makeTestTls();
    this.server = createServer({ key: this.tls.key, cert: this.tls.cert }, (req, res) => this.route(req, res));
  }

  async listen(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The service account's token_uri. */
  get tokenUri(): string {
    return `${this.url}/token`;
  }

  register(token: string): void {
    this.valid.add(token);
  }

  /** The app was uninstalled: UNREGISTERED from now on. */
  unregister(token: string): void {
    this.retired.add(token);
  }

  script(token: string, ...answers: FcmScripted[]): void {
    this.scripted.set(token, [...(this.scripted.get(token) ?? []), ...answers]);
  }

  /** Every access token issued so far stops working (401 UNAUTHENTICATED). */
  revokeTokens(): void {
    this.live.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      if (req.method === 'POST' && path === '/token') return this.token(body, res);
      const send = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(path);
      if (req.method === 'POST' && send) return this.send(decodeURIComponent(send[1]!), String(req.headers.authorization ?? ''), body, res);
      json(res, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
    });
  }

  private token(body: string, res: ServerResponse): void {
    const form = new URLSearchParams(body);
    const refusal = form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ? 'unsupported_grant_type' : this.checkAssertion(form.get('assertion') ?? '');
    if (refusal) {
      this.refusedGrants.push(refusal);
      return json(res, 400, { error: 'invalid_grant', error_description: refusal });
    }
    const accessToken = `ya29.fake-${randomBytes(12).toString('hex')}`;
    const seconds = this.options.tokenSeconds ?? 3599;
    this.live.set(accessToken, this.now() + seconds * 1000);
    this.issued.push(accessToken);
    json(res, 200, { access_token: accessToken, expires_in: seconds, token_type: 'Bearer' });
  }

  /** Google's checks on a jwt-bearer assertion; a refusal reason or undefined. */
  private checkAssertion(jwt: string): string | undefined {
    const [h, c, s] = jwt.split('.');
    if (!h || !c || !s) return 'Invalid JWT';
    try {
      const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
      const claims = JSON.parse(Buffer.from(c, 'base64url').toString()) as Record<string, unknown>;
      if (header.alg !== 'RS256' || header.kid !== this.options.privateKeyId) return 'Invalid JWT header';
      if (!verify('sha256', Buffer.from(`${h}.${c}`), this.options.publicKey, Buffer.from(s, 'base64url'))) return 'Invalid JWT Signature.';
      if (claims.iss !== this.options.clientEmail) return 'Invalid issuer';
      if (claims.aud !== this.tokenUri) return 'Invalid JWT: Token must be addressed to the token endpoint';
      if (!String(claims.scope ?? '').split(' ').includes(FCM_SCOPE)) return 'Invalid scope';
      const iat = Number(claims.iat);
      const exp = Number(claims.exp);
      const nowS = this.now() / 1000;
      if (!(exp > iat && exp - iat <= 3600 && iat <= nowS + 60 && exp > nowS)) return 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe';
    } catch {
      return 'Invalid JWT';
    }
    return undefined;
  }

  private send(project: string, authorization: string, body: string, res: ServerResponse): void {
    const bearer = authorization.replace(/^Bearer /, '');
    const expiresAt = this.live.get(bearer);
    if (expiresAt === undefined || expiresAt <= this.now()) {
      return json(res, 401, { error: { code: 401, message: 'Request had invalid authentication credentials. Expected OAuth 2 access token.', status: 'UNAUTHENTICATED' } });
    }
    if (project !== this.options.projectId) {
      return json(res, 403, { error: { code: 403, message: "Permission 'cloudmessaging.messages.create' denied", status: 'PERMISSION_DENIED' } });
    }
    let message: Record<string, unknown>;
    try {
      message = (JSON.parse(body) as { message: Record<string, unknown> }).message;
      if (typeof message !== 'object' || message === null) throw new Error('no message');
    } catch {
      return json(res, 400, { error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' } });
    }
    const record = (status: number, errorCode?: string) => this.seen.push({ authorization, message, status, ...(errorCode ? { errorCode } : {}) });
    const token = String(message.token);
    const scripted = this.scripted.get(token)?.shift();
    const violation = badField(message) ?? scripted?.field;
    if (violation) {
      record(400, 'INVALID_ARGUMENT');
      return json(res, 400, {
        error: {
          code: 400,
          message: `Invalid value at '${violation}'`,
          status: 'INVALID_ARGUMENT',
          details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: violation, description: `Invalid value at '${violation}'` }] }],
        },
      });
    }
    const errorCode = scripted?.errorCode ?? (this.retired.has(token) ? 'UNREGISTERED' : this.valid.has(token) ? undefined : 'INVALID_ARGUMENT');
    if (!errorCode) {
      record(200);
      return json(res, 200, { name: `projects/${project}/messages/0:${randomBytes(8).toString('hex')}` });
    }
    const e = ERRORS[errorCode]!;
    record(e.code, errorCode);
    json(
      res,
      e.code,
      { error: { code: e.code, message: e.message, status: e.status, details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] } },
      scripted?.retryAfter ? { 'retry-after': scripted.retryAfter } : {},
    );
  }
}

/** The first message field FCM would reject, as Google names it, or undefined. */
function badField(message: Record<string, unknown>): string | undefined {
  if (typeof message.token !== 'string' || !message.token) return 'message.token';
  const data = message.data;
  if (data !== undefined) {
    if (typeof data !== 'object' || data === null) return 'message.data';
    const values = Object.values(data);
    const bad = values.findIndex((v) => typeof v !== 'string');
    if (bad >= 0) return `message.data[${bad}].value`;
  }
  const android = message.android as Record<string, unknown> | undefined;
  if (android?.ttl !== undefined && !/^\d+(\.\d+)?s$/.test(String(android.ttl))) return 'message.android.ttl';
  if (android?.priority !== undefined && !['normal', 'high'].includes(String(android.priority))) return 'message.android.priority';
  return undefined;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}
