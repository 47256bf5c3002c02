// `homing start` with data dirs users pick: a dotted name starts; an unusable
// path stops start-up with exit code 2 and a message naming HOMING_DATA_DIR.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, homing, startHomingProcess } from '../helpers/process.js';

let root: string;
let env: Record<string, string>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'homing-datadir-e2e-'));
  env = { HOMING_PORT: String(await freePort()), HOMING_HOST: '127.0.0.1', HOMING_LOG_LEVEL: 'warn' };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('HOMING_DATA_DIR', () => {
  it('starts on a dir named homing.d and serves /healthz', async () => {
    const dir = join(root, 'homing.d');
    const server = await startHomingProcess({ ...env, HOMING_DATA_DIR: dir });
    try {
      const res = await fetch(`http://127.0.0.1:${env.HOMING_PORT}/healthz`);
      expect(((await res.json()) as { status: string }).status).toBe('ok');
      expect(readdirSync(dir)).toContain('data.mdb');
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('refuses a regular file with exit code 2 and a message naming it', async () => {
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    const result = await homing(['start'], { ...env, HOMING_DATA_DIR: file });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`homing: HOMING_DATA_DIR ${file} cannot be used: it exists and is not a directory\n`);
  });

  it('refuses a dir this user cannot write', async (ctx) => {
    const dir = join(root, 'read-only');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    chmodSync(root, 0o755);
    // root writes anywhere: run the CLI as nobody, which needs to read this checkout.
    const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (as.uid !== undefined && (await homing(['help'], env, as)).stdout.indexOf('usage') < 0) {
      ctx.skip('running as root, and user nobody cannot read this checkout to run the CLI');
    }
    const result = await homing(['app', 'list'], { ...env, HOMING_DATA_DIR: dir }, as);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`HOMING_DATA_DIR ${dir} cannot be used: permission denied`);
    expect(readdirSync(dir)).toEqual([]);
  });
});
