// What only the cluster stores must get right, against a real redis-server and
// nats-server -js: the push log read in seq order whatever order appends reach
// the stream, entries gone from the stream, retried appends, failures that
// leave nothing behind, several processes racing on the offline index, the
// offline expiry index kept across slots, and kill -9 of both servers. What
// every store implementation must do is in ../stores.contract.test.ts.
import { Redis } from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startNatsServer, type TestNatsServer } from '../../../test/helpers/nats-server.js';
import { freePort } from '../../../test/helpers/process.js';
import { startRedisServer, type TestRedisServer } from '../../../test/helpers/redis-server.js';
import { findBinary, spawnUntilReady, stopProcess } from '../../../test/helpers/server-process.js';
import { subjects } from '../../bus/subjects.js';
import { compareMessageIds } from '../../messages.js';
import { NOW, ids, push, ref } from '../contract-fixtures.js';
import { keys } from '../redis/keys.js';
import { openClusterStores, type ClusterStoreOptions, type ClusterStores } from './index.js';

let redisServer: TestRedisServer;
let natsServer: TestNatsServer;
let nc: NatsConnection;
let opened: ClusterStores[] = [];
let clients: Redis[] = [];
let n = 0;

beforeAll(async () => {
  [redisServer, natsServer] = await Promise.all([startRedisServer(), startNatsServer()]);
  nc = await connect({ servers: natsServer.url, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
});
afterAll(async () => {
  await nc.close();
  await Promise.all([redisServer.stop(), natsServer.stop()]);
});
beforeEach(() => {
  n++;
});
afterEach(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await Promise.all(clients.map((c) => c.quit()));
  opened = [];
  clients = [];
});

/** Stores over this test's key prefix and stream: each open() is another process of the same cluster. */
async function open(options: Partial<ClusterStoreOptions> = {}): Promise<ClusterStores> {
  const stores = await openClusterStores({ redisUrl: redisServer.url, natsUrl: natsServer.url, keyPrefix: `c${n}:`, pushLog: { namespace: `c${n}` }, ...options });
  opened.push(stores);
  return stores;
}

/** A plain client over this test's keys, to look at what the stores wrote. */
function redis(): Redis {
  const client = new Redis(redisServer.url, { keyPrefix: `c${n}:` });
  clients.push(client);
  return client;
}

const seqs = (entries: Array<{ seq: string }>) => entries.map((e) => e.seq);

describe('cluster push log', () => {
  it('reads the log in seq order when appends from several processes reach the stream out of order', async () => {
    const [a, b] = [await open(), await open()];
    // b allocates from a later id block than a, and publishes first.
    await b.pushes.create(push('2000', 'app', 2), ['t2']);
    await a.pushes.create(push('1000', 'app', 1), ['t1']);
    await a.pushes.appendTargets({ seq: '1001', pushId: '1000', tokens: ['t3'] });
    expect(await b.pushes.entriesAfter(undefined, 10)).toEqual([
      { seq: '1000', pushId: '1000', tokens: ['t1'] },
      { seq: '1001', pushId: '1000', tokens: ['t3'] },
      { seq: '2000', pushId: '2000', tokens: ['t2'] },
    ]);
    expect(seqs(await a.pushes.entriesAfter('1000', 1))).toEqual(['1001']);
    expect(seqs(await a.pushes.entriesAfter('1001', 10))).toEqual(['2000']);
  });

  it('stores an append retried with the same seq once', async () => {
    const stores = await open();
    const entry = { seq: '500', pushId: '400', tokens: ['t1'] };
    await stores.pushes.appendTargets(entry);
    await stores.pushes.appendTargets(entry);
    expect(await stores.pushes.entriesAfter(undefined, 10)).toEqual([entry]);
    const jsm = await nc.jetstreamManager();
    expect((await jsm.streams.info(subjects.pushLogStream(`c${n}`))).state.messages).toBe(1);
  });

  it('skips entries whose message left the stream, a whole page of them too, and forgets them', async () => {
    const stores = await open();
    for (const id of ids(1, 5)) await stores.pushes.create(push(id, 'app', 1), [`t${id}`]);
    const jsm = await nc.jetstreamManager();
    // Stream sequences 1-3 hold seqs 1-3 (appended one at a time, in order); as if aged out.
    for (const streamSeq of [1, 2, 3]) await jsm.streams.deleteMessage(subjects.pushLogStream(`c${n}`), streamSeq);
    expect(seqs(await stores.pushes.entriesAfter(undefined, 2))).toEqual(['4']);
    expect(seqs(await stores.pushes.entriesAfter('4', 2))).toEqual(['5']);
    expect(await redis().zcard(keys.pushLogIndex)).toBe(2);
    expect(await stores.pushes.get('1')).toEqual(push('1', 'app', 1)); // records stay for the statistics
  });

  it('trims index entries whose message aged out, with no read meeting them (routers in cluster mode replay nothing)', async () => {
    const stores = await open();
    for (const id of ids(1, 5)) await stores.pushes.create(push(id, 'app', 1), [`t${id}`]);
    const jsm = await nc.jetstreamManager();
    for (const streamSeq of [1, 2]) await jsm.streams.deleteMessage(subjects.pushLogStream(`c${n}`), streamSeq);
    expect(await stores.pushes.trimLog(10)).toBe(2);
    expect(await redis().zcard(keys.pushLogIndex)).toBe(3);
    expect(await stores.pushes.trimLog(10)).toBe(0);
    expect(seqs(await stores.pushes.entriesAfter(undefined, 10))).toEqual(['3', '4', '5']);
  });

  it('rejects a create that JetStream refuses and leaves no record or listing behind', async () => {
    const stores = await open();
    const tooMany = Array.from({ length: 30_000 }, (_, i) => `token-${String(i).padStart(40, '0')}`); // > 1 MB max_payload
    await expect(stores.pushes.create(push('77', 'app', 1), tooMany)).rejects.toThrow();
    expect(await stores.pushes.get('77')).toBeUndefined();
    expect(await stores.pushes.list('app', 0, 10, 10)).toEqual([]);
    expect(await stores.pushes.entriesAfter(undefined, 10)).toEqual([]);
    await stores.pushes.create(push('77', 'app', 1), ['t1']); // the id was not claimed for good
    expect(seqs(await stores.pushes.entriesAfter(undefined, 10))).toEqual(['77']);
  });

  it('keeps what it acknowledged through kill -9 of nats-server and redis-server, and appends again after', async () => {
    const stores = await open();
    await stores.pushes.create(push('100', 'a1', 5), ['t1', 't2']);
    await stores.pushes.appendTargets({ seq: '101', pushId: '100', tokens: ['t3'] });
    await stores.pushes.addCounters(new Map([['100', { arrived: 1, targets: 3 }]]), { checkpoint: '99', acked: ['100 t1'] });
    await stores.offline.append([ref('t2', '100', NOW + 60_000)]);

    await natsServer.restart({ kill: true });
    await redisServer.restart({ kill: true });

    const fresh = await open();
    expect(await fresh.pushes.entriesAfter('99', 10)).toEqual([
      { seq: '100', pushId: '100', tokens: ['t1', 't2'] },
      { seq: '101', pushId: '100', tokens: ['t3'] },
    ]);
    expect(await fresh.pushes.progress()).toEqual({ checkpoint: '99', acked: ['100 t1'] });
    expect(await fresh.pushes.counters('100')).toMatchObject({ arrived: 1, targets: 3 });
    expect((await fresh.offline.page('t2', undefined, 10, NOW)).refs).toEqual([ref('t2', '100', NOW + 60_000)]);
    // The first process reconnected to both by itself.
    await stores.pushes.appendTargets({ seq: '102', pushId: '100', tokens: ['t4'] });
    expect(seqs(await fresh.pushes.entriesAfter('101', 10))).toEqual(['102']);
  });

  it('refuses to open when NATS cannot be reached, naming the URL without its password', async () => {
    const port = await freePort();
    const failure = open({ natsUrl: `nats://homing:s3cret@127.0.0.1:${port}` });
    await expect(failure).rejects.toThrowError(/cannot connect to NATS at nats:\/\/homing:\*\*\*@127\.0\.0\.1/);
    await expect(failure).rejects.not.toThrowError(/s3cret/);
  });

  it('refuses to open on a nats-server without JetStream, saying so', async () => {
    const plain = await spawnUntilReady(findBinary('nats-server', 'nats-server'), ['-a', '127.0.0.1', '-p', '-1'], /Listening for client connections on [^:\s]+:(\d+)/);
    try {
      await expect(open({ natsUrl: `nats://127.0.0.1:${plain.match[1]}` })).rejects.toThrowError(/push log on JetStream \(is nats-server running with -js\?\)/);
    } finally {
      await stopProcess(plain, 'SIGTERM');
    }
  });
});

describe('cluster offline index', () => {
  const LATER = NOW + 60_000;

  it("leaves an acked ref's expiry entry until it is due; the sweep then drops it and reports nothing", async () => {
    const { offline } = await open();
    await offline.append([ref('tok', '1', LATER)]);
    expect(await offline.remove('tok', ['1'])).toEqual(['1']);
    expect(await redis().zcard(keys.offlineExpiry)).toBe(1);
    expect(await offline.sweepExpired(LATER, 10)).toEqual([]);
    expect(await redis().zcard(keys.offlineExpiry)).toBe(0);
    expect(await offline.depth()).toBe(0);
  });

  it('sweeps a ref re-appended with a later expiry at that expiry, not at the first one', async () => {
    const { offline } = await open();
    await offline.append([ref('tok', '1', LATER)]);
    await offline.remove('tok', ['1']);
    await offline.append([ref('tok', '1', LATER + 10)]); // its entry keeps the earlier score
    expect(await offline.sweepExpired(LATER, 10)).toEqual([]);
    expect(await redis().zscore(keys.offlineExpiry, '1 tok')).toBe(String(LATER + 10));
    expect(await offline.sweepExpired(LATER + 10, 10)).toEqual([ref('tok', '1', LATER + 10)]);
    expect(await offline.depth()).toBe(0);
  });

  it('drops an expiry entry whose ref was never stored (a process died between the two writes)', async () => {
    const { offline } = await open();
    await redis().zadd(keys.offlineExpiry, NOW - 1, '5 tok');
    await offline.append([ref('tok', '6', NOW - 1)]);
    expect(await offline.sweepExpired(NOW, 10)).toEqual([ref('tok', '6', NOW - 1)]);
    expect(await redis().zcard(keys.offlineExpiry)).toBe(0);
    expect(await offline.depth()).toBe(0);
  });

  it('keeps depth exact and hands every ref out once when several processes race', async () => {
    const processes = [await open(), await open(), await open()];
    const refs = ids(1, 300).map((id) => ref(`t${Number(id) % 5}`, id, Number(id) <= 100 ? NOW - 1 : LATER));
    await Promise.all(processes.map(({ offline }) => offline.append(refs)));
    expect(await processes[0]!.offline.depth()).toBe(300);

    const acks = ids(201, 300);
    const removed = await Promise.all(
      processes.flatMap(({ offline }) => [0, 1, 2, 3, 4].map((t) => offline.remove(`t${t}`, acks.filter((id) => Number(id) % 5 === t)))),
    );
    expect(removed.flat().sort(compareMessageIds)).toEqual(acks);

    const [swept, ...pages] = await Promise.all([
      processes[0]!.offline.sweepExpired(NOW, 1000),
      ...processes.slice(1).flatMap(({ offline }) => [0, 1, 2, 3, 4].map((t) => offline.page(`t${t}`, undefined, 1000, NOW))),
    ]);
    const expired = [...(swept as typeof refs), ...pages.flatMap((p) => (p as { expired: typeof refs }).expired)];
    expect(expired.map((r) => r.pushId).sort(compareMessageIds)).toEqual(ids(1, 100));
    expect(await processes[2]!.offline.depth()).toBe(100);
  });
});
