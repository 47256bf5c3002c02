// Duplicates across a process restart, with real processes: the example
// device (examples/device.ts, FileTokenStore) against the real server, through
// a relay that can swallow acks. A push is shown, its ack is lost, the device
// is killed (-9) and started again: the server sends the copy again, and the
// restarted device acks it without showing it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestApp, type TestServer } from '../../test/helpers/server.js';
import { WsRelay } from '../../test/helpers/ws-relay.js';

const EXAMPLE = new URL('../../examples/device.ts', import.meta.url).pathname;
/** tsx by path: the device runs in its own directory (where it keeps its token file), outside this package. */
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

/** examples/device.ts as a user runs it, with its output collected. */
class Device {
  readonly child: ChildProcess;
  stdout = '';
  private readonly exited: Promise<void>;

  constructor(cwd: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', TSX, EXAMPLE], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  /** Resolves with the first match of `pattern` in what the device printed. */
  printed(pattern: RegExp): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.stdout.match(pattern);
        if (!match) return;
        this.child.stdout!.off('data', check);
        resolve(match);
      };
      this.child.stdout!.on('data', check);
      this.child.once('exit', (code) => reject(new Error(`device exited (${code}) before printing ${pattern}: ${this.stdout}`)));
      check();
    });
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    this.child.kill(signal);
    await this.exited;
  }
}

describe('duplicates across a device process restart', () => {
  let server: TestServer;
  let relay: WsRelay;
  let app: TestApp;
  const devices: Device[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    relay = await WsRelay.start(server.url);
    app = await server.createApp('restart');
  });

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.kill('SIGKILL')));
    await relay?.close();
    await server?.stop();
  });

  function device(cwd: string): Device {
    const d = new Device(cwd, { HOMING_APPS: `${app.accessId}:${app.accessKey}`, HOMING_URL: relay.url, HOMING_DEVICE_ID: 'restart-test' });
    devices.push(d);
    return d;
  }

  async function push(token: string, content: string): Promise<void> {
    const { json } = await server.post('/v3/push/app', app, {
      audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: 't', content },
    });
    expect(json.ret_code).toBe(0);
  }

  it('drops, after a restart, the copy of a push shown before it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'homing-restart-'));
    relay.dropAcks = true;
    const first = device(cwd);
    const [, token] = await first.printed(/token ([0-9a-f]+) \(new\)/);
    await push(token!, 'before restart');
    const [, messageId] = await first.printed(/notify (\S+): t \| before restart/);
    // Its ack left the device (so the id was saved first) and was lost on the way.
    await relay.until(() => relay.dropped.includes(messageId!));
    await first.kill('SIGKILL');

    relay.dropAcks = false;
    const second = device(cwd);
    await second.printed(new RegExp(`token ${token} \\(resumed\\)`));
    // The server sent the unacked copy again, and the restarted device acked it.
    await relay.until(() => relay.acked.includes(messageId!));
    expect(relay.pushed.filter((id) => id === messageId)).toHaveLength(2);
    await push(token!, 'after restart');
    await second.printed(/notify \S+: t \| after restart/);
    expect(second.stdout).not.toContain('before restart');
  });
});
