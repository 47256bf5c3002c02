// Serves the console's static files under /console/: built at install/build
// time (scripts/build-console.mjs, into dist/console/), read into memory once
// at start-up, never fetched from anywhere at run time. The pages load only
// their own script and style (a Content-Security-Policy says so).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpHandler, HttpResponse } from '../http/types.js';
import { jsonResponse } from '../http/types.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** dist/console/ of this installation: found from this file, in dist/src/console/ or (sources run by tsx) src/console/. */
export function defaultConsoleDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'console');
}

export function consoleAssets(dir: string): HttpHandler {
  const files = new Map<string, HttpResponse>();
  if (existsSync(join(dir, 'index.html'))) {
    for (const name of readdirSync(dir)) {
      const type = TYPES[extname(name)];
      if (type) files.set(name, { status: 200, headers: { 'content-type': type, ...HEADERS }, body: readFileSync(join(dir, name)) });
    }
  }
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return jsonResponse({ error: 'method not allowed' }, 405);
    if (files.size === 0) return jsonResponse({ error: `console assets not built in ${dir}: run npm run build` }, 503);
    if (req.path === '/console') return { status: 302, headers: { location: '/console/' }, body: '' };
    const name = req.path === '/console/' ? 'index.html' : req.path.slice('/console/'.length);
    return files.get(name) ?? jsonResponse({ error: 'not found' }, 404);
  };
}
