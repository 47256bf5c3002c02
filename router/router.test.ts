// The router without sockets: PushRouter, PushStats, DeliveryTracker,
// OfflineSweeper and recovery over the in-memory stores and bus, with a fake
// gateway node that records what it is asked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessBus } from '../src/bus/in-process-bus.js';
import { ApiError, RetCode } from '../src/errors.js';
import { createLogger } from '../src/log.js';
import type { GatewayCommand, Receipt } from '../src/messages.js';
import { Metrics } from '../src/metrics.js';
import type { PushTask } from '../src/push-service.js';
import { openMemoryStores } from '../src/stores/index.js';
import type { PushContent, Stores } from '../src/stores/types.js';
import { DeliveryTracker } from './delivery-tracker.js';
import { startRouter, type RouterRole } from './index.js';

const log = createLogger('silent');
const NOW = 1_700_000_000_000;

let stores: Stores;
let bus: InProcessBus;
let router: RouterRole;
let commands: GatewayCommand[];
let clock: { now: number };

const content = (expireTime = 3600): PushContent => ({
  kind: 'notify', title: 't', content: 'c', customContent: '', message: { title: 't', content: 'c' }, platform: 'all', environment: 'product', expireTime,
});
const task = (tokens: string[], extra: Partial<PushTask> = {}): PushTask => ({ accessId: 'app', audienceType: 'token_list', tokens, content: content(), ...extra });

async function device(token: string, accessId = 'app') {
  await stores.devices.put({ token, accessId, tokenSecretHash: '', deviceId: token, platform: 'android', createdAt: 0, lastSeenAt: 0 });
}

async function start() {
  router = await startRouter({ stores, bus, log, metrics: new Metrics(), statsFlushMs: 60_000, sweepIntervalMs: 60_000, now: () => clock.now });
}

function receipt(kind: Receipt['kind'], pushId: string, token: string, live = false, seq = pushId): Receipt {
  return { kind, pushId, seq, accessId: 'app', token, at: clock.now, ...(live ? { live: true } : {}) };
}

/** Receipts travel on a microtask, as on a real bus. */
async function send(...receipts: Receipt[]) {
  bus.publishReceipts(receipts);
  await Promise.resolve();
}

beforeEach(async () => {
  stores = openMemoryStores({ idBlockSize: 10 });
  bus = new InProcessBus();
  commands = [];
  bus.onNodeCommand('n1', (c) => commands.push(c));
  clock = { now: NOW };
  for (const t of ['on1', 'on2', 'off1', 'off2']) await device(t);
  await device('foreign', 'other-app');
  await stores.routes.set(['on1', 'on2'], 'n1');
  await start();
});
afterEach(() => router.stop());

describe('PushRouter', () => {
  it('sends connected targets one shared message per node, stores the rest, and reports each target', async () => {
    const outcome = await router.pushService.push(task(['on1', 'off1', 'unknown', 'foreign', 'on2']));
    expect(outcome.targets).toEqual(['online', 'offline', 'not_registered', 'not_registered', 'online']);
    await Promise.resolve();
    expect(commands).toHaveLength(1);
    const deliver = commands[0] as Extract<GatewayCommand, { kind: 'deliver' }>;
    expect(deliver.tokens).toEqual(['on1', 'on2']);
    expect(deliver.message).toMatchObject({ pushId: outcome.pushId, seq: outcome.pushId, expiresAt: NOW + 3_600_000, sentAt: NOW });
    // Only the unconnected target has an offline ref; the log has every registered one.
    expect(await stores.offline.depth()).toBe(1);
    expect((await stores.offline.page('off1', undefined, 10, NOW)).refs).toEqual([
      { token: 'off1', pushId: outcome.pushId, seq: outcome.pushId, accessId: 'app', expiresAt: NOW + 3_600_000 },
    ]);
    expect(await stores.pushes.entriesAfter(undefined, 10)).toEqual([{ seq: outcome.pushId, pushId: outcome.pushId, tokens: ['on1', 'off1', 'on2'] }]);
    expect((await router.pushService.record('app', outcome.pushId))!.counters).toEqual({
      targets: 5, online: 2, offline: 1, arrived: 0, clicked: 0, expired: 0, failed: { token_not_registered: 2 },
    });
  });

  it('stores nothing for a push without expiry and counts absent devices as failed', async () => {
    const outcome = await router.pushService.push(task(['on1', 'off1'], { content: content(0) }));
    expect(outcome.targets).toEqual(['online', 'dropped_offline']);
    expect(await stores.offline.depth()).toBe(0);
    expect((await router.pushService.record('app', outcome.pushId))!.counters.failed).toEqual({ offline_and_no_expire_time: 1 });
  });

  it('asks the node to drain when a device connected while its offline ref was written', async () => {
    const append = stores.offline.append.bind(stores.offline);
    stores.offline.append = async (refs) => {
      await stores.routes.set(['off1'], 'n1'); // the connect races the write
      return append(refs);
    };
    await router.pushService.push(task(['off1']));
    await Promise.resolve();
    expect(commands).toEqual([{ kind: 'drain', tokens: ['off1'] }]);
  });

  it('logs a reuse of a push id as a new entry with its own seq; an unknown or foreign one is refused', async () => {
    const first = await router.pushService.push(task(['off1']));
    const again = await router.pushService.push(task(['off2'], { reusePushId: first.pushId }));
    expect(again.pushId).toBe(first.pushId);
    const entries = await stores.pushes.entriesAfter(first.pushId, 10);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.pushId).toBe(first.pushId);
    expect(Number(entries[0]!.seq)).toBeGreaterThan(Number(first.pushId));
    expect((await stores.offline.page('off2', undefined, 10, NOW)).refs[0]!.seq).toBe(entries[0]!.seq);
    await expect(router.pushService.push(task(['off1'], { reusePushId: '42' }))).rejects.toMatchObject({ retCode: RetCode.PUSH_TASK_NOT_FOUND });
    await expect(router.pushService.push(task(['off1'], { accessId: 'other-app', reusePushId: first.pushId }))).rejects.toBeInstanceOf(ApiError);
  });
});

describe('PushStats and the checkpoint', () => {
  it('holds the checkpoint below a push until its live targets settle, then writes it with the ack marks', async () => {
    const a = await router.pushService.push(task(['on1', 'on2']));
    const b = await router.pushService.push(task(['off1']));
    await router.flush();
    const below = (BigInt(a.pushId) - 1n).toString();
    expect((await stores.pushes.progress()).checkpoint).toBe(below);
    await send(receipt('ack', a.pushId, 'on1', true));
    await router.flush();
    expect(await stores.pushes.progress()).toEqual({ checkpoint: below, acked: [`${a.pushId} on1`] });
    await send(receipt('settled', a.pushId, 'on2', true));
    await router.flush();
    expect(await stores.pushes.progress()).toEqual({ checkpoint: b.pushId, acked: [] });
    expect((await router.pushService.record('app', a.pushId))!.counters.arrived).toBe(1);
  });

  it('counts clicks, expiries and overflow with its reason; a stored delivery\'s ack does not settle twice', async () => {
    const a = await router.pushService.push(task(['on1', 'on2']));
    await send(receipt('settled', a.pushId, 'on1', true), receipt('ack', a.pushId, 'on1'), receipt('click', a.pushId, 'on1'));
    await send(receipt('expired', a.pushId, 'off1'), receipt('overflow', a.pushId, 'off2'));
    await router.flush();
    // on2 is still in flight: the checkpoint stays below the push.
    expect((await stores.pushes.progress()).checkpoint).toBe((BigInt(a.pushId) - 1n).toString());
    expect((await router.pushService.record('app', a.pushId))!.counters).toMatchObject({ arrived: 1, clicked: 1, expired: 1, failed: { offline_queue_full: 1 } });
  });
});

describe('DeliveryTracker', () => {
  it('moves the checkpoint to just below the oldest open entry, or to the newest when none is open', () => {
    const t = new DeliveryTracker();
    expect(t.checkpoint()).toBeUndefined();
    t.begin('9');
    t.begin('10');
    t.add('10', 2);
    t.settle('9');
    expect(t.checkpoint()).toBe('9');
    t.settle('10');
    t.settle('10', 2);
    expect(t.checkpoint()).toBe('10');
    t.settle('10'); // late and unknown: ignored
    t.begin('11');
    t.add('12', 5); // not begun: ignored
    expect(t.checkpoint()).toBe('10');
    expect(t.openEntries).toBe(1);
  });
});

describe('OfflineSweeper', () => {
  it('drops expired refs and counts them on their push', async () => {
    const p = await router.pushService.push(task(['off1', 'off2'], { content: content(60) }));
    clock.now += 61_000;
    await router.sweep();
    expect(await stores.offline.depth()).toBe(0);
    expect((await router.pushService.record('app', p.pushId))!.counters.expired).toBe(2);
  });
});

describe('recovery', () => {
  it('gives every unacked target of entries after the checkpoint an offline ref, and nothing else', async () => {
    const settled = await router.pushService.push(task(['on1']));
    await send(receipt('ack', settled.pushId, 'on1', true));
    const open = await router.pushService.push(task(['on1', 'on2']));
    const online = await router.pushService.push(task(['on1'], { content: content(0) }));
    const short = await router.pushService.push(task(['on2'], { content: content(10) }));
    await send(receipt('ack', open.pushId, 'on1', true));
    await router.stop(); // writes counters, marks and the checkpoint, as a crash right after a flush would leave them
    expect((await stores.pushes.progress()).checkpoint).toBe((BigInt(open.pushId) - 1n).toString());

    clock.now += 20_000; // `short` has expired meanwhile
    await start();
    expect(router.recovery).toMatchObject({ entries: 3, targets: 1 });
    expect((await stores.offline.page('on2', undefined, 10, clock.now)).refs.map((r) => r.pushId)).toEqual([open.pushId]);
    expect(await stores.offline.depth()).toBe(1);
    expect((await stores.pushes.progress()).checkpoint).toBe(short.pushId);
    void online;
    // A second start replays nothing.
    await router.stop();
    await start();
    expect(router.recovery).toMatchObject({ entries: 0, targets: 0 });
  });
});
