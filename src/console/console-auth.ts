// Who is calling /api/: a role from a session cookie (the console) or a bearer
// token (scripts). Roles as in XG's console (XG-API.md §7):
// - admin: everything, including creating apps (whose keys are shown once);
// - operator: sends pushes and reads everything but secrets;
// - viewer: reads history, figures, traces and devices; cannot send.
// Each role signs in with its own token from the configuration
// (HOMING_ADMIN_TOKEN, HOMING_OPERATOR_TOKEN, HOMING_VIEWER_TOKEN).
//
// CSRF: the session cookie is HttpOnly and SameSite=Strict, so no other site's
// page can make the browser send it; on top of that, a cookie-authenticated
// call that changes something (any method but GET/HEAD) must carry an Origin
// header naming this host. Bearer tokens are never sent by a browser on its own.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { CLOCK_ON_EACH_CHECK } from '../ttl-cache.js';
import type { ConsoleTokens } from '../config.js';
import type { HttpRequest } from '../http/types.js';

export type Role = 'admin' | 'operator' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'operator', 'viewer'];

/** A console tab signed in at the start of a working day stays signed in through it. */
export const SESSION_TTL_MS = 12 * 3_600_000;
/** Sessions held at most; the least recently used goes first. */
const MAX_SESSIONS = 10_000;
export const SESSION_COOKIE = 'homing_console';

/** The outcome of authenticating a call: a role, or the HTTP status and reason to refuse it with. */
export type Caller = { role: Role; via: 'cookie' | 'bearer' } | { status: 401 | 403; error: string };

export class ConsoleAuth {
  private readonly digests: Array<{ role: Role; digest: Buffer }>;
  private readonly sessions = new LRUCache<string, Role>({ ...CLOCK_ON_EACH_CHECK, max: MAX_SESSIONS, ttl: SESSION_TTL_MS });

  constructor(tokens: ConsoleTokens, private readonly secureCookie: boolean) {
    this.digests = ROLES.flatMap((role) => (tokens[role] ? [{ role, digest: digest(tokens[role]!) }] : []));
  }

  /** False when no token is configured: the console and /api/ are off. */
  get enabled(): boolean {
    return this.digests.length > 0;
  }

  /** The role a sign-in token opens; compares digests in constant time. */
  roleOf(token: unknown): Role | undefined {
    if (typeof token !== 'string' || token.length === 0 || token.length > 1024) return undefined;
    const d = digest(token);
    let found: Role | undefined;
    for (const entry of this.digests) if (timingSafeEqual(d, entry.digest)) found = entry.role;
    return found;
  }

  /** A new session for `role`: its Set-Cookie header value. */
  signIn(role: Role): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, role);
    return this.cookie(id, SESSION_TTL_MS / 1000);
  }

  /** Ends the request's session; the Set-Cookie value that clears the cookie. */
  signOut(req: HttpRequest): string {
    const id = cookieOf(req, SESSION_COOKIE);
    if (id) this.sessions.delete(id);
    return this.cookie('', 0);
  }

  authenticate(req: HttpRequest): Caller {
    const header = req.headers['authorization'];
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const role = m ? this.roleOf(m[1]) : undefined;
      return role ? { role, via: 'bearer' } : { status: 401, error: 'unknown bearer token' };
    }
    const id = cookieOf(req, SESSION_COOKIE);
    const role = id ? this.sessions.get(id) : undefined;
    if (!role) return { status: 401, error: 'sign in first (POST /api/session) or send Authorization: Bearer <token>' };
    if (req.method !== 'GET' && req.method !== 'HEAD' && !sameOrigin(req)) {
      return { status: 403, error: 'cross-origin request refused: the Origin header must name this host' };
    }
    return { role, via: 'cookie' };
  }

  private cookie(value: string, maxAgeSeconds: number): string {
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${this.secureCookie ? '; Secure' : ''}`;
  }
}

/** What each role may do beyond reading. */
export function may(role: Role, action: 'send' | 'manage_apps'): boolean {
  if (action === 'send') return role === 'admin' || role === 'operator';
  return role === 'admin';
}

function sameOrigin(req: HttpRequest): boolean {
  const origin = req.headers['origin'];
  const host = req.headers['host'];
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function cookieOf(req: HttpRequest, name: string): string | undefined {
  const header = req.headers['cookie'];
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
