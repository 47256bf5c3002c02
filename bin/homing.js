#!/usr/bin/env -S node --max-semi-space-size=4
// Runs the compiled CLI in dist/. `npm ci` builds it (the `prepare` script runs
// `npm run build`); after changing or pulling sources, run `npm run build` again.
// During development `npm run dev -- start` runs the TypeScript directly.
// The shebang's V8 flag: see src/cli/node-flags.ts.
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('homing: no compiled build in dist/; run `npm run build` (npm ci runs it too)\n');
  process.exit(1);
}
await import(main.href);
