// The compiled build as `npm start` and service managers run it: bin/homing.js
// loads dist/ (which `npm test` and `npm ci` build first), and dist/ needs
// nothing that a production install leaves out.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_CLI, freePort, homing, startHomingProcess } from '../helpers/process.js';

const root = new URL('../..', import.meta.url).pathname;
const dist = join(root, 'dist');
let dataDir: string;

beforeAll(() => {
  if (!existsSync(join(dist, 'src/cli/main.js'))) throw new Error('no dist/: run `npm run build` first (npm test and npm ci do)');
  dataDir = mkdtempSync(join(tmpdir(), 'homing-build-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}

/**
 * Specifiers of import/export statements (tsc emits one per line) and literal
 * dynamic imports; a word "from" inside a string is not one.
 */
function imports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

/** `lmdb/x` → lmdb, `@scope/pkg/x` → @scope/pkg. */
const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

describe('compiled build', () => {
  it('imports only runtime dependencies and files that exist in dist/', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
    // dist/console is a browser bundle (esbuild put everything it needs inside it).
    const files = jsFiles(dist).filter((f) => !f.startsWith(join(dist, 'console')));
    expect(files.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const file of files) {
      for (const spec of imports(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          if (!existsSync(resolve(dirname(file), spec))) problems.push(`${file}: ${spec} is missing`);
        } else if (!spec.startsWith('node:') && !allowed.has(packageOf(spec))) {
          problems.push(`${file}: ${spec} is not a runtime dependency`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('bin/homing.js starts the compiled server, which answers /healthz, and app create works beside it', async () => {
    const port = await freePort();
    const env = { HOMING_PORT: String(port), HOMING_HOST: '127.0.0.1', HOMING_LOG_LEVEL: 'warn', HOMING_DATA_DIR: dataDir };
    const server = await startHomingProcess(env, COMPILED_CLI);
    try {
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { status: string };
      expect(health.status).toBe('ok');
      const created = await homing(['app', 'create', '--name', 'compiled'], env, { cli: COMPILED_CLI });
      expect(created.code, created.stderr).toBe(0);
      expect(JSON.parse(created.stdout)).toMatchObject({ name: 'compiled', access_id: expect.stringMatching(/^\d{10}$/) });
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });
});
