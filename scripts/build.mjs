#!/usr/bin/env node
// `npm run build` (also run by `npm ci` through the `prepare` script): compiles the server,
// CLI and SDK to dist/ with tsc, then copies the generated protobuf code, which is
// JavaScript already and which tsc does not emit. dist/ is rebuilt from scratch so a file
// deleted from the sources does not linger in it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
} catch {
  // tsc printed its errors (a stack trace here would bury them) and emitted anyway; no
  // dist/ at all is better than one that runs code which failed its type check.
  rmSync(dist, { recursive: true, force: true });
  process.stderr.write('homing build: tsc reported the errors above; dist/ removed\n');
  process.exit(1);
}
const generated = join(root, 'proto/generated');
mkdirSync(join(dist, 'proto/generated'), { recursive: true });
for (const file of readdirSync(generated)) {
  if (file.endsWith('.js')) copyFileSync(join(generated, file), join(dist, 'proto/generated', file));
}
// The web console's static pages (scripts/build-console.mjs), served under /console/.
const { buildConsole } = await import('./build-console.mjs');
await buildConsole(join(dist, 'console'));
