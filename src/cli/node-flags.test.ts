import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOMING_NODE_FLAGS } from './node-flags.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const flags = HOMING_NODE_FLAGS.join(' ');

describe('HOMING_NODE_FLAGS', () => {
  it('is on every documented way to start a server', () => {
    expect(read('bin/homing.js').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${flags}`);
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    expect(scripts.start).toBe(`node ${flags} bin/homing.js start`);
    expect(scripts.cluster).toBe(`node ${flags} bin/homing.js cluster`);
    expect(read('examples/systemd/homing.service')).toContain(`ExecStart=/usr/bin/node ${flags} /opt/homing/bin/homing.js start`);
    expect(read('README.md')).toContain(`node ${flags} bin/homing.js start`);
  });
});
