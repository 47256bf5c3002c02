// Starts a real Homing server (uWS on a free port, LMDB in a temp dir) for a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newCredentials } from '../../src/cli/app-commands.js';
import { loadConfig, type Config, type SettingName } from '../../src/config.js';
import { startHoming, type HomingServer, type StartOptions } from '../../src/server.js';

export interface TestApp {
  accessId: string;
  accessKey: string;
  secretKey: string;
}

export interface TestServer {
  /** ws://127.0.0.1:PORT/device (wss: with HOMING_TLS_* settings) */
  url: string;
  /** http://127.0.0.1:PORT (https: with HOMING_TLS_* settings) */
  httpUrl: string;
  server: HomingServer;
  config: Config;
  dataDir: string;
  /** Moves the server's clock; expiry tests jump ahead instead of sleeping. */
  clock: { offsetMs: number };
  createApp(name?: string): Promise<TestApp>;
  /** POST a JSON body (or raw string) to a REST path with Basic auth for `app`. */
  post(path: string, app: TestApp | undefined, body: unknown): Promise<{ status: number; json: any }>;
  /** Stops the server; the data dir is kept when `keepData` (restart tests). */
  stop(keepData?: boolean): Promise<void>;
}

export async function startTestServer(
  settings: Partial<Record<SettingName, string>> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'homing-test-')),
  options: Pick<StartOptions, 'consoleDir' | 'providerCa' | 'providerRetry'> = {},
): Promise<TestServer> {
  const config = loadConfig({}, {
    HOMING_HOST: '127.0.0.1',
    HOMING_PORT: '0',
    HOMING_DATA_DIR: dataDir,
    HOMING_LOG_LEVEL: 'silent',
    HOMING_NODE_ID: 'test-node',
    // Every test device comes from 127.0.0.1; tests of the limit set it themselves.
    HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE: '0',
    ...settings,
  });
  const clock = { offsetMs: 0 };
  const server = await startHoming(config, { statsFlushMs: 20, sweepIntervalMs: 100, now: () => Date.now() + clock.offsetMs, ...options });
  const s = config.tls ? 's' : '';
  const httpUrl = `http${s}://127.0.0.1:${server.port}`;
  return {
    url: `ws${s}://127.0.0.1:${server.port}/device`,
    httpUrl,
    server,
    config,
    dataDir,
    clock,
    async createApp(name = 'test app') {
      const app = { ...newCredentials(), name, createdAt: Date.now() };
      await server.stores.apps.create(app);
      return { accessId: app.accessId, accessKey: app.accessKey, secretKey: app.secretKey };
    },
    async post(path, app, body) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (app) headers.authorization = `Basic ${Buffer.from(`${app.accessId}:${app.secretKey}`).toString('base64')}`;
      const res = await fetch(httpUrl + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: res.status, json };
    },
    async stop(keepData = false) {
      await server.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
