#!/usr/bin/env node
// Regenerates proto/generated/device.{js,d.ts} from proto/device.proto.
// `--out DIR` writes elsewhere (the freshness test compares against it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const outDir = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(root, 'proto/generated');
mkdirSync(outDir, { recursive: true });
const bin = (name) => join(root, 'node_modules/.bin', name);
const js = join(outDir, 'device.js');
const dts = join(outDir, 'device.d.ts');

execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'es6', '--es6', '--force-number', '--no-delimited',
  '--no-verify', '--no-convert', '-o', js, join(root, 'proto/device.proto')], { cwd: root, stdio: 'inherit' });
execFileSync(bin('pbts'), ['--no-comments', '-o', dts, js], { cwd: root, stdio: 'inherit' });
// pbts emits a CommonJS-style `import Long = require("long")` that ESM type checking rejects; with
// --force-number no type refers to Long, so the line is dropped.
writeFileSync(dts, readFileSync(dts, 'utf8').replace(/^import Long = require\("long"\);\n/m, ''));
