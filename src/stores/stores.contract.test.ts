// The one contract suite for Stores: every implementation runs every case.
// Cases that need persistence are skipped for the memory stores, and cases for a
// part an implementation lacks (Redis: the offline index, the push log), with
// the reason in their title. The implementations and record builders live in
// contract-fixtures.ts.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compareMessageIds } from '../messages.js';
import { NOW, app, device, ids, implementations, push, ref, shuffled, type Implementation } from './contract-fixtures.js';
import { StoreConflictError, emptyCounters, type Stores } from './index.js';

describe.each(implementations)('$name stores', (impl) => {
  let backing: ReturnType<Implementation['prepare']>;
  let stores: Stores;
  const reopen = async () => {
    await stores.close();
    stores = await backing.open();
  };
  const durable = impl.persistent
    ? it
    : (title: string, fn: () => Promise<void>) => it.skip(`${title} (skipped: ${impl.name} stores keep nothing by design)`, fn);
  /** `test` (it, or durable) unless the implementation lacks `part`; then skipped with the reason. */
  const needs = (part: keyof NonNullable<Implementation['lacks']>, test: typeof durable = it) => {
    const reason = impl.lacks?.[part];
    return reason ? (title: string, fn: () => Promise<void>) => it.skip(`${title} (skipped: ${reason})`, fn) : test;
  };

  beforeEach(async () => {
    backing = impl.prepare();
    stores = await backing.open();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await stores.close();
    backing.cleanup();
  });
  afterAll(() => impl.teardown?.());

  describe('AppStore', () => {
    it('creates, gets, and answers undefined for an unknown app', async () => {
      await stores.apps.create(app('a1', 10));
      expect(await stores.apps.get('a1')).toEqual(app('a1', 10));
      expect(await stores.apps.get('nope')).toBeUndefined();
    });

    it('refuses a second create of one access id and keeps the first', async () => {
      await stores.apps.create(app('a1', 10));
      await expect(stores.apps.create({ ...app('a1', 20), name: 'other' })).rejects.toBeInstanceOf(StoreConflictError);
      const racing = await Promise.allSettled([stores.apps.create(app('a2', 1)), stores.apps.create(app('a2', 2))]);
      expect(racing.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await stores.apps.get('a1')).toEqual(app('a1', 10));
    });

    it('lists oldest first, ties by access id', async () => {
      for (const [id, at] of [['c', 30], ['b', 10], ['z', 20], ['a', 20]] as const) await stores.apps.create(app(id, at));
      expect((await stores.apps.list()).map((a) => a.accessId)).toEqual(['b', 'a', 'z', 'c']);
    });

    it('hands out copies', async () => {
      await stores.apps.create(app('a1', 10));
      (await stores.apps.get('a1'))!.name = 'changed';
      expect((await stores.apps.get('a1'))!.name).toBe('app a1');
    });
  });

  describe('DeviceStore', () => {
    it('puts, replaces and gets', async () => {
      expect(await stores.devices.get('t1')).toBeUndefined();
      await stores.devices.put(device('t1', 1));
      await stores.devices.put(device('t1', 2));
      expect(await stores.devices.get('t1')).toEqual(device('t1', 2));
    });

    it('keeps provider tokens and retired ones, and drops a token a put leaves out', async () => {
      const withTokens = { ...device('t1', 1), apnsToken: 'ab'.repeat(32), fcmToken: 'f:1', retiredPushTokens: ['old'] };
      await stores.devices.put(withTokens);
      expect(await stores.devices.get('t1')).toEqual(withTokens);
      const { apnsToken: _, ...without } = withTokens;
      await stores.devices.put(without);
      expect(await stores.devices.getMany(['t1'])).toEqual([without]);
    });

    it('getMany keeps the order of the tokens, with undefined for unknowns', async () => {
      await Promise.all([stores.devices.put(device('t1', 1)), stores.devices.put(device('t2', 2))]);
      expect(await stores.devices.getMany(['t2', 'x', 't1', 't2'])).toEqual([device('t2', 2), undefined, device('t1', 1), device('t2', 2)]);
      expect(await stores.devices.getMany([])).toEqual([]);
    });

    it('scans every device across pages, and an empty store in one', async () => {
      expect(await stores.devices.scan('', 10)).toEqual({ devices: [], cursor: '' });
      const tokens = ids(1, 23).map((i) => `tok${i}`);
      for (const [i, token] of tokens.entries()) await stores.devices.put(device(token, i));
      const seen: string[] = [];
      let cursor = '';
      let pages = 0;
      do {
        const page = await stores.devices.scan(cursor, 5);
        expect(page.devices.length).toBeLessThanOrEqual(5);
        seen.push(...page.devices.map((d) => d.token));
        cursor = page.cursor;
        pages++;
      } while (cursor !== '');
      expect(pages).toBeGreaterThanOrEqual(5);
      expect(new Set(seen)).toEqual(new Set(tokens));
      expect(seen).toHaveLength(tokens.length);
    });

    it('counts and lists each app\'s devices from its index, removals included', async () => {
      expect(await stores.devices.countOfApp('app')).toBe(0);
      expect(await stores.devices.tokensOfApp('app', '', 10)).toEqual({ tokens: [], cursor: '' });
      const tokens = ids(1, 23).map((i) => `tok${i}`);
      for (const [i, token] of tokens.entries()) await stores.devices.put(device(token, i));
      await stores.devices.put({ ...device('elsewhere', 1), accessId: 'other' });
      await stores.devices.put(device('tok1', 99)); // seen again: still one device
      expect(await stores.devices.countOfApp('app')).toBe(23);
      expect(await stores.devices.countOfApp('other')).toBe(1);
      const pagesOf = async (accessId: string) => {
        const seen: string[] = [];
        let cursor = '';
        let pages = 0;
        do {
          const page = await stores.devices.tokensOfApp(accessId, cursor, 5);
          seen.push(...page.tokens);
          cursor = page.cursor;
        } while (cursor !== '' && ++pages < 100);
        return new Set(seen);
      };
      expect(await pagesOf('app')).toEqual(new Set(tokens));
      expect(await pagesOf('other')).toEqual(new Set(['elsewhere']));
      expect(await stores.devices.removeUnused(['tok2', 'tok3', 'tok1'], 50)).toEqual(['tok2', 'tok3']);
      expect(await stores.devices.countOfApp('app')).toBe(21);
      expect(await pagesOf('app')).toEqual(new Set(tokens.filter((t) => t !== 'tok2' && t !== 'tok3')));
    });

    durable('keeps the per-app index across a reopen', async () => {
      await Promise.all([stores.devices.put(device('t1', 1)), stores.devices.put({ ...device('t2', 1), accessId: 'other' })]);
      await reopen();
      expect(await stores.devices.countOfApp('app')).toBe(1);
      expect((await stores.devices.tokensOfApp('other', '', 10)).tokens).toEqual(['t2']);
    });

    it('removes only devices still unused before the cutoff', async () => {
      await Promise.all([stores.devices.put(device('old', 10)), stores.devices.put(device('fresh', 50)), stores.devices.put(device('old-unlisted', 5))]);
      expect(await stores.devices.removeUnused(['old', 'fresh', 'unknown'], 20)).toEqual(['old']);
      expect(await stores.devices.getMany(['old', 'fresh', 'old-unlisted'])).toEqual([undefined, device('fresh', 50), device('old-unlisted', 5)]);
      // Seen again (a resume) between the scan and the removal: it stays.
      await stores.devices.put(device('old-unlisted', 30));
      expect(await stores.devices.removeUnused(['old-unlisted'], 20)).toEqual([]);
      expect(await stores.devices.removeUnused([], 20)).toEqual([]);
    });

    durable('keeps removals across a reopen', async () => {
      await stores.devices.put(device('old', 10));
      await stores.devices.removeUnused(['old'], 20);
      await reopen();
      expect(await stores.devices.get('old')).toBeUndefined();
    });
  });

  describe('RouteRegistry', () => {
    it('looks tokens up in order, undefined where no node holds one', async () => {
      await stores.routes.set(['t1', 't2'], 'node-a');
      await stores.routes.set(['t3'], 'node-b');
      expect(await stores.routes.lookup(['t3', 'x', 't1', 't2'])).toEqual(['node-b', undefined, 'node-a', 'node-a']);
    });

    it('removes a route only while it points at the given node', async () => {
      await stores.routes.set(['t1', 't2'], 'node-a');
      await stores.routes.set(['t1'], 'node-b'); // t1 reconnected elsewhere
      await stores.routes.remove(['t1', 't2', 'unknown'], 'node-a');
      expect(await stores.routes.lookup(['t1', 't2'])).toEqual(['node-b', undefined]);
      await stores.routes.remove(['t1'], 'node-b');
      expect(await stores.routes.lookup(['t1'])).toEqual([undefined]);
    });
  });

  const offlineLacking = impl.lacks?.offline;
  describe.skipIf(offlineLacking !== undefined)(offlineLacking ? `OfflineStore (skipped: ${offlineLacking})` : 'OfflineStore', () => {
    const LATER = NOW + 60_000;
    const readAll = (token: string, now = NOW) => stores.offline.page(token, undefined, Number.MAX_SAFE_INTEGER, now);

    it('pages a token in push order across ids of every length, never another token', async () => {
      const all = [...ids(1, 120), '999', '1000', '99999', '100000', '1700000000000000', '1700000000000001'];
      const mine = shuffled(all).map((id) => ref('tok', id, LATER));
      // Tokens that share a prefix with 'tok' or sort next to it must not leak in.
      const others = ['to', 'tok2', 'tok\u0000', 'tol'].map((t, i) => ref(t, String(i + 5), LATER));
      for (let i = 0; i < mine.length; i += 17) await stores.offline.append(mine.slice(i, i + 17));
      await stores.offline.append(others);
      const { refs: messages, expired } = await readAll('tok');
      expect(expired).toEqual([]);
      expect(messages.map((m) => m.pushId)).toEqual([...all].sort(compareMessageIds));
      expect(messages[0]).toEqual(ref('tok', '1', LATER));
      expect((await readAll('tok')).refs).toHaveLength(all.length); // read leaves them
      expect((await readAll('nobody')).refs).toEqual([]);
      expect(await stores.offline.depth()).toBe(all.length + others.length);
    });

    it('ignores ids already stored, in one call, across calls and racing calls', async () => {
      const first = ref('tok', '5', LATER);
      await stores.offline.append([first, { ...first, seq: 'second copy' }]);
      await stores.offline.append([{ ...first, seq: 'third copy' }, ref('tok', '6', LATER)]);
      await Promise.all([stores.offline.append([ref('tok', '7', LATER)]), stores.offline.append([ref('tok', '7', LATER)])]);
      await stores.offline.append([]);
      const { refs: messages } = await readAll('tok');
      expect(messages.map((m) => [m.pushId, m.seq])).toEqual([['5', '5'], ['6', '6'], ['7', '7']]);
      expect(await stores.offline.depth()).toBe(3);
    });

    it('removes acked ids and ignores unknown ones without miscounting', async () => {
      await stores.offline.append([...ids(1, 5).map((id) => ref('tok', id, LATER)), ref('other', '3', LATER)]);
      expect(await stores.offline.remove('tok', ['2', '4', '4', '42'])).toEqual(['2', '4']);
      expect(await stores.offline.remove('tok', ['4'])).toEqual([]);
      expect(await stores.offline.remove('nobody', ['1'])).toEqual([]);
      await Promise.all([stores.offline.remove('tok', ['5']), stores.offline.remove('tok', ['5'])]);
      expect((await readAll('tok')).refs.map((m) => m.pushId)).toEqual(['1', '3']);
      expect((await readAll('other')).refs.map((m) => m.pushId)).toEqual(['3']);
      expect(await stores.offline.depth()).toBe(3);
      await stores.offline.append([ref('tok', '2', LATER)]); // back after an unacked close
      expect((await readAll('tok')).refs.map((m) => m.pushId)).toEqual(['1', '2', '3']);
      expect(await stores.offline.depth()).toBe(4);
    });

    it('page removes and returns expired messages apart (expiresAt <= now, and 0)', async () => {
      await stores.offline.append([
        ref('tok', '1', NOW - 1),
        ref('tok', '2', LATER),
        ref('tok', '3', NOW),
        ref('tok', '4', 0),
        ref('tok', '5', NOW + 1),
      ]);
      const first = await readAll('tok');
      expect(first.refs.map((m) => m.pushId)).toEqual(['2', '5']);
      expect(first.expired.map((m) => m.pushId).sort(compareMessageIds)).toEqual(['1', '3', '4']);
      expect(first.expired.find((m) => m.pushId === '3')).toEqual(ref('tok', '3', NOW));
      expect(await stores.offline.depth()).toBe(2);
      expect((await readAll('tok')).expired).toEqual([]);
      expect(await stores.offline.sweepExpired(NOW, 10)).toEqual([]);
    });

    it('sweepExpired takes only expired messages, at most limit per call, from every token', async () => {
      const expiring = [ref('a', '1', NOW - 5), ref('b', '2', NOW), ref('a', '3', 0), ref('c', '4', NOW - 1)];
      const alive = [ref('a', '5', NOW + 1), ref('b', '6', LATER)];
      await stores.offline.append(shuffled([...expiring, ...alive]));
      expect(await stores.offline.sweepExpired(NOW, 0)).toEqual([]);
      const firstSweep = await stores.offline.sweepExpired(NOW, 3);
      expect(firstSweep).toHaveLength(3);
      const secondSweep = await stores.offline.sweepExpired(NOW, 3);
      const swept = [...firstSweep, ...secondSweep].sort((x, y) => compareMessageIds(x.pushId, y.pushId));
      expect(swept).toEqual(expiring.sort((x, y) => compareMessageIds(x.pushId, y.pushId)));
      expect(await stores.offline.sweepExpired(NOW, 3)).toEqual([]);
      expect(await stores.offline.depth()).toBe(2);
      expect((await readAll('a')).refs.map((m) => m.pushId)).toEqual(['5']);
      expect((await stores.offline.sweepExpired(LATER, 10)).map((m) => m.pushId).sort()).toEqual(['5', '6']);
      expect(await stores.offline.depth()).toBe(0);
    });

    it('sweeps by the expiry a message is stored with now, after a remove and a re-append', async () => {
      await stores.offline.append([ref('tok', '1', NOW - 1)]);
      await stores.offline.remove('tok', ['1']);
      await stores.offline.append([ref('tok', '1', LATER)]);
      expect(await stores.offline.sweepExpired(NOW, 10)).toEqual([]);
      expect((await readAll('tok')).refs).toEqual([ref('tok', '1', LATER)]);
    });

    it('keeps exact accounts through many appends, acks and a final sweep', async () => {
      const all = ids(1, 1500);
      for (let i = 0; i < all.length; i += 250) await stores.offline.append(all.slice(i, i + 250).map((id) => ref(`t${Number(id) % 7}`, id, LATER)));
      for (let t = 0; t < 7; t++) await stores.offline.remove(`t${t}`, all.filter((id) => Number(id) % 7 === t && Number(id) > 100));
      expect(await stores.offline.depth()).toBe(100);
      expect(await stores.offline.sweepExpired(NOW, 1000)).toEqual([]);
      const swept = await stores.offline.sweepExpired(LATER, 1000);
      expect(swept.map((m) => m.pushId).sort(compareMessageIds)).toEqual(ids(1, 100));
      expect(await stores.offline.depth()).toBe(0);
    });

    it('hands an expired message to exactly one of a racing page and sweep', async () => {
      await stores.offline.append([ref('tok', '1', NOW - 1), ref('tok', '2', NOW - 1)]);
      const [read, swept] = await Promise.all([readAll('tok'), stores.offline.sweepExpired(NOW, 10)]);
      expect([...read.expired, ...swept].map((m) => m.pushId).sort()).toEqual(['1', '2']);
      expect(await stores.offline.depth()).toBe(0);
    });
    it('pages from a cursor, at most limit unexpired refs, in push order', async () => {
      await stores.offline.append(shuffled(ids(1, 25)).map((id) => ref('tok', id, LATER)));
      await stores.offline.append([ref('tok', '26', NOW - 1), ref('tok', '27', LATER)]);
      const first = await stores.offline.page('tok', undefined, 10, NOW);
      expect(first.refs.map((r) => r.pushId)).toEqual(ids(1, 10));
      const second = await stores.offline.page('tok', '10', 10, NOW);
      expect(second.refs.map((r) => r.pushId)).toEqual(ids(11, 20));
      const last = await stores.offline.page('tok', '20', 10, NOW);
      expect(last.refs.map((r) => r.pushId)).toEqual([...ids(21, 25), '27']);
      expect(last.expired.map((r) => r.pushId)).toEqual(['26']);
      expect((await stores.offline.page('tok', '27', 10, NOW)).refs).toEqual([]);
      // A cursor that is not stored itself (acked meanwhile) still starts after it.
      await stores.offline.remove('tok', ['15']);
      expect((await stores.offline.page('tok', '15', 2, NOW)).refs.map((r) => r.pushId)).toEqual(['16', '17']);
      expect((await stores.offline.page('tok', undefined, 0, NOW)).refs).toEqual([]);
    });

    it('keeps at most maxPerToken refs per token: the oldest are dropped and returned', async () => {
      await stores.close();
      stores = await backing.open({ maxOfflinePerToken: 5 });
      expect(await stores.offline.append(ids(1, 4).map((id) => ref('tok', id, LATER)))).toEqual([]);
      const dropped = await stores.offline.append([...ids(5, 7).map((id) => ref('tok', id, LATER)), ref('other', '1', LATER)]);
      expect(dropped.map((r) => r.pushId)).toEqual(['1', '2']);
      expect(dropped[0]).toEqual(ref('tok', '1', LATER));
      expect((await readAll('tok')).refs.map((r) => r.pushId)).toEqual(ids(3, 7));
      expect((await readAll('other')).refs).toHaveLength(1);
      await stores.offline.remove('tok', ['4', '5']);
      expect(await stores.offline.append([ref('tok', '8', LATER), ref('tok', '9', LATER)])).toEqual([]);
      expect((await stores.offline.append([ref('tok', '10', LATER)])).map((r) => r.pushId)).toEqual(['3']);
      expect(await stores.offline.depth()).toBe(6);
      // Nothing dropped is left behind in the expiry index.
      expect((await stores.offline.sweepExpired(LATER, 100)).map((r) => r.pushId).sort(compareMessageIds)).toEqual(['1', '6', '7', '8', '9', '10']);
    });
  });

  describe('PushStore', () => {
    it('creates and gets a record with its nested message; unknown is undefined', async () => {
      await stores.pushes.create(push('100', 'app', 5));
      expect(await stores.pushes.get('100')).toEqual(push('100', 'app', 5));
      expect(await stores.pushes.get('101')).toBeUndefined();
    });

    it('refuses a second create of a push id below the highest one, and after a reopen', async () => {
      await stores.pushes.create(push('200', 'app', 5));
      await stores.pushes.create(push('150', 'app', 6)); // lower, and new: accepted
      await expect(stores.pushes.create(push('150', 'app', 7))).rejects.toBeInstanceOf(StoreConflictError);
      await expect(stores.pushes.create(push('200', 'app', 7))).rejects.toBeInstanceOf(StoreConflictError);
      if (!impl.persistent) return;
      await reopen();
      await expect(stores.pushes.create(push('200', 'app', 8))).rejects.toBeInstanceOf(StoreConflictError);
      await expect(stores.pushes.create(push('150', 'app', 8))).rejects.toBeInstanceOf(StoreConflictError);
      await stores.pushes.create(push('201', 'app', 9));
      expect((await stores.pushes.list('app', 0, 100, 10)).map((p) => p.pushId)).toEqual(['201', '150', '200']);
    });

    it('refuses a second create of one push id', async () => {
      await stores.pushes.create(push('100', 'app', 5));
      await expect(stores.pushes.create(push('100', 'app', 9))).rejects.toBeInstanceOf(StoreConflictError);
      expect((await stores.pushes.get('100'))!.createdAt).toBe(5);
      expect((await stores.pushes.list('app', 0, 100, 10)).map((p) => p.pushId)).toEqual(['100']);
    });

    it('lists an app in [from, to), newest first, at most limit', async () => {
      const made = [push('11', 'app', 10), push('12', 'app', 20), push('13', 'app', 20), push('9', 'app', 20), push('14', 'app', 30), push('15', 'app', 40)];
      const noise = [push('20', 'ap', 20), push('21', 'app2', 20), push('22', 'apq', 25)];
      for (const p of shuffled([...made, ...noise])) await stores.pushes.create(p);
      const list = (from: number, to: number, limit: number) => stores.pushes.list('app', from, to, limit).then((ps) => ps.map((p) => p.pushId));
      expect(await list(0, 100, 100)).toEqual(['15', '14', '13', '12', '9', '11']);
      expect(await list(10, 40, 100)).toEqual(['14', '13', '12', '9', '11']);
      expect(await list(11, 30, 100)).toEqual(['13', '12', '9']);
      expect(await list(0, 100, 2)).toEqual(['15', '14']);
      expect(await list(0, 100, 0)).toEqual([]);
      expect(await list(41, 100, 10)).toEqual([]);
      expect((await stores.pushes.list('app', 0, 100, 1))[0]).toEqual(push('15', 'app', 40));
    });

    it('adds counters, failed reasons included; zeros for an unknown push', async () => {
      expect(await stores.pushes.counters('nope')).toEqual({ targets: 0, online: 0, offline: 0, arrived: 0, clicked: 0, expired: 0, failed: {} });
      await stores.pushes.addCounters(new Map([['p1', { targets: 3, online: 1, failed: { token_not_registered: 1 } }], ['p2', { targets: 1 }]]));
      await stores.pushes.addCounters(new Map([['p1', { offline: 1, arrived: 1, failed: { token_not_registered: 2, quota: 1 } }]]));
      await stores.pushes.addCounters(new Map([['p1', { clicked: 1, expired: 1 }]]));
      await stores.pushes.addCounters(new Map());
      expect(await stores.pushes.counters('p1')).toEqual({ targets: 3, online: 1, offline: 1, arrived: 1, clicked: 1, expired: 1, failed: { token_not_registered: 3, quota: 1 } });
      expect(await stores.pushes.counters('p2')).toEqual({ targets: 1, online: 0, offline: 0, arrived: 0, clicked: 0, expired: 0, failed: {} });
    });

    it('adds the provider counters (apns, fcm), absent until one is counted', async () => {
      await stores.pushes.addCounters(new Map([['p3', { targets: 2, apns: 1, failed: { fcm_unregistered: 1 } }]]));
      await stores.pushes.addCounters(new Map([['p3', { apns: 1, fcm: 2 }]]));
      expect(await stores.pushes.counters('p3')).toEqual({ targets: 2, online: 0, offline: 0, arrived: 0, clicked: 0, expired: 0, apns: 2, fcm: 2, failed: { fcm_unregistered: 1 } });
    });

    needs('pushLog')('logs each call with its targets, in log order, and pages the log from a position', async () => {
      await stores.pushes.create(push('100', 'app', 5), ['t1', 't2']);
      await stores.pushes.create(push('101', 'app', 6));
      await stores.pushes.appendTargets({ seq: '1000', pushId: '100', tokens: ['t3'] });
      await stores.pushes.create(push('99999', 'app', 7), ['t4']);
      const all = await stores.pushes.entriesAfter(undefined, 10);
      expect(all).toEqual([
        { seq: '100', pushId: '100', tokens: ['t1', 't2'] },
        { seq: '101', pushId: '101', tokens: [] },
        { seq: '1000', pushId: '100', tokens: ['t3'] },
        { seq: '99999', pushId: '99999', tokens: ['t4'] },
      ]);
      expect((await stores.pushes.entriesAfter('101', 1)).map((e) => e.seq)).toEqual(['1000']);
      expect((await stores.pushes.entriesAfter('1000', 10)).map((e) => e.seq)).toEqual(['99999']);
      expect((await stores.pushes.entriesAfter('500', 10)).map((e) => e.seq)).toEqual(['1000', '99999']);
      expect(await stores.pushes.entriesAfter('99999', 10)).toEqual([]);
    });

    needs('pushLog')('keeps delivery progress with the counters: the checkpoint, and ack marks after it only', async () => {
      expect(await stores.pushes.progress()).toEqual({ checkpoint: undefined, acked: [] });
      await stores.pushes.addCounters(new Map([['5', { arrived: 2 }]]), { checkpoint: '4', acked: ['5 t1', '6 t2', '4 t9'] });
      expect(await stores.pushes.counters('5')).toMatchObject({ arrived: 2 });
      const first = await stores.pushes.progress();
      expect(first.checkpoint).toBe('4');
      expect([...first.acked].sort()).toEqual(['5 t1', '6 t2']);
      await stores.pushes.addCounters(new Map(), { checkpoint: '5', acked: ['10 t3'] });
      const second = await stores.pushes.progress();
      expect(second.checkpoint).toBe('5');
      expect([...second.acked].sort()).toEqual(['10 t3', '6 t2']);
      await stores.pushes.addCounters(new Map(), { checkpoint: '10', acked: [] });
      expect(await stores.pushes.progress()).toEqual({ checkpoint: '10', acked: [] });
    });

    it('forgets an app\'s pushes created before a time, oldest first, a page at a time, with their counters', async () => {
      for (const [id, at] of [['10', 5], ['11', 10], ['12', 10], ['13', 20]] as const) {
        await stores.pushes.create(push(id, 'app', at), [`t${id}`]);
        await stores.pushes.addCounters(new Map([[id, { targets: 1, arrived: 1 }]]));
      }
      await stores.pushes.create(push('14', 'other', 1));
      expect(await stores.pushes.pruneHistory('app', 11, 10)).toBe(3); // createdAt 5 and 10 (twice), not 20
      expect(await stores.pushes.get('10')).toBeUndefined();
      expect(await stores.pushes.get('12')).toBeUndefined();
      expect(await stores.pushes.counters('11')).toEqual(emptyCounters());
      expect((await stores.pushes.list('app', 0, 100, 10)).map((p) => p.pushId)).toEqual(['13']);
      expect(await stores.pushes.counters('13')).toMatchObject({ targets: 1, arrived: 1 });
      expect(await stores.pushes.get('14')).toEqual(push('14', 'other', 1)); // another app's are its own
      expect(await stores.pushes.pruneHistory('app', 11, 10)).toBe(0);
      await stores.pushes.create(push('15', 'app', 30));
      expect(await stores.pushes.pruneHistory('app', 1_000, 1)).toBe(1); // the oldest of 13 and 15
      expect((await stores.pushes.list('app', 0, 100, 10)).map((p) => p.pushId)).toEqual(['15']);
      expect(await stores.pushes.pruneHistory('app', 1_000, 0)).toBe(0);
      expect(await stores.pushes.get('15')).toBeDefined();
    });

    needs('pushLog')('once trimmed, keeps in the log the entries after the checkpoint only, trimming a page at most per call', async () => {
      for (const id of ids(1, 6)) await stores.pushes.create(push(id, 'app', 1), [`t${id}`]);
      expect(await stores.pushes.trimLog(10)).toBe(0); // no checkpoint yet: nothing is settled
      await stores.pushes.addCounters(new Map(), { checkpoint: '4', acked: ['6 t6'] });
      let trimmed: number;
      do {
        trimmed = await stores.pushes.trimLog(3);
        expect(trimmed).toBeLessThanOrEqual(3);
      } while (trimmed > 0);
      expect((await stores.pushes.entriesAfter(undefined, 10)).map((e) => e.seq)).toEqual(['5', '6']);
      expect(await stores.pushes.get('1')).toEqual(push('1', 'app', 1)); // records stay for the statistics
      expect((await stores.pushes.progress()).acked).toEqual(['6 t6']);
    });

    it('loses no increment when many adds race', async () => {
      const adds = Array.from({ length: 50 }, (_, i) => stores.pushes.addCounters(new Map([['p', { arrived: 1, failed: { [`r${i % 3}`]: 1 } }]])));
      await Promise.all(adds);
      const c = await stores.pushes.counters('p');
      expect(c.arrived).toBe(50);
      expect(c.failed).toEqual({ r0: 17, r1: 17, r2: 16 });
      c.arrived = 0; // a copy
      expect((await stores.pushes.counters('p')).arrived).toBe(50);
    });

  });

  describe('BroadcastLog', () => {
    const b = (accessId: string, pushId: string, expiresAt = NOW + 60_000, tag = '') => ({ accessId, pushId, tag, expiresAt });

    needs('broadcasts')('lists an app\'s unexpired broadcasts after a push id, in push order, and its newest', async () => {
      expect(await stores.broadcasts.latest('app')).toBe('');
      for (const e of shuffled([b('app', '9'), b('app', '10', NOW + 60_000, 'vip'), b('app', '11', NOW - 1), b('app', '100'), b('other', '12')])) {
        await stores.broadcasts.append(e);
      }
      await stores.broadcasts.append(b('app', '9')); // again: no second entry
      const ids = async (after: string, limit = 10) => (await stores.broadcasts.after('app', after, limit, NOW)).map((e) => e.pushId);
      expect(await ids('')).toEqual(['9', '10', '100']);
      expect(await ids('9')).toEqual(['10', '100']);
      expect(await ids('10', 1)).toEqual(['100']);
      expect(await ids('100')).toEqual([]);
      expect(await ids('5')).toEqual(['9', '10', '100']);
      expect((await stores.broadcasts.after('app', '9', 1, NOW))[0]).toEqual(b('app', '10', NOW + 60_000, 'vip'));
      expect(await stores.broadcasts.latest('app')).toBe('100');
      expect(await stores.broadcasts.latest('other')).toBe('12');
    });

    needs('broadcasts')('prunes expired entries but keeps each app\'s newest', async () => {
      await stores.broadcasts.append(b('app', '1', NOW - 10));
      await stores.broadcasts.append(b('app', '2', NOW - 5));
      await stores.broadcasts.append(b('app', '3', NOW + 10));
      await stores.broadcasts.append(b('old', '4', NOW - 1));
      expect(await stores.broadcasts.prune(NOW)).toBe(2);
      expect(await stores.broadcasts.latest('old')).toBe('4');
      expect((await stores.broadcasts.after('app', '', 10, NOW)).map((e) => e.pushId)).toEqual(['3']);
    });

    needs('broadcasts', durable)('keeps broadcasts across close and reopen', async () => {
      await stores.broadcasts.append(b('app', '7', NOW + 10, 't'));
      await reopen();
      expect(await stores.broadcasts.latest('app')).toBe('7');
      expect(await stores.broadcasts.after('app', '', 10, NOW)).toEqual([b('app', '7', NOW + 10, 't')]);
    });
  });

  describe('IdAllocator', () => {
    const expectIncreasing = (list: string[]) => {
      for (const id of list) expect(id).toMatch(/^[1-9]\d*$/);
      for (let i = 1; i < list.length; i++) expect(compareMessageIds(list[i - 1]!, list[i]!)).toBe(-1);
      expect(Number(list.at(-1))).toBeLessThan(Number.MAX_SAFE_INTEGER);
    };

    it('hands out strictly increasing decimal ids across blocks, even when the clock steps back', async () => {
      const now = vi.spyOn(Date, 'now').mockReturnValue(NOW);
      const list = Array.from({ length: 10 }, () => stores.ids.next());
      now.mockReturnValue(NOW - 3_600_000);
      list.push(...Array.from({ length: 10 }, () => stores.ids.next()));
      expectIncreasing(list);
      expect(Number(list[0])).toBeGreaterThanOrEqual(NOW * 1000);
    });

    durable('keeps increasing after a reopen, even with the same clock', async () => {
      vi.spyOn(Date, 'now').mockReturnValue(NOW);
      const before = Array.from({ length: 4 }, () => stores.ids.next());
      await reopen();
      const after = Array.from({ length: 4 }, () => stores.ids.next());
      expectIncreasing([...before, ...after]);
    });
  });

  describe('durability', () => {
    durable('keeps apps, devices, pushes and counters across close and reopen', async () => {
      await stores.apps.create(app('a1', 10));
      await stores.devices.put(device('t1', 1));
      await stores.pushes.create(push('100', 'a1', 5));
      await stores.pushes.addCounters(new Map([['100', { targets: 2, failed: { quota: 1 } }]]));
      await stores.routes.set(['t1'], 'node-a');
      await reopen();
      expect(await stores.apps.list()).toEqual([app('a1', 10)]);
      expect(await stores.devices.get('t1')).toEqual(device('t1', 1));
      expect(await stores.pushes.list('a1', 0, 10, 10)).toEqual([push('100', 'a1', 5)]);
      expect(await stores.pushes.counters('100')).toMatchObject({ targets: 2, failed: { quota: 1 } });
      // Embedded routes name this process's sockets: a restart starts with none.
      // Shared routes (Redis) belong to the cluster and end by their TTL instead.
      expect(await stores.routes.lookup(['t1'])).toEqual([impl.sharedRoutes ? 'node-a' : undefined]);
    });

    needs('offline', durable)('keeps offline queues across close and reopen', async () => {
      await stores.offline.append(shuffled(['1', '10', '2', '300'].map((id) => ref('tok', id, NOW + 10))));
      await stores.offline.append([ref('gone', '99', NOW - 1)]);
      await reopen();
      expect(await stores.offline.depth()).toBe(5);
      expect((await stores.offline.page('tok', undefined, 100, NOW)).refs.map((m) => m.pushId)).toEqual(['1', '2', '10', '300']);
      expect((await stores.offline.sweepExpired(NOW, 10)).map((m) => m.pushId)).toEqual(['99']);
      expect(await stores.offline.depth()).toBe(4);
    });

    needs('pushLog', durable)('keeps the push log and delivery progress across close and reopen', async () => {
      await stores.pushes.create(push('100', 'a1', 5), ['t1']);
      await stores.pushes.appendTargets({ seq: '101', pushId: '100', tokens: ['t2'] });
      await stores.pushes.addCounters(new Map([['100', { arrived: 1 }]]), { checkpoint: '99', acked: ['100 t1'] });
      await reopen();
      expect(await stores.pushes.entriesAfter('99', 10)).toEqual([
        { seq: '100', pushId: '100', tokens: ['t1'] },
        { seq: '101', pushId: '100', tokens: ['t2'] },
      ]);
      expect(await stores.pushes.progress()).toEqual({ checkpoint: '99', acked: ['100 t1'] });
    });

    durable('close flushes writes that were not awaited', async () => {
      void stores.pushes.addCounters(new Map([['p', { online: 1 }]]));
      void stores.devices.put(device('t1', 1));
      await reopen();
      expect((await stores.pushes.counters('p')).online).toBe(1);
      expect(await stores.devices.get('t1')).toEqual(device('t1', 1));
    });

    needs('offline', durable)('close flushes offline appends that were not awaited', async () => {
      void stores.offline.append([ref('tok', '1', NOW + 10)]);
      await reopen();
      expect((await stores.offline.page('tok', undefined, 100, NOW)).refs).toHaveLength(1);
    });
  });
});
