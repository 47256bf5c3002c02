// The cluster of real processes (issue 9, item 6): nats-server -js and
// redis-server (appendonly), three gateways (two sharing one port through
// SO_REUSEPORT, one on its own), two routers and an api, all started with
// `homing start --role ...`, and a swarm of SDK devices over the gateways.
//
// - token, token_list, tag (one tag: a broadcast; an expression: resolved to
//   tokens), account, account_list and `all` pushes reach every targeted device
//   exactly once after the SDK's dedup, with tags and accounts set through the
//   REST API;
// - then, each during a stream of pushes: a gateway killed -9 (its devices
//   reconnect to the others), a router killed -9 (the other takes the jobs),
//   redis-server killed -9 and restarted on its append-only file, nats-server
//   killed -9 and restarted on its JetStream store. Every push answered
//   ret_code 0 arrives exactly once; pushes answered 10100 are retried as an app
//   server would; and after each restart a broadcast reaches every device, so
//   the cluster recovered by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allArrive, byDevice, pushStream, startCluster, type Device, type TestCluster } from '../helpers/cluster.js';

/** Issue 9 asks for 3,000: the whole file takes about 20 s on the 2-core test machine. */
const DEVICES = 3000;
/** Devices per push of the failure streams, spread over the swarm so every gateway holds targets of most pushes. */
const TARGETS_PER_PUSH = 10;
/** Bounds for a wait on deliveries: generous, so only a lost push reaches them. */
const ARRIVAL_BOUND_MS = 25_000;

describe('cluster of real processes on NATS and Redis', () => {
  let cluster: TestCluster;
  let devices: Device[];

  beforeAll(async () => {
    cluster = await startCluster({
      gateways: [
        { node: 'gw-a', shared: true },
        { node: 'gw-b', shared: true },
        { node: 'gw-c', shared: false },
      ],
      routers: ['router-1', 'router-2'],
      devices: DEVICES,
      // A job whose router died never gets a reply: answer 10100 after 3 s, not the default 30.
      env: { HOMING_PUSH_JOB_TIMEOUT_SECONDS: '3' },
    });
    devices = cluster.devices;
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  /** The swarm's i-th push target set for a stream. */
  const spread = (i: number) => Array.from({ length: TARGETS_PER_PUSH }, (_, k) => devices[(i * TARGETS_PER_PUSH + k * 149) % DEVICES]!);

  /** Every device got each push once at most (the SDK's dedup). */
  const noDuplicates = () => expect(devices.flatMap((d) => d.duplicates())).toEqual([]);

  /** One `all` push after a failure: every device, on whichever gateway it is now, gets it. */
  async function broadcastReachesAll() {
    let answer = await cluster.push({ audience_type: 'all' });
    // The first push after a restart may meet a connection still coming back: retry, as an app server would.
    while (answer.ret_code === 10100) {
      await new Promise((r) => setTimeout(r, 100));
      answer = await cluster.push({ audience_type: 'all' });
    }
    expect(answer.ret_code).toBe(0);
    await allArrive(new Map(devices.map((d) => [d, [answer.push_id]])), ARRIVAL_BOUND_MS);
  }

  it('delivers token, token_list, tag, account and all pushes to every targeted device exactly once', async () => {
    const ok = (answer: Record<string, unknown>) => expect(answer).toMatchObject({ ret_code: 0 });
    // Tags through the REST API: vip on every 5th device, city:sz on every 3rd.
    const vip = devices.filter((_, i) => i % 5 === 0);
    const sz = devices.filter((_, i) => i % 3 === 0);
    for (const [tag, tagged] of [['vip', vip], ['city:sz', sz]] as const) {
      for (let i = 0; i < tagged.length; i += 20) {
        ok(await cluster.rest('/v3/device/tag', { operator_type: 7, tag_list: [tag], token_list: tagged.slice(i, i + 20).map((d) => d.token) }));
      }
    }
    // Accounts: user-<i> on every 7th device; family on devices 1 and 2 (one account, two devices).
    const withAccount = devices.map((d, i) => ({ d, i })).filter(({ i }) => i % 7 === 0);
    for (let i = 0; i < withAccount.length; i += 20) {
      const token_accounts = withAccount.slice(i, i + 20).map(({ d, i: n }) => ({ token: d.token, account_list: [{ account: `user-${n}`, account_type: 0 }] }));
      ok(await cluster.rest('/v3/device/account/batchoperate', { operator_type: 1, token_accounts }));
    }
    const family = [devices[1]!, devices[2]!];
    ok(await cluster.rest('/v3/device/account/batchoperate', { operator_type: 1, token_accounts: family.map((d) => ({ token: d.token, account_list: [{ account: 'family', account_type: 0 }] })) }));

    const expected = new Map<Device, string[]>(devices.map((d) => [d, []]));
    const sent = async (body: Record<string, unknown>, targets: Device[]) => {
      const answer = await cluster.push(body);
      expect(answer, JSON.stringify(body).slice(0, 200)).toMatchObject({ ret_code: 0 });
      for (const d of targets) expected.get(d)!.push(answer.push_id);
    };
    for (const d of devices.slice(0, 20)) await sent({ audience_type: 'token', token_list: [d.token] }, [d]);
    const listed = devices.slice(20, 1020);
    await sent({ audience_type: 'token_list', token_list: listed.map((d) => d.token) }, listed);
    await sent({ audience_type: 'tag', tag_list: { tags: ['vip'], op: 'OR' } }, vip);
    await sent({ audience_type: 'tag', tag_list: { tags: ['vip', 'city:sz'], op: 'AND' } }, devices.filter((_, i) => i % 15 === 0));
    await sent({ audience_type: 'tag', tag_list: { tags: ['vip', 'city:sz'], op: 'OR' } }, devices.filter((_, i) => i % 5 === 0 || i % 3 === 0));
    await sent({ audience_type: 'account', account_list: ['family'], account_type: 0, account_push_type: 1 }, family);
    await sent({ audience_type: 'account_list', account_list: withAccount.map(({ i }) => `user-${i}`), account_type: 0, push_id: '0' }, withAccount.map(({ d }) => d));
    await sent({ audience_type: 'all' }, devices);

    await allArrive(expected, ARRIVAL_BOUND_MS);
    for (const d of devices) expect([...d.got.keys()].sort()).toEqual([...expected.get(d)!].sort());
    noDuplicates();
  }, 60_000);

  /**
   * A push stream with a failure in its middle: `fail` starts after 20 answers,
   * and the stream goes on until it has completed and 20 more pushes went out.
   * Every push ends up answered 0 (10100s are retried): all must arrive once.
   */
  async function streamAround(offset: number, concurrency: number, fail: () => Promise<unknown>) {
    let failing: Promise<unknown> | undefined;
    let after = -1;
    const stream = await pushStream(cluster, (i) => (i >= 1000 || (after >= 0 && after++ >= 20) ? undefined : spread(i + offset)), {
      concurrency,
      onAnswer: (n) => void (n === 20 && (failing = fail().finally(() => (after = 0)))),
    });
    await failing;
    expect(stream.accepted.size).toBeGreaterThanOrEqual(40);
    await allArrive(byDevice(stream.accepted), ARRIVAL_BOUND_MS);
    noDuplicates();
    return stream;
  }

  it('delivers every accepted push when a gateway is killed -9 during a push stream', async () => {
    const gateway = cluster.processes.get('gw-a')!;
    await streamAround(0, 2, () => (gateway.child.kill('SIGKILL'), gateway.exited));
    // The killed gateway held part of the swarm, which came back through the others.
    expect(devices.filter((d) => d.disconnects > 0).length).toBeGreaterThan(0);
  }, 60_000);

  it('completes the jobs when a router is killed -9 with pushes in flight', async () => {
    const router = cluster.processes.get('router-1')!;
    await streamAround(100, 4, () => (router.child.kill('SIGKILL'), router.exited));
    await broadcastReachesAll();
  }, 60_000);

  it('recovers by itself when redis-server is killed -9 and restarted, losing nothing accepted', async () => {
    await streamAround(200, 2, () => cluster.redis.restart({ kill: true }));
    await broadcastReachesAll();
  }, 60_000);

  it('recovers by itself when nats-server is killed -9 and restarted, losing nothing accepted', async () => {
    await streamAround(300, 2, () => cluster.nats.restart({ kill: true }));
    await broadcastReachesAll();
  }, 60_000);
});
