import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { HttpRequest } from '../http/types.js';
import { ConsoleAuth, may } from './console-auth.js';

const req = (headers: Record<string, string>, method = 'GET'): HttpRequest => ({ method, path: '/api/apps', query: '', headers, body: Buffer.alloc(0), bodyTooLarge: false });
const tokens = { admin: 'a'.repeat(20), operator: 'o'.repeat(20), viewer: undefined };

describe('console tokens in the configuration', () => {
  it('are off by default: no token, no sign-in', () => {
    const config = loadConfig({});
    expect(config.consoleTokens).toEqual({ admin: undefined, operator: undefined, viewer: undefined });
    expect(new ConsoleAuth(config.consoleTokens, false).enabled).toBe(false);
  });

  it.each([
    [{ HOMING_ADMIN_TOKEN: 'short' }, /HOMING_ADMIN_TOKEN must be at least 16 characters/],
    [{ HOMING_VIEWER_TOKEN: 'has a space in it!!' }, /HOMING_VIEWER_TOKEN must not contain spaces/],
    [{ HOMING_ADMIN_TOKEN: 'x'.repeat(16), HOMING_OPERATOR_TOKEN: 'x'.repeat(16) }, /HOMING_OPERATOR_TOKEN must differ/],
  ])('refuse weak or shared tokens without echoing them: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (err) {
      for (const value of Object.values(env)) expect(String(err)).not.toContain(value);
    }
  });
});

describe('ConsoleAuth', () => {
  it('maps each token to its role, and nothing else to any', () => {
    const auth = new ConsoleAuth(tokens, false);
    expect(auth.roleOf('a'.repeat(20))).toBe('admin');
    expect(auth.roleOf('o'.repeat(20))).toBe('operator');
    expect(auth.roleOf('a'.repeat(19))).toBeUndefined();
    expect(auth.roleOf(undefined)).toBeUndefined();
    expect(auth.roleOf('')).toBeUndefined();
  });

  it('issues HttpOnly SameSite=Strict cookies, Secure over TLS, that authenticate until sign-out', () => {
    const auth = new ConsoleAuth(tokens, true);
    const setCookie = auth.signIn('viewer');
    expect(setCookie).toMatch(/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    const cookie = setCookie.split(';')[0]!;
    expect(auth.authenticate(req({ cookie: `other=1; ${cookie}` }))).toEqual({ role: 'viewer', via: 'cookie' });
    auth.signOut(req({ cookie }));
    expect(auth.authenticate(req({ cookie }))).toMatchObject({ status: 401 });
  });

  it('needs this host as Origin for cookie-authenticated changes, not for bearer tokens', () => {
    const auth = new ConsoleAuth(tokens, false);
    const cookie = auth.signIn('admin').split(';')[0]!;
    expect(auth.authenticate(req({ cookie, host: 'h:1' }, 'POST'))).toMatchObject({ status: 403 });
    expect(auth.authenticate(req({ cookie, host: 'h:1', origin: 'http://evil:1' }, 'POST'))).toMatchObject({ status: 403 });
    expect(auth.authenticate(req({ cookie, host: 'h:1', origin: 'http://h:1' }, 'POST'))).toEqual({ role: 'admin', via: 'cookie' });
    expect(auth.authenticate(req({ authorization: `Bearer ${'o'.repeat(20)}` }, 'POST'))).toEqual({ role: 'operator', via: 'bearer' });
    expect(auth.authenticate(req({ authorization: 'Bearer nope' }, 'POST'))).toMatchObject({ status: 401 });
  });

  it('lets admins and operators send, only admins manage apps', () => {
    expect([may('admin', 'send'), may('operator', 'send'), may('viewer', 'send')]).toEqual([true, true, false]);
    expect([may('admin', 'manage_apps'), may('operator', 'manage_apps'), may('viewer', 'manage_apps')]).toEqual([true, false, false]);
  });
});
