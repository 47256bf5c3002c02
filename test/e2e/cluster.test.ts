// The cluster of real processes: nats-server -js and redis-server, two gateway
// processes sharing one port (SO_REUSEPORT), one router, one api on its own
// port, all started with `homing start --role ...`, and a few hundred SDK
// devices over the gateways. Token, token_list and `all` pushes reach every
// targeted device exactly once after the SDK's dedup; then one gateway is
// killed (-9) during a push stream, its devices reconnect to the other, and
// every push the api accepted arrives.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials } from '../../src/cli/app-commands.js';
import { HomingClient } from '../../src/sdk/client.js';
import { openRedisStores } from '../../src/stores/redis/index.js';
import { startNatsServer, type TestNatsServer } from '../helpers/nats-server.js';
import { freePort, startHomingProcess, type RunningHoming } from '../helpers/process.js';
import { startRedisServer, type TestRedisServer } from '../helpers/redis-server.js';

const DEVICES = 240;

/** Each device's pushes by push id, counting every delivery the SDK passed on (after its dedup). */
class Device {
  readonly got = new Map<string, number>();
  disconnects = 0;
  token = '';
  private waiters: Array<{ ids: string[]; resolve: () => void }> = [];

  constructor(readonly client: HomingClient, accessId: string) {
    client.onPush(accessId, (push) => {
      this.got.set(push.pushId, (this.got.get(push.pushId) ?? 0) + 1);
      this.waiters = this.waiters.filter((w) => (w.ids.every((id) => this.got.has(id)) ? (w.resolve(), false) : true));
    });
    client.on('disconnected', () => this.disconnects++);
  }

  has(ids: string[]): Promise<void> {
    if (ids.every((id) => this.got.has(id))) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ids, resolve }));
  }
}

describe('cluster of real processes on NATS and Redis', () => {
  let nats: TestNatsServer;
  let redis: TestRedisServer;
  const processes: RunningHoming[] = [];
  let gatewayA: RunningHoming;
  let apiUrl = '';
  let app: ReturnType<typeof newCredentials>;
  const devices: Device[] = [];

  const push = async (body: Record<string, unknown>) => {
    const res = await fetch(`${apiUrl}/v3/push/app`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${app.accessId}:${app.secretKey}`).toString('base64')}` },
      body: JSON.stringify({ message_type: 'notify', message: { title: 't', content: 'c' }, ...body }),
    });
    return (await res.json()) as { ret_code: number; push_id: string; err_msg: string };
  };

  beforeAll(async () => {
    [nats, redis] = await Promise.all([startNatsServer(), startRedisServer()]);
    const stores = await openRedisStores(redis.url);
    app = newCredentials();
    await stores.apps.create({ ...app, name: 'cluster test', createdAt: Date.now() });
    await stores.close();
    const [devicePort, apiPort] = [await freePort(), await freePort()];
    const env = (role: string, node: string, port = 0) => ({
      HOMING_ROLE: role,
      HOMING_NODE_ID: node,
      HOMING_NATS_URL: nats.url,
      HOMING_REDIS_URL: redis.url,
      HOMING_HOST: '127.0.0.1',
      HOMING_PORT: String(port),
      HOMING_LOG_LEVEL: 'warn',
      HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE: '0',
      HOMING_REGISTRATIONS_PER_APP_PER_MINUTE: '0',
      HOMING_PUSH_REQUESTS_PER_APP_PER_SECOND: '0',
      HOMING_BROADCASTS_PER_APP_PER_MINUTE: '0',
    });
    const started = await Promise.all([
      startHomingProcess(env('gateway', 'gw-a', devicePort)),
      startHomingProcess(env('gateway', 'gw-b', devicePort)),
      startHomingProcess(env('router', 'router-1')),
      startHomingProcess(env('api', 'api-1', apiPort)),
    ]);
    processes.push(...started);
    gatewayA = started[0]!;
    apiUrl = `http://127.0.0.1:${apiPort}`;
    const url = `ws://127.0.0.1:${devicePort}/device`;
    for (let i = 0; i < DEVICES; i++) {
      const client = new HomingClient({
        url,
        deviceId: `cluster-device-${i}`,
        platform: 'android',
        apps: [{ accessId: app.accessId, accessKey: app.accessKey }],
        backoff: { initialMs: 100, maxMs: 1000 },
      });
      devices.push(new Device(client, app.accessId));
    }
    // In batches: a connect storm of the whole swarm at once is the loadtest's job, not this one's.
    for (let i = 0; i < DEVICES; i += 40) {
      await Promise.all(devices.slice(i, i + 40).map(async (d) => (d.token = (await d.client.connect())[0]!.token)));
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.client.close()));
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
    await Promise.all(processes.map((p) => p.exited));
    await Promise.all([nats?.stop(), redis?.stop()]);
  }, 30_000);

  it('delivers token, token_list and all pushes to every targeted device exactly once', async () => {
    const single = devices.slice(0, 20);
    const listed = devices.slice(20, 140);
    const expected = new Map<Device, string[]>(devices.map((d) => [d, []]));
    for (const d of single) {
      const answer = await push({ audience_type: 'token', token_list: [d.token] });
      expect(answer.ret_code).toBe(0);
      expected.get(d)!.push(answer.push_id);
    }
    const list = await push({ audience_type: 'token_list', token_list: listed.map((d) => d.token) });
    expect(list.ret_code).toBe(0);
    for (const d of listed) expected.get(d)!.push(list.push_id);
    const all = await push({ audience_type: 'all' });
    expect(all.ret_code).toBe(0);
    for (const d of devices) expected.get(d)!.push(all.push_id);

    await Promise.all(devices.map((d) => d.has(expected.get(d)!)));
    for (const d of devices) {
      expect([...d.got.keys()].sort()).toEqual([...expected.get(d)!].sort());
      expect([...d.got.values()].every((n) => n === 1)).toBe(true);
    }
  }, 30_000);

  it('delivers every accepted push when a gateway is killed -9 during a push stream', async () => {
    const accepted = new Map<Device, string[]>(devices.map((d) => [d, []]));
    const before = new Map(devices.map((d) => [d, new Set(d.got.keys())]));
    let killed: Promise<unknown> | undefined;
    for (let i = 0; i < 60; i++) {
      // Ten devices a push, spread over the swarm, so both gateways hold targets of most pushes.
      const targets = Array.from({ length: 10 }, (_, k) => devices[(i * 10 + k * 23) % DEVICES]!);
      const answer = await push({ audience_type: 'token_list', token_list: targets.map((d) => d.token) });
      // The api answers 0 only once a router logged the push; nothing else may pass for accepted.
      if (answer.ret_code === 0) for (const d of targets) accepted.get(d)!.push(answer.push_id);
      else expect(answer.ret_code).toBe(10100);
      if (i === 20) {
        const child: ChildProcess = gatewayA.child;
        child.kill('SIGKILL');
        killed = gatewayA.exited;
      }
    }
    await killed;
    const acceptedCount = new Set([...accepted.values()].flat()).size;
    expect(acceptedCount).toBeGreaterThan(50);
    await Promise.all(devices.map((d) => d.has(accepted.get(d)!)));
    for (const d of devices) {
      for (const id of accepted.get(d)!) expect(before.get(d)!.has(id)).toBe(false);
      expect([...d.got.values()].every((n) => n === 1)).toBe(true);
    }
    // The killed gateway held some of the swarm, which came back through the other one.
    expect(devices.filter((d) => d.disconnects > 0).length).toBeGreaterThan(0);
  }, 45_000);
});
