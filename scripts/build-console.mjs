// Builds the web console (console/) into a directory of static files: the
// TypeScript bundled into one app.js by esbuild, index.html and style.css
// copied. `npm run build` puts it in dist/console/, which the api role serves
// under /console/; the browser tests build their own copy.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildConsole(outDir) {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'console/src/main.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'style.css']) copyFileSync(join(root, 'console', file), join(outDir, file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildConsole(join(root, 'dist/console'));
