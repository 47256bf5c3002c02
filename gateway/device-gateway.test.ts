// The gateway core without sockets: ordering, duplicates, acks and slow
// consumers, driven through MemoryTransport and the in-memory stores.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeClientFrame, type ClientFrame } from '../proto/codec.js';
import { InProcessBus } from '../src/bus/in-process-bus.js';
import { DeviceError } from '../src/errors.js';
import { createLogger } from '../src/log.js';
import type { Delivery, Receipt } from '../src/messages.js';
import { Metrics } from '../src/metrics.js';
import { openMemoryStores } from '../src/stores/index.js';
import type { Stores } from '../src/stores/types.js';
import { DeviceGateway } from './device-gateway.js';
import { MemoryTransport } from './memory-transport.js';
import type { DeviceSession } from './session.js';

const APP = { accessId: '1500000001', accessKey: 'AKEYKEYKEY01', secretKey: 's', name: 'a', createdAt: 0 };

let stores: Stores;
let bus: InProcessBus;
let gateway: DeviceGateway;
let receipts: Receipt[];

beforeEach(async () => {
  stores = openMemoryStores();
  await stores.apps.create(APP);
  bus = new InProcessBus();
  receipts = [];
  bus.onReceipts((batch) => receipts.push(...batch));
  gateway = new DeviceGateway({
    nodeId: 'n1', apps: stores.apps, devices: stores.devices, routes: stores.routes, offline: stores.offline, bus,
    limits: { heartbeatSeconds: 60, maxFrameBytes: 4096, maxAppsPerSocket: 4 },
    log: createLogger('silent'), metrics: new Metrics(),
  });
});

function frame(session: DeviceSession, f: ClientFrame) {
  gateway.message(session, encodeClientFrame(f), true);
}

/** Resolves once the session's hello and first offline read are done. */
async function connect(transport = new MemoryTransport()) {
  const session = gateway.open(transport);
  frame(session, { hello: { deviceId: 'd', apps: [{ accessId: APP.accessId, accessKey: APP.accessKey }] } });
  await expect.poll(() => session.state === 'ready' && session.draining === 0).toBe(true);
  return { session, transport, token: session.tokenOf(APP.accessId)! };
}

function delivery(token: string, id: number, expiresAt = Date.now() + 60_000): Delivery {
  return { messageId: String(id), pushId: String(id), accessId: APP.accessId, token, kind: 'notify', title: '', content: `m${id}`, customContent: '', expiresAt, sentAt: 0 };
}

describe('DeviceGateway', () => {
  it('registers the route on hello and removes it on close', async () => {
    const { session, token } = await connect();
    expect(await stores.routes.lookup([token])).toEqual(['n1']);
    gateway.closed(session);
    await expect.poll(() => stores.routes.lookup([token])).toEqual([undefined]);
  });

  it('holds live deliveries while the offline queue is read, then sends them after it', async () => {
    const first = await connect();
    const secret = first.transport.framesOf('welcome')[0]!.welcome!.apps![0]!.tokenSecret!;
    gateway.closed(first.session);
    await stores.offline.append([delivery(first.token, 10), delivery(first.token, 11)]);
    // Hold the offline read open so a live delivery is sure to arrive during it.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const read = stores.offline.read.bind(stores.offline);
    stores.offline.read = async (token, now) => {
      await gate;
      return read(token, now);
    };
    const transport = new MemoryTransport();
    const session = gateway.open(transport);
    frame(session, { hello: { deviceId: 'd', apps: [{ accessId: APP.accessId, accessKey: APP.accessKey, token: first.token, tokenSecret: secret }] } });
    await expect.poll(() => session.state).toBe('ready');
    gateway.handleCommand({ kind: 'deliver', deliveries: [delivery(first.token, 12)] });
    expect(transport.framesOf('push')).toHaveLength(0);
    release();
    await expect.poll(() => transport.framesOf('push').map((f) => f.push!.content)).toEqual(['m10', 'm11', 'm12']);
  });

  it('refuses a resume with a wrong secret and delivers nothing', async () => {
    const first = await connect();
    gateway.closed(first.session);
    await stores.offline.append([delivery(first.token, 10)]);
    const transport = new MemoryTransport();
    const session = gateway.open(transport);
    frame(session, { hello: { deviceId: 'd', apps: [{ accessId: APP.accessId, accessKey: APP.accessKey, token: first.token, tokenSecret: 'x' }] } });
    await expect.poll(() => transport.closedWith?.code).toBe(DeviceError.BAD_TOKEN_SECRET);
    expect(transport.framesOf('push')).toHaveLength(0);
  });

  it('sends each message once per socket, however often it is offered', async () => {
    const { token, transport } = await connect();
    const d = delivery(token, 7);
    gateway.handleCommand({ kind: 'deliver', deliveries: [d, d] });
    await stores.offline.append([d]);
    gateway.handleCommand({ kind: 'drain', tokens: [token] });
    await expect.poll(() => transport.framesOf('push').length).toBe(1);
    gateway.handleCommand({ kind: 'deliver', deliveries: [d] });
    expect(transport.framesOf('push')).toHaveLength(1);
  });

  it('removes acked messages from offline storage and reports the ack', async () => {
    const { session, token, transport } = await connect();
    const d = delivery(token, 8);
    await stores.offline.append([d]);
    gateway.handleCommand({ kind: 'deliver', deliveries: [d] });
    frame(session, { ack: { messageIds: ['8', 'unknown'] } });
    await expect.poll(() => stores.offline.depth()).toBe(0);
    await expect.poll(() => receipts.map((r) => `${r.kind}:${r.messageId}`)).toEqual(['ack:8']);
    expect(transport.framesOf('push')).toHaveLength(1);
  });

  it('never sends an expired message and reports it as expired', async () => {
    const { session, token, transport } = await connect();
    await stores.offline.append([delivery(token, 9, Date.now() - 1)]);
    gateway.handleCommand({ kind: 'drain', tokens: [token] });
    await expect.poll(() => receipts.map((r) => `${r.kind}:${r.messageId}`)).toEqual(['expired:9']);
    expect(transport.framesOf('push')).toHaveLength(0);
    expect(session.isOpen).toBe(true);
  });

  it('closes a slow consumer with SLOW_CONSUMER once its queue is full', async () => {
    const { session, token, transport } = await connect(new MemoryTransport(600));
    const big = (id: number) => ({ ...delivery(token, id), content: 'x'.repeat(200) });
    gateway.handleCommand({ kind: 'deliver', deliveries: [big(1), big(2), big(3), big(4)] });
    expect(transport.closedWith?.code).toBe(DeviceError.SLOW_CONSUMER);
    expect(session.isOpen).toBe(false);
    expect(gateway.socketCount).toBe(0);
  });
});
