// A Homing cluster of real processes for end-to-end tests: nats-server -js and
// redis-server (appendonly) started on free ports, gateway, router and api
// processes started with `homing start --role ...`, and a swarm of SDK devices
// over the gateways. Each device counts the pushes its SDK passed on (after its
// dedup by message id), so a test can check "exactly once" per device.
import { newCredentials } from '../../src/cli/app-commands.js';
import { HomingClient } from '../../src/sdk/client.js';
import { openRedisStores } from '../../src/stores/redis/index.js';
import { startNatsServer, type TestNatsServer } from './nats-server.js';
import { freePort, startHomingProcess, type RunningHoming } from './process.js';
import { startRedisServer, type TestRedisServer } from './redis-server.js';

/** Each device's pushes by push id, counting every delivery the SDK passed on (after its dedup). */
export class Device {
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

  /** Resolves once every one of `ids` has arrived. */
  has(ids: readonly string[]): Promise<void> {
    if (ids.every((id) => this.got.has(id))) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ids: [...ids], resolve }));
  }

  /** Pushes counted more than once: the SDK's dedup should make this empty. */
  duplicates(): string[] {
    return [...this.got].filter(([, n]) => n > 1).map(([id]) => id);
  }
}

export interface ClusterLayout {
  /** Gateway node ids; those with `shared` listen on one port together (SO_REUSEPORT), the others on a port each. */
  gateways: Array<{ node: string; shared: boolean }>;
  routers: string[];
  devices: number;
  /** Extra environment for every role. */
  env?: Record<string, string>;
}

export interface PushAnswer {
  ret_code: number;
  push_id: string;
  err_msg: string;
}

export interface TestCluster {
  nats: TestNatsServer;
  redis: TestRedisServer;
  /** Every role process, by node id. */
  processes: Map<string, RunningHoming>;
  devices: Device[];
  /** Which gateway port each device connects to, same order as `devices`. */
  devicePorts: number[];
  /** POSTs an XG REST call as the test app; the JSON answer. */
  rest(path: string, body: unknown): Promise<Record<string, unknown>>;
  /** /v3/push/app with a notify message added to `body`. */
  push(body: Record<string, unknown>): Promise<PushAnswer>;
  stop(): Promise<void>;
}

/** Devices connect in batches: a connect storm of the whole swarm at once is the loadtest's job, not this one's. */
const CONNECT_BATCH = 100;

export async function startCluster(layout: ClusterLayout): Promise<TestCluster> {
  const [nats, redis] = await Promise.all([startNatsServer(), startRedisServer()]);
  const processes = new Map<string, RunningHoming>();
  const devices: Device[] = [];
  const stop = async () => {
    await Promise.all(devices.map((d) => d.client.close()));
    for (const p of processes.values()) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
    await Promise.all([...processes.values()].map((p) => p.exited));
    await Promise.all([nats.stop(), redis.stop()]);
  };
  try {
    const app = newCredentials();
    const stores = await openRedisStores(redis.url);
    await stores.apps.create({ ...app, name: 'cluster test', createdAt: Date.now() });
    await stores.close();

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
      ...layout.env,
    });
    const sharedPort = await freePort();
    const gatewayPorts: number[] = [];
    const starting: Array<Promise<void>> = [];
    const start = (node: string, vars: Record<string, string>) =>
      starting.push(startHomingProcess(vars).then((p) => void processes.set(node, p)));
    for (const { node, shared } of layout.gateways) {
      const port = shared ? sharedPort : await freePort();
      if (!gatewayPorts.includes(port)) gatewayPorts.push(port);
      start(node, env('gateway', node, port));
    }
    for (const node of layout.routers) start(node, env('router', node));
    const apiPort = await freePort();
    start('api', env('api', 'api', apiPort));
    // allSettled: a role that failed must not leave the others running unseen.
    const started = await Promise.allSettled(starting);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;

    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const authorization = `Basic ${Buffer.from(`${app.accessId}:${app.secretKey}`).toString('base64')}`;
    const rest = async (path: string, body: unknown) => {
      const res = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
      return (await res.json()) as Record<string, unknown>;
    };
    const push = (body: Record<string, unknown>) =>
      rest('/v3/push/app', { message_type: 'notify', message: { title: 't', content: 'c' }, ...body }) as Promise<unknown> as Promise<PushAnswer>;

    // Round robin over the ports: the shared one is balanced by the kernel between its gateways.
    const devicePorts = Array.from({ length: layout.devices }, (_, i) => gatewayPorts[i % gatewayPorts.length]!);
    for (let i = 0; i < layout.devices; i++) {
      const client = new HomingClient({
        url: `ws://127.0.0.1:${devicePorts[i]}/device`,
        deviceId: `cluster-device-${i}`,
        platform: 'android',
        apps: [{ accessId: app.accessId, accessKey: app.accessKey }],
        backoff: { initialMs: 100, maxMs: 1000 },
      });
      devices.push(new Device(client, app.accessId));
    }
    for (let i = 0; i < devices.length; i += CONNECT_BATCH) {
      await Promise.all(devices.slice(i, i + CONNECT_BATCH).map(async (d) => (d.token = (await d.client.connect())[0]!.token)));
    }
    return { nats, redis, processes, devices, devicePorts, rest, push, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Waits until every device has the push ids `expected` names for it. Bounded,
 * so a lost push fails with what is missing rather than a bare test timeout.
 */
export async function allArrive(expected: Map<Device, string[]>, boundMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const missing = [...expected].flatMap(([d, ids]) => ids.filter((id) => !d.got.has(id)).map((id) => `${d.token}:${id}`));
      reject(new Error(`${missing.length} deliveries missing after ${boundMs} ms, e.g. ${missing.slice(0, 5).join(', ')}`));
    }, boundMs);
  });
  try {
    await Promise.race([Promise.all([...expected].map(([d, ids]) => d.has(ids))), bound]);
  } finally {
    clearTimeout(timer);
  }
}

export interface StreamOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Called after each answer with the number of answers so far (ret_code 0 or not); may trigger a kill. */
  onAnswer?: (answers: number) => void;
}

export interface StreamResult {
  /** Push id → the devices it targeted, for every push answered ret_code 0. */
  accepted: Map<string, Device[]>;
  /** Answers that were not 0, by ret_code (each was retried). */
  refused: Map<number, number>;
}

/** What an app server does with "busy, retry": waits a moment and sends the push again. */
const RETRY_AFTER_MS = 100;
const RETRYABLE = new Set([10100]);

/**
 * Sends one token_list push to each target set `targets(i)` gives, i = 0, 1, …
 * until it gives none, `concurrency` at a time, retrying each answered 10100
 * as an app server would. Any other refusal fails.
 */
export async function pushStream(cluster: TestCluster, targets: (i: number) => Device[] | undefined, options: StreamOptions): Promise<StreamResult> {
  const accepted = new Map<string, Device[]>();
  const refused = new Map<number, number>();
  let next = 0;
  let answers = 0;
  let ended = false;
  const worker = async () => {
    while (!ended) {
      const devices = targets(next++);
      if (!devices) {
        ended = true;
        break;
      }
      for (;;) {
        const answer = await cluster.push({ audience_type: 'token_list', token_list: devices.map((d) => d.token) });
        options.onAnswer?.(++answers);
        if (answer.ret_code === 0) {
          accepted.set(answer.push_id, devices);
          break;
        }
        if (!RETRYABLE.has(answer.ret_code)) throw new Error(`push refused with ${answer.ret_code}: ${answer.err_msg}`);
        refused.set(answer.ret_code, (refused.get(answer.ret_code) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, RETRY_AFTER_MS));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { accepted, refused };
}

/** The expected push ids per device of a stream's accepted pushes. */
export function byDevice(accepted: Map<string, Device[]>): Map<Device, string[]> {
  const expected = new Map<Device, string[]>();
  for (const [pushId, devices] of accepted) {
    for (const d of devices) {
      const ids = expected.get(d);
      if (ids) ids.push(pushId);
      else expected.set(d, [pushId]);
    }
  }
  return expected;
}
