#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx compiles on load, so there is no build
// step between `npm ci` and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
