// ret_code 0 means stored: a push survives kill -9 of the server process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeServerFrame } from '../../proto/codec.js';
import { RawDevice } from '../helpers/raw-device.js';
import { freePort, homing, startHomingProcess } from '../helpers/process.js';

let dataDir: string;
let baseEnv: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'homing-crash-'));
  baseEnv = { HOMING_PORT: String(await freePort()), HOMING_HOST: '127.0.0.1', HOMING_LOG_LEVEL: 'warn' };
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(['fsync', 'commit', 'nosync'])('kill -9 with HOMING_DURABILITY=%s', (durability) => {
  it('loses no accepted push: offline and in-flight messages are delivered after restart', async () => {
    const env: Record<string, string> = { ...baseEnv, HOMING_DURABILITY: durability, HOMING_DATA_DIR: join(dataDir, durability) };
    const created = await homing(['app', 'create', '--name', 'crash test'], env);
    expect(created.code, created.stderr).toBe(0);
    const app = JSON.parse(created.stdout) as { access_id: string; access_key: string; secret_key: string };
    const url = `ws://127.0.0.1:${env.HOMING_PORT}/device`;
    const base = `http://127.0.0.1:${env.HOMING_PORT}`;
    const auth = `Basic ${Buffer.from(`${app.access_id}:${app.secret_key}`).toString('base64')}`;
    const push = async (token: string, content: string) => {
      const res = await fetch(`${base}/v3/push/app`, {
        method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({ audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: 'x', content } }),
      });
      const json = (await res.json()) as { ret_code: number; push_id: string };
      expect(json.ret_code).toBe(0);
      return json.push_id;
    };

    let server = await startHomingProcess(env);
    const device = await RawDevice.connect(url);
    device.hello([{ accessId: app.access_id, accessKey: app.access_key }]);
    const session = (await device.next('welcome')).welcome!.apps![0]!;
    // In flight: delivered live but never acked.
    const inflight = await push(session.token!, 'in flight');
    expect((await device.next('push')).push!.pushId).toBe(inflight);
    device.close();
    await device.closed;
    // Offline: the device is away.
    const offline = await push(session.token!, 'stored');

    server.child.kill('SIGKILL');
    await server.exited;
    server = await startHomingProcess(env);
    try {
      const back = await RawDevice.connect(url);
      back.hello([{ accessId: app.access_id, accessKey: app.access_key, token: session.token!, tokenSecret: session.tokenSecret! }]);
      expect((await back.next('welcome')).welcome!.apps![0]!.resumed).toBe(true);
      const first = (await back.next('push')).push!;
      const second = (await back.next('push')).push!;
      expect([first.pushId, second.pushId]).toEqual([inflight, offline]);
      expect([first.content, second.content]).toEqual(['in flight', 'stored']);
      back.close();
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  }, 60_000);
});

describe('kill -9 under a push stream', () => {
  it('delivers every accepted push after restart and counts each arrival exactly once', async () => {
    const env: Record<string, string> = { ...baseEnv, HOMING_DURABILITY: 'fsync', HOMING_DATA_DIR: join(dataDir, 'stream') };
    const created = await homing(['app', 'create', '--name', 'stream'], env);
    const app = JSON.parse(created.stdout) as { access_id: string; access_key: string; secret_key: string };
    const url = `ws://127.0.0.1:${env.HOMING_PORT}/device`;
    const base = `http://127.0.0.1:${env.HOMING_PORT}`;
    const auth = `Basic ${Buffer.from(`${app.access_id}:${app.secret_key}`).toString('base64')}`;
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return (await res.json()) as Record<string, any>;
    };
    /** Each device acks what it gets, as the SDK does, and remembers message ids (SDK dedup). */
    const received = new Map<string, Set<string>>();
    const connectAll = async (sessions: Array<{ token: string; tokenSecret: string }> | undefined, n: number) => {
      const devices = await Promise.all(Array.from({ length: n }, async (_, i) => {
        const device = await RawDevice.connect(url);
        const resume = sessions?.[i];
        device.hello([{ accessId: app.access_id, accessKey: app.access_key, token: resume?.token ?? '', tokenSecret: resume?.tokenSecret ?? '' }], `d${i}`);
        const s = (await device.next('welcome')).welcome!.apps![0]!;
        const seen = received.get(s.token!) ?? new Set<string>();
        received.set(s.token!, seen);
        const ack = (id: string) => {
          seen.add(id);
          device.send({ ack: { messageIds: [id] } });
        };
        for (const f of device.framesOf('push')) ack(f.push!.messageId!);
        device.ws.on('message', (data: Buffer) => {
          const frame = decodeServerFrame(new Uint8Array(data));
          if (frame.push) ack(frame.push.messageId!);
        });
        return { device, session: { token: s.token!, tokenSecret: s.tokenSecret! } };
      }));
      return devices;
    };

    let server = await startHomingProcess(env);
    const devices = await connectAll(undefined, 10);
    const accepted = new Map<string, string>(); // push id → token
    let stop = false;
    const streams = devices.map(async ({ session }) => {
      while (!stop) {
        try {
          const json = await post('/v3/push/app', { audience_type: 'token', token_list: [session.token], message_type: 'notify', message: { title: 'x', content: 'y' } });
          if (json.ret_code === 0) accepted.set(json.push_id as string, session.token);
        } catch {
          return; // the server died mid-request: not accepted
        }
      }
    });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (accepted.size >= 300) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all(streams);
    await server.exited;
    for (const d of devices) await d.device.closed;

    server = await startHomingProcess(env);
    try {
      const back = await connectAll(devices.map((d) => d.session), devices.length);
      for (const [pushId, token] of accepted) {
        await expect.poll(() => received.get(token)!.has(pushId), { timeout: 15_000 }).toBe(true);
      }
      for (const pushId of accepted.keys()) {
        await expect.poll(async () => (await post('/v3/statistics/get_push_task_stat_channel', { pushId })).homingCounters?.arrived).toBe(1);
      }
      for (const d of back) d.device.close();
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  }, 120_000);
});
