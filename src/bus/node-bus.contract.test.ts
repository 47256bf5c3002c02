// The one contract suite for NodeBus: every implementation runs every case.
// Each test builds a small "cluster": connect() opens one process's bus (the
// in-process bus is one shared instance; NATS opens a new connection to a real
// nats-server each time). Absence is proven without sleeping: the bus keeps
// one sender's order to one receiving process, so once a marker sent last has
// arrived, anything wrongly routed before it would have arrived too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNatsServer, type TestNatsServer } from '../../test/helpers/nats-server.js';
import type { GatewayCommand, PushMessage, Receipt } from '../messages.js';
import { InProcessBus } from './in-process-bus.js';
import { NatsNodeBus } from './nats-bus.js';
import type { NodeBus } from './node-bus.js';

interface BusImplementation {
  name: string;
  setup(): Promise<void>;
  /** Opens one process's bus onto the shared cluster of the current test. */
  connect(): Promise<NodeBus>;
  teardown(): Promise<void>;
}

let nats: TestNatsServer | undefined;
let shared: InProcessBus | undefined;

const implementations: BusImplementation[] = [
  {
    name: 'in-process',
    setup: async () => {},
    connect: async () => (shared ??= new InProcessBus()),
    teardown: async () => {
      shared = undefined;
    },
  },
  {
    name: 'nats',
    setup: async () => {
      nats = await startNatsServer();
    },
    connect: () => NatsNodeBus.connect(nats!.url, { name: 'contract-test' }),
    teardown: async () => nats?.stop(),
  },
];

/** Collects what a handler receives and resolves waits once enough has arrived. */
class Inbox<T> {
  readonly items: T[] = [];
  private waiters: Array<{ n: number; resolve: () => void }> = [];

  readonly push = (item: T): void => {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => (this.items.length >= w.n ? (w.resolve(), false) : true));
  };

  until(n: number): Promise<void> {
    return this.items.length >= n ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ n, resolve }));
  }
}

const drain = (...tokens: string[]): GatewayCommand => ({ kind: 'drain', tokens });

function message(pushId: string, content = 'hello'): PushMessage {
  return {
    pushId,
    seq: pushId,
    accessId: 'app',
    kind: 'notify',
    title: '标题 👋',
    content,
    customContent: '{"k":[1,{"deep":true}]}',
    expiresAt: 1_700_000_060_000,
    sentAt: 1_700_000_000_000,
  };
}

function receipt(i: number): Receipt {
  return { kind: 'ack', pushId: String(1000 + i), seq: String(1000 + i), accessId: 'app', token: `tok-${i}`, at: 1_700_000_000_000 + i };
}

describe.each(implementations)('$name node bus', (impl) => {
  let opened: NodeBus[] = [];
  const connect = async () => {
    const bus = await impl.connect();
    opened.push(bus);
    return bus;
  };

  beforeEach(() => impl.setup());
  afterEach(async () => {
    await Promise.all(opened.map((bus) => bus.close()));
    opened = [];
    await impl.teardown();
  });

  it('delivers a command to exactly the node it names, in send order, intact', async () => {
    const [router, gatewayA, gatewayB] = [await connect(), await connect(), await connect()];
    const a = new Inbox<GatewayCommand>();
    const b = new Inbox<GatewayCommand>();
    gatewayA.onNodeCommand('gw-a', a.push);
    gatewayB.onNodeCommand('gw.b', b.push);
    await Promise.all([gatewayA.flush(), gatewayB.flush()]);

    const toA: GatewayCommand[] = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? { kind: 'deliver', message: message(String(100 + i)), tokens: [`t${i}`, `u${i}`] } : drain(`t${i}`),
    );
    for (const command of toA) router.sendToNode('gw-a', command);
    router.sendToNode('gw.b', drain('marker-b'));
    router.sendToNode('gw-a', drain('marker-a'));
    await Promise.all([a.until(toA.length + 1), b.until(1)]);

    expect(a.items).toEqual([...toA, drain('marker-a')]);
    expect(b.items).toEqual([drain('marker-b')]);
  });

  it('gives a command for all nodes to each subscribed node exactly once', async () => {
    const [router, gatewayA, gatewayB] = [await connect(), await connect(), await connect()];
    const a = new Inbox<GatewayCommand>();
    const b = new Inbox<GatewayCommand>();
    const c = new Inbox<GatewayCommand>();
    gatewayA.onNodeCommand('gw-a', a.push);
    gatewayB.onNodeCommand('gw-b', b.push);
    const gone = gatewayB.onNodeCommand('gw-c', c.push);
    gone();
    await Promise.all([gatewayA.flush(), gatewayB.flush()]);
    router.sendToAll(drain('everyone'));
    router.sendToNode('gw-a', drain('marker-a'));
    router.sendToNode('gw-b', drain('marker-b'));
    await Promise.all([a.until(2), b.until(2)]);
    expect(a.items).toEqual([drain('everyone'), drain('marker-a')]);
    expect(b.items).toEqual([drain('everyone'), drain('marker-b')]);
    expect(c.items).toEqual([]);
  });

  it('drops commands for a node nobody holds, or that unsubscribed, and lets the id subscribe again', async () => {
    const [router, gateway] = [await connect(), await connect()];
    const old = new Inbox<GatewayCommand>();
    const probe = new Inbox<GatewayCommand>();
    const unsubscribe = gateway.onNodeCommand('gw-a', old.push);
    gateway.onNodeCommand('probe', probe.push);
    await gateway.flush();
    router.sendToNode('gw-a', drain('before'));
    await old.until(1);

    unsubscribe();
    unsubscribe(); // twice is harmless
    await gateway.flush();
    expect(() => router.sendToNode('nobody', drain('lost'))).not.toThrow();
    router.sendToNode('gw-a', drain('after unsubscribe'));
    router.sendToNode('probe', drain('marker'));
    await probe.until(1);
    expect(old.items).toEqual([drain('before')]);

    const again = new Inbox<GatewayCommand>();
    gateway.onNodeCommand('gw-a', again.push);
    await gateway.flush();
    router.sendToNode('gw-a', drain('welcome back'));
    await again.until(1);
    expect(again.items).toEqual([drain('welcome back')]);
  });

  it('refuses a second subscriber for one node id in one process', async () => {
    const gateway = await connect();
    gateway.onNodeCommand('gw-a', () => {});
    expect(() => gateway.onNodeCommand('gw-a', () => {})).toThrowError(/already subscribed/);
  });

  it('never runs a handler inside the send call', async () => {
    const bus = await connect();
    let sending = false;
    const seen = new Inbox<boolean>();
    bus.onNodeCommand('gw-a', () => seen.push(sending));
    bus.onReceipts(() => seen.push(sending));
    await bus.flush();
    sending = true;
    bus.sendToNode('gw-a', drain('t'));
    bus.publishReceipts([receipt(1)]);
    sending = false;
    await seen.until(2);
    expect(seen.items).toEqual([false, false]);
  });

  it('hands each receipt batch to exactly one router, and spreads batches over routers', async () => {
    const gateway = await connect();
    const routers = [await connect(), await connect()];
    const inboxes = routers.map(() => new Inbox<Receipt[]>());
    const probes = routers.map(() => new Inbox<GatewayCommand>());
    routers.forEach((bus, i) => {
      bus.onReceipts(inboxes[i]!.push);
      bus.onNodeCommand(`probe-${i}`, probes[i]!.push);
    });
    await Promise.all(routers.map((bus) => bus.flush()));

    const batches = Array.from({ length: 40 }, (_, i) => [receipt(2 * i), receipt(2 * i + 1)]);
    gateway.publishReceipts([]); // nothing to send, nothing sent
    for (const batch of batches) gateway.publishReceipts(batch);
    // Sent after every batch from the same process: once both probes arrived,
    // every copy of a batch that was going to arrive has arrived.
    routers.forEach((_, i) => gateway.sendToNode(`probe-${i}`, drain('marker')));
    await Promise.all(probes.map((p) => p.until(1)));

    const received = inboxes.flatMap((inbox) => inbox.items);
    expect(received).toHaveLength(batches.length);
    expect([...received].sort((x, y) => x[0]!.at - y[0]!.at)).toEqual(batches);
    for (const inbox of inboxes) expect(inbox.items.length).toBeGreaterThan(0);
  });

  it('carries a receipt list larger than the largest bus message, whole and in order', async () => {
    const [gateway, router] = [await connect(), await connect()];
    const inbox = new Inbox<Receipt[]>();
    router.onReceipts(inbox.push);
    await router.flush();
    // ~2 MB packed: over nats-server's default 1 MB max_payload.
    const receipts = Array.from({ length: 12_000 }, (_, i) => ({ ...receipt(i), token: `${'x'.repeat(150)}-${i}` }));
    gateway.publishReceipts(receipts);
    const count = () => inbox.items.reduce((n, batch) => n + batch.length, 0);
    while (count() < receipts.length) await inbox.until(inbox.items.length + 1);
    expect(inbox.items.flat()).toEqual(receipts);
  });

  it('carries a deliver command for more tokens than fit one bus message, every token once, in order', async () => {
    const [router, gateway] = [await connect(), await connect()];
    const inbox = new Inbox<GatewayCommand>();
    gateway.onNodeCommand('gw-a', inbox.push);
    await gateway.flush();
    // ~1.4 MB packed: over nats-server's default 1 MB max_payload. A network bus
    // may split it into several commands for the same message.
    const tokens = Array.from({ length: 20_000 }, (_, i) => `${String(i).padStart(6, '0')}${'t'.repeat(58)}`);
    router.sendToNode('gw-a', { kind: 'deliver', message: message('77'), tokens });
    router.sendToNode('gw-a', drain('marker'));
    while (inbox.items.at(-1)?.kind !== 'drain') await inbox.until(inbox.items.length + 1);
    const delivers = inbox.items.slice(0, -1);
    for (const command of delivers) expect(command).toMatchObject({ kind: 'deliver', message: message('77') });
    expect(delivers.flatMap((c) => (c.kind === 'deliver' ? c.tokens : []))).toEqual(tokens);
  });

  it('gives every node announcement to every router, in order, and none after unsubscribing', async () => {
    const [gateway, routerA, routerB] = [await connect(), await connect(), await connect()];
    const a = new Inbox<string>();
    const b = new Inbox<string>();
    const gone = new Inbox<string>();
    routerA.onAnnouncements((node, presence) => a.push(`${node} ${presence}`));
    routerB.onAnnouncements((node, presence) => b.push(`${node} ${presence}`));
    routerB.onAnnouncements((node, presence) => gone.push(`${node} ${presence}`))();
    await Promise.all([routerA.flush(), routerB.flush()]);
    gateway.announce('gw.a', 'alive');
    gateway.announce('gw-b', 'alive');
    gateway.announce('gw.a', 'leaving');
    await Promise.all([a.until(3), b.until(3)]);
    expect(a.items).toEqual(['gw.a alive', 'gw-b alive', 'gw.a leaving']);
    expect(b.items).toEqual(a.items);
    expect(gone.items).toEqual([]);
  });
});
