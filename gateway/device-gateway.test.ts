// The gateway core without sockets: ordering, duplicates, acks, flow control
// and slow consumers, driven through MemoryTransport and the in-memory stores.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeClientFrame, type ClientFrame } from '../proto/codec.js';
import { InProcessBus } from '../src/bus/in-process-bus.js';
import { DeviceError } from '../src/errors.js';
import { createLogger } from '../src/log.js';
import { offlineRef, type PushMessage, type Receipt } from '../src/messages.js';
import { Metrics } from '../src/metrics.js';
import { openMemoryStores } from '../src/stores/index.js';
import type { PushRecord, Stores } from '../src/stores/types.js';
import { DeviceGateway, type GatewayLimits } from './device-gateway.js';
import { MemoryTransport } from './memory-transport.js';
import type { DeviceSession } from './session.js';

const APP = { accessId: '1500000001', accessKey: 'AKEYKEYKEY01', secretKey: 's', name: 'a', createdAt: 0 };

let stores: Stores;
let bus: InProcessBus;
let gateway: DeviceGateway;
/** The previous test's gateway: shut down so its timers and late receipts end with it. */
let previous: DeviceGateway | undefined;
let receipts: Receipt[];
let clock: { now: number };

function start(limits: Partial<GatewayLimits> = {}) {
  bus = new InProcessBus();
  const mine: Receipt[] = (receipts = []);
  bus.onReceipts((batch) => mine.push(...batch));
  previous?.shutdown('next gateway', 0);
  previous = gateway = new DeviceGateway({
    nodeId: 'n1', apps: stores.apps, devices: stores.devices, routes: stores.routes, offline: stores.offline, pushes: stores.pushes, bus,
    limits: { heartbeatSeconds: 60, maxFrameBytes: 4096, maxAppsPerSocket: 4, inflightWindow: 64, ackTimeoutMs: 30_000, ...limits },
    log: createLogger('silent'), metrics: new Metrics(), now: () => clock.now,
  });
}

beforeEach(async () => {
  stores = openMemoryStores();
  await stores.apps.create(APP);
  clock = { now: Date.now() };
  start();
});

function frame(session: DeviceSession, f: ClientFrame) {
  gateway.message(session, encodeClientFrame(f), true);
}

/** Resolves once the session's hello and first offline read are done. */
async function connect(transport = new MemoryTransport(), resume?: { token: string; secret: string }) {
  const session = gateway.open(transport);
  frame(session, { hello: { deviceId: 'd', apps: [{ accessId: APP.accessId, accessKey: APP.accessKey, token: resume?.token, tokenSecret: resume?.secret }] } });
  await expect.poll(() => session.state === 'ready' && !session.backlog).toBe(true);
  const secret = transport.framesOf('welcome')[0]!.welcome!.apps![0]!.tokenSecret!;
  return { session, transport, token: session.tokenOf(APP.accessId)!, secret };
}

/** A push with a record in the store (drains read content from it). */
async function message(id: number, expiresAt = clock.now + 60_000): Promise<PushMessage> {
  const record: PushRecord = {
    pushId: String(id), accessId: APP.accessId, audienceType: 'token', kind: 'notify', title: '', content: `m${id}`, customContent: '',
    message: {}, platform: 'all', environment: 'product', expireTime: 60, createdAt: 0,
  };
  await stores.pushes.create(record);
  return { pushId: String(id), seq: String(id), accessId: APP.accessId, kind: 'notify', title: '', content: `m${id}`, customContent: '', expiresAt, sentAt: 0 };
}

const contents = (t: MemoryTransport) => t.framesOf('push').map((f) => f.push!.content);
const kinds = () => receipts.map((r) => `${r.kind}:${r.pushId}${r.live ? ':live' : ''}`);

describe('DeviceGateway', () => {
  it('registers the route on hello and removes it on close', async () => {
    const { session, token } = await connect();
    expect(await stores.routes.lookup([token])).toEqual(['n1']);
    gateway.closed(session);
    await expect.poll(() => stores.routes.lookup([token])).toEqual([undefined]);
  });

  it('sends the offline queue first; live traffic that arrives during the read waits behind it', async () => {
    const first = await connect();
    gateway.closed(first.session);
    const [m10, m11, m12] = await Promise.all([message(10), message(11), message(12)]);
    await stores.offline.append([offlineRef(m10, first.token), offlineRef(m11, first.token)]);
    // Hold the offline read open so a live delivery is sure to arrive during it.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const page = stores.offline.page.bind(stores.offline);
    stores.offline.page = async (...args) => {
      await gate;
      return page(...args);
    };
    const transport = new MemoryTransport();
    const session = gateway.open(transport);
    frame(session, { hello: { deviceId: 'd', apps: [{ accessId: APP.accessId, accessKey: APP.accessKey, token: first.token, tokenSecret: first.secret }] } });
    await expect.poll(() => session.state).toBe('ready');
    gateway.handleCommand({ kind: 'deliver', message: m12, tokens: [first.token] });
    expect(transport.framesOf('push')).toHaveLength(0);
    release();
    await expect.poll(() => contents(transport)).toEqual(['m10', 'm11', 'm12']);
  });

  it('refuses a resume with a wrong secret and delivers nothing', async () => {
    const first = await connect();
    gateway.closed(first.session);
    await stores.offline.append([offlineRef(await message(10), first.token)]);
    const transport = new MemoryTransport();
    const session = gateway.open(transport);
    frame(session, { hello: { deviceId: 'd', apps: [{ accessId: APP.accessId, accessKey: APP.accessKey, token: first.token, tokenSecret: 'x' }] } });
    await expect.poll(() => transport.closedWith?.code).toBe(DeviceError.BAD_TOKEN_SECRET);
    expect(transport.framesOf('push')).toHaveLength(0);
  });

  it('sends each message once per socket, however often it is offered', async () => {
    const { token, transport } = await connect();
    const m = await message(7);
    gateway.handleCommand({ kind: 'deliver', message: m, tokens: [token, token] });
    await stores.offline.append([offlineRef(m, token)]);
    gateway.handleCommand({ kind: 'drain', tokens: [token] });
    await expect.poll(() => kinds()).toContain('settled:7:live');
    gateway.handleCommand({ kind: 'deliver', message: m, tokens: [token] });
    expect(transport.framesOf('push')).toHaveLength(1);
  });

  it('counts the ack of a live delivery at once and stores nothing for it', async () => {
    const { session, token, transport } = await connect();
    gateway.handleCommand({ kind: 'deliver', message: await message(8), tokens: [token] });
    await expect.poll(() => transport.framesOf('push').length).toBe(1);
    frame(session, { ack: { messageIds: ['8', 'unknown'] } });
    await expect.poll(() => kinds()).toEqual(['ack:8:live']);
    expect(await stores.offline.depth()).toBe(0);
    expect(session.inflightCount).toBe(0);
  });

  it('removes the ref of an acked offline delivery and counts it once, however often acked', async () => {
    const { session, token, transport } = await connect();
    const m = await message(8);
    await stores.offline.append([offlineRef(m, token)]);
    gateway.handleCommand({ kind: 'drain', tokens: [token] });
    await expect.poll(() => transport.framesOf('push').length).toBe(1);
    frame(session, { ack: { messageIds: ['8'] } });
    frame(session, { ack: { messageIds: ['8'] } });
    await expect.poll(() => stores.offline.depth()).toBe(0);
    await expect.poll(() => kinds()).toEqual(['ack:8']);
  });

  it('never sends an expired message and reports it as expired', async () => {
    const { session, token, transport } = await connect();
    await stores.offline.append([offlineRef(await message(9, clock.now - 1), token)]);
    gateway.handleCommand({ kind: 'drain', tokens: [token] });
    await expect.poll(() => kinds()).toEqual(['expired:9']);
    expect(transport.framesOf('push')).toHaveLength(0);
    expect(session.isOpen).toBe(true);
  });

  it('keeps at most the window in flight; the rest waits in storage and follows as acks come, in order', async () => {
    start({ inflightWindow: 4 });
    const { session, token, transport } = await connect();
    const messages = await Promise.all(Array.from({ length: 10 }, (_, i) => message(100 + i)));
    for (const m of messages) gateway.handleCommand({ kind: 'deliver', message: m, tokens: [token] });
    await expect.poll(() => stores.offline.depth()).toBe(6);
    expect(contents(transport)).toEqual(['m100', 'm101', 'm102', 'm103']);
    while (contents(transport).length < 10) {
      const unacked = transport.framesOf('push').map((f) => f.push!.messageId!).filter((id) => session.isInflight(id));
      expect(unacked.length).toBeLessThanOrEqual(4);
      frame(session, { ack: { messageIds: unacked } });
      await expect.poll(() => session.inflightCount === 0 || session.inflightCount === 4).toBe(true);
    }
    frame(session, { ack: { messageIds: transport.framesOf('push').map((f) => f.push!.messageId!) } });
    expect(contents(transport)).toEqual(messages.map((m) => m.content));
    await expect.poll(() => stores.offline.depth()).toBe(0);
    await expect.poll(() => receipts.filter((r) => r.kind === 'ack').length).toBe(10);
  });

  it('pauses while the transport is backed up and resumes on its drain event', async () => {
    const { session, token, transport } = await connect();
    transport.buffered = true;
    const [a, b, c] = await Promise.all([message(1), message(2), message(3)]);
    gateway.handleCommand({ kind: 'deliver', message: a, tokens: [token] });
    gateway.handleCommand({ kind: 'deliver', message: b, tokens: [token] });
    gateway.handleCommand({ kind: 'deliver', message: c, tokens: [token] });
    await expect.poll(() => stores.offline.depth()).toBe(2);
    expect(contents(transport)).toEqual(['m1']);
    transport.drain();
    gateway.writable(session);
    await expect.poll(() => contents(transport)).toEqual(['m1', 'm2', 'm3']);
  });

  it('stores what a closing socket had in flight, and the next socket gets it', async () => {
    const first = await connect();
    gateway.handleCommand({ kind: 'deliver', message: await message(5), tokens: [first.token] });
    await expect.poll(() => first.transport.framesOf('push').length).toBe(1);
    gateway.closed(first.session);
    await expect.poll(() => kinds()).toEqual(['settled:5:live']);
    expect(await stores.offline.depth()).toBe(1);
    const again = await connect(new MemoryTransport(), { token: first.token, secret: first.secret });
    await expect.poll(() => contents(again.transport)).toEqual(['m5']);
  });

  it('stores a live delivery whose ack is overdue; a late ack then removes it and counts once', async () => {
    start({ ackTimeoutMs: 40 });
    const { session, token } = await connect();
    gateway.handleCommand({ kind: 'deliver', message: await message(6), tokens: [token] });
    clock.now += 1000;
    await expect.poll(() => kinds(), { timeout: 5000 }).toEqual(['settled:6:live']);
    expect(await stores.offline.depth()).toBe(1);
    expect(session.isInflight('6')).toBe(true);
    frame(session, { ack: { messageIds: ['6'] } });
    await expect.poll(() => stores.offline.depth()).toBe(0);
    await expect.poll(() => kinds()).toEqual(['settled:6:live', 'ack:6']);
  });

  it('an ack that overtakes the write of its ref still removes it and counts once', async () => {
    start({ ackTimeoutMs: 40 });
    const { session, token } = await connect();
    let commit!: () => void;
    const committed = new Promise<void>((r) => (commit = r));
    const append = stores.offline.append.bind(stores.offline);
    stores.offline.append = async (refs) => {
      await committed;
      return append(refs);
    };
    gateway.handleCommand({ kind: 'deliver', message: await message(4), tokens: [token] });
    clock.now += 1000;
    await expect.poll(() => session.getInflight('4')?.stored !== undefined, { timeout: 5000 }).toBe(true);
    frame(session, { ack: { messageIds: ['4'] } }); // before the ref's write has committed
    commit();
    await expect.poll(() => kinds()).toEqual(['settled:4:live', 'ack:4']);
    expect(await stores.offline.depth()).toBe(0);
  });

  it('closes a slow consumer with SLOW_CONSUMER, telling it why, and keeps what it had in flight', async () => {
    const { session, token, transport } = await connect(new MemoryTransport(600));
    const big = async (id: number) => ({ ...(await message(id)), content: 'x'.repeat(400) });
    gateway.handleCommand({ kind: 'deliver', message: await big(1), tokens: [token] });
    gateway.handleCommand({ kind: 'deliver', message: await big(2), tokens: [token] });
    expect(transport.closedWith?.code).toBe(DeviceError.SLOW_CONSUMER);
    expect(transport.framesOf('error').map((f) => f.error!.code)).toEqual([DeviceError.SLOW_CONSUMER]);
    expect(session.isOpen).toBe(false);
    expect(gateway.socketCount).toBe(0);
    await expect.poll(() => stores.offline.depth()).toBe(2);
  });
});
