// The console's JSON API under /api/ (docs/console.md). Proper HTTP statuses:
// 200/201/204 done, 400 bad input, 401 not signed in, 403 role or origin not
// allowed, 404 unknown, 405 method, 413 body too large, 503 console off (no
// token configured). Errors are {"error": "…"}.
//
// Sending reuses the REST API itself: the push is handed to the /v3/push/app
// handler with the app's own credentials, so it is parsed, limited, counted
// and answered exactly as an app server's call would be.
import { newCredentials } from '../cli/app-commands.js';
import type { HttpHandler, HttpRequest, HttpResponse } from '../http/types.js';
import { jsonResponse } from '../http/types.js';
import type { Logger } from '../log.js';
import type { PushService } from '../push-service.js';
import type { Stores } from '../stores/types.js';
import type { DeliveryTrace } from '../trace/delivery-trace.js';
import { MAX_TRACED_ACCOUNT_TOKENS, traceView } from '../api/trace-api.js';
import { isAccountType } from '../stores/audience-types.js';
import { ConsoleAuth, may, type Role } from './console-auth.js';
import { deviceDebug, pushHistory, pushSummary } from './admin-views.js';
import { CredentialError, checkApnsCredentials, credentialSummary, parseServiceAccount } from '../provider-credentials.js';
import { sseBody, type LiveFigures } from './live-figures.js';

export interface AdminApiDeps {
  auth: ConsoleAuth;
  stores: Stores;
  pushService: PushService;
  /** The /v3 REST handler: the console sends through it. */
  rest: HttpHandler;
  trace: DeliveryTrace | undefined;
  live: LiveFigures;
  log: Logger;
  now?: () => number;
}

const DAY_MS = 86_400_000;
/** History looks back this far unless told otherwise (XG's console shows 3 months; a week is the common question). */
const DEFAULT_HISTORY_DAYS = 7;
const MAX_HISTORY_PAGE = 200;

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const fail = (status: number, message: string): never => {
  throw new HttpError(status, message);
};

interface Call {
  req: HttpRequest;
  role: Role;
  params: string[];
  query: URLSearchParams;
}

type Handler = (call: Call) => Promise<HttpResponse>;
interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const NO_STORE = { 'cache-control': 'no-store' };

export function createAdminApi(deps: AdminApiDeps): HttpHandler {
  const { auth, stores, pushService } = deps;
  const now = deps.now ?? Date.now;
  const log = deps.log.child({ component: 'admin-api' });

  const appOf = async (accessId: string) => (await stores.apps.get(accessId)) ?? fail(404, `no app ${accessId}`);

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/api\/session$/, handler: async ({ role }) => jsonResponse({ role }) },
    {
      method: 'GET',
      pattern: /^\/api\/apps$/,
      handler: async () => jsonResponse({ apps: (await stores.apps.list()).map((a) => ({ accessId: a.accessId, name: a.name, createdAt: a.createdAt })) }),
    },
    {
      method: 'POST',
      pattern: /^\/api\/apps$/,
      handler: async ({ req, role }) => {
        if (!may(role, 'manage_apps')) fail(403, 'only an admin creates apps');
        const body = jsonBody(req);
        const name = typeof body.name === 'string' ? body.name.trim() : '';
        if (name.length === 0 || name.length > 100) fail(400, 'name must be 1-100 characters');
        const app = { ...newCredentials(), name, createdAt: now() };
        await stores.apps.create(app);
        log.info({ access_id: app.accessId, role }, 'app created from the console');
        // The only answer that ever carries the keys.
        return jsonResponse(app, 201);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/apps\/(\d+)\/pushes$/,
      handler: async ({ req, role, params }) => {
        if (!may(role, 'send')) fail(403, 'a viewer cannot send pushes');
        const app = await appOf(params[0]!);
        const authorization = `Basic ${Buffer.from(`${app.accessId}:${app.secretKey}`).toString('base64')}`;
        const answer = await deps.rest({ ...req, path: '/v3/push/app', headers: { 'content-type': 'application/json', authorization } });
        const reply = JSON.parse(String(answer.body)) as { push_id?: string };
        return jsonResponse(reply, reply.push_id && reply.push_id !== '0' ? 200 : 400);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/apps\/(\d+)\/pushes$/,
      handler: async ({ params, query }) => {
        const app = await appOf(params[0]!);
        const toMs = timeParam(query, 'to') ?? now() + 1;
        const fromMs = timeParam(query, 'from') ?? toMs - DEFAULT_HISTORY_DAYS * DAY_MS;
        if (fromMs >= toMs) fail(400, 'from must be before to');
        const limit = Number(query.get('limit') ?? 50);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE) fail(400, `limit must be 1-${MAX_HISTORY_PAGE}`);
        const audienceType = choice(query, 'audience_type', ['all', 'tag', 'token', 'token_list', 'account', 'account_list']);
        const messageType = choice(query, 'message_type', ['notify', 'message']);
        return jsonResponse({ pushes: await pushHistory(pushService, app.accessId, { fromMs, toMs, audienceType, messageType, limit }) }, 200);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/apps\/(\d+)\/pushes\/(\d+)$/,
      handler: async ({ params }) => {
        const found = (await pushService.record(params[0]!, params[1]!)) ?? fail(404, `no push ${params[1]} in app ${params[0]}`);
        return jsonResponse({ push: { ...pushSummary(found.record, found.counters), message: found.record.message, platform: found.record.platform } });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/apps\/(\d+)\/pushes\/(\d+)\/trace$/,
      handler: async ({ params, query }) => {
        const [accessId, pushId] = params as [string, string];
        if (!(await pushService.record(accessId, pushId))) fail(404, `no push ${pushId} in app ${accessId}`);
        const token = query.get('token');
        const account = query.get('account');
        let tokens: string[];
        if (token) tokens = [token];
        else if (account) {
          const accountType = Number(query.get('account_type') ?? 0);
          if (!isAccountType(accountType)) fail(400, 'account_type is not an XG account type');
          tokens = (await stores.accounts.tokensOf(accessId, { account, accountType })).slice(0, MAX_TRACED_ACCOUNT_TOKENS);
        }
        else return fail(400, 'give token or account');
        return jsonResponse({ pushId, traces: tokens.map((t) => traceView(deps.trace, pushId, t)) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/apps\/(\d+)\/devices\/([^/]{1,256})$/,
      handler: async ({ params }) => {
        const token = decodeURIComponent(params[1]!);
        const device = (await deviceDebug(stores, params[0]!, token, now())) ?? fail(404, `no device ${token} in app ${params[0]}`);
        return jsonResponse({ device });
      },
    },
    // APNs and FCM credentials: set and removed by an admin, shown to anyone as ids only (never key material).
    {
      method: 'GET',
      pattern: /^\/api\/apps\/(\d+)\/credentials$/,
      handler: async ({ params }) => {
        const app = await appOf(params[0]!);
        return jsonResponse({ accessId: app.accessId, ...credentialSummary((await stores.credentials.get(app.accessId)) ?? {}) });
      },
    },
    {
      method: 'PUT',
      pattern: /^\/api\/apps\/(\d+)\/credentials\/(apns|fcm)$/,
      handler: async ({ req, role, params }) => {
        if (!may(role, 'manage_apps')) fail(403, 'only an admin sets push credentials');
        const app = await appOf(params[0]!);
        const body = jsonBody(req);
        let update;
        try {
          update = params[1] === 'apns'
            ? { apns: checkApnsCredentials({ keyPem: text(body.keyPem), keyId: text(body.keyId), teamId: text(body.teamId), bundleId: text(body.bundleId) }) }
            : { fcm: parseServiceAccount(JSON.stringify(body.serviceAccount ?? null)) };
        } catch (err) {
          if (err instanceof CredentialError) fail(400, err.message);
          throw err;
        }
        const stored = await stores.credentials.set(app.accessId, update, now());
        log.info({ access_id: app.accessId, provider: params[1], role }, 'push credentials set from the console');
        return jsonResponse({ accessId: app.accessId, ...credentialSummary(stored) });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/apps\/(\d+)\/credentials\/(apns|fcm)$/,
      handler: async ({ role, params }) => {
        if (!may(role, 'manage_apps')) fail(403, 'only an admin removes push credentials');
        const app = await appOf(params[0]!);
        await stores.credentials.remove(app.accessId, params[1] as 'apns' | 'fcm');
        log.info({ access_id: app.accessId, provider: params[1], role }, 'push credentials removed from the console');
        return jsonResponse({ accessId: app.accessId, ...credentialSummary((await stores.credentials.get(app.accessId)) ?? {}) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/live$/,
      handler: async ({ req, query }) => {
        const last = Number(req.headers['last-event-id'] ?? query.get('after') ?? 0);
        const samples = await deps.live.after(Number.isSafeInteger(last) && last >= 0 ? last : 0);
        return { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', ...NO_STORE }, body: sseBody(samples) };
      },
    },
  ];

  async function session(req: HttpRequest): Promise<HttpResponse> {
    if (req.method === 'POST') {
      const role = auth.roleOf(jsonBody(req).token) ?? fail(401, 'unknown token');
      log.info({ role }, 'console sign-in');
      return { ...jsonResponse({ role }), headers: { ...jsonResponse(null).headers, ...NO_STORE, 'set-cookie': auth.signIn(role) } };
    }
    if (req.method === 'DELETE') return { status: 204, headers: { 'set-cookie': auth.signOut(req) }, body: '' };
    return fail(405, 'method not allowed');
  }

  return async (req) => {
    try {
      if (!auth.enabled) fail(503, 'the console is off: set HOMING_ADMIN_TOKEN (and optionally HOMING_OPERATOR_TOKEN, HOMING_VIEWER_TOKEN) and restart');
      if (req.bodyTooLarge) fail(413, 'request body too large');
      if (req.path === '/api/session' && req.method !== 'GET') return await session(req);
      const caller = auth.authenticate(req);
      if ('status' in caller) return fail(caller.status, caller.error);
      const matching = routes.filter((r) => r.pattern.test(req.path));
      if (matching.length === 0) fail(404, `no API at ${req.path}`);
      const route = matching.find((r) => r.method === req.method) ?? fail(405, `${req.method} is not served at ${req.path}`);
      const params = route.pattern.exec(req.path)!.slice(1);
      return await route.handler({ req, role: caller.role, params, query: new URLSearchParams(req.query) });
    } catch (err) {
      if (err instanceof HttpError) return jsonResponse({ error: err.message }, err.status);
      log.error({ err, path: req.path }, 'admin API failed');
      return jsonResponse({ error: 'internal error' }, 500);
    }
  };
}

function jsonBody(req: HttpRequest): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8'));
  } catch {
    fail(400, 'body must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(400, 'body must be a JSON object');
  return value as Record<string, unknown>;
}

/** A body field as text; checkApnsCredentials names what is missing or wrong. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** ms since epoch, or an ISO date/time. */
function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms)) fail(400, `${name} must be ms since epoch or an ISO date`);
  return ms;
}

function choice(query: URLSearchParams, name: string, allowed: readonly string[]): string | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!allowed.includes(raw)) fail(400, `${name} must be one of ${allowed.join(', ')}`);
  return raw;
}
