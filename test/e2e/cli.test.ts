// The CLI as a new user runs it: app create/list, a bad setting, and homing push.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawDevice } from '../helpers/raw-device.js';
import { freePort, homing, startHomingProcess, type RunningHoming } from '../helpers/process.js';

let dataDir: string;
let env: Record<string, string>;
let server: RunningHoming | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'homing-cli-'));
  env = { HOMING_DATA_DIR: dataDir, HOMING_PORT: String(await freePort()), HOMING_HOST: '127.0.0.1', HOMING_LOG_LEVEL: 'warn' };
});
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('homing CLI', () => {
  it('creates apps with XG-shaped credentials and lists them without secrets', async () => {
    const created = await homing(['app', 'create', '--name', 'shop'], env);
    expect(created.code, created.stderr).toBe(0);
    const app = JSON.parse(created.stdout);
    expect(app.access_id).toMatch(/^\d{10}$/);
    expect(app.access_key).toMatch(/^A[A-Z0-9]{11}$/);
    expect(app.secret_key).toMatch(/^[0-9a-f]{32}$/);
    const listed = await homing(['app', 'list'], env);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ access_id: app.access_id, name: 'shop' })]);
    expect(listed.stdout).not.toContain(app.secret_key);
    expect(listed.stdout).not.toContain(app.access_key);
  });

  it('refuses to start with a bad setting and names it', async () => {
    const bad = await homing(['start'], { ...env, HOMING_PORT: 'http' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('HOMING_PORT must be a whole number');
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await homing(['app', 'create'], env)).stderr).toContain('--name');
    expect((await homing(['frobnicate'], env)).code).toBe(2);
  });

  it('pushes to a device with homing push through the REST API', async () => {
    const app = JSON.parse((await homing(['app', 'create', '--name', 'push'], env)).stdout);
    server = await startHomingProcess(env);
    const device = await RawDevice.connect(`ws://127.0.0.1:${env.HOMING_PORT}/device`);
    device.hello([{ accessId: app.access_id, accessKey: app.access_key }]);
    const token = (await device.next('welcome')).welcome!.apps![0]!.token!;
    const pushed = await homing(['push', '--app', app.access_id, '--token', token, '--title', 'Hi', '--content', 'from the CLI'], env);
    expect(pushed.code, pushed.stdout + pushed.stderr).toBe(0);
    expect(JSON.parse(pushed.stdout).ret_code).toBe(0);
    expect((await device.next('push')).push!.content).toBe('from the CLI');
    const unknown = await homing(['push', '--app', app.access_id, '--token', 'f'.repeat(40), '--content', 'x'], env);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).ret_code).toBe(10110);
    device.close();
  });
});
