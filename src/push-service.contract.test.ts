// The PushService contract (src/push-service.ts), run against every
// implementation: the REST API's test fake and the real router in a running
// server. The API's own tests use the fake; this suite is what makes their
// 10110/10304/10305 and statistics answers true of the real router too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushServiceImplementations, type PushServiceHarness } from '../test/helpers/push-services.js';
import { basicAuthorization } from './api/auth.js';
import { createRestApi } from './api/rest-api.js';
import { testConfig } from './api/test-fakes.js';
import { ApiError, RetCode } from './errors.js';
import type { HttpHandler } from './http/types.js';
import { createLogger } from './log.js';
import { Metrics } from './metrics.js';
import type { PushContent, PushTask } from './push-service.js';

function content(expireTime = 3600, title = 'hello'): PushContent {
  return { kind: 'notify', title, content: 'world', customContent: '', message: { title, content: 'world' }, platform: 'all', environment: 'product', expireTime };
}

function task(accessId: string, tokens: string[], extra: Partial<PushTask> = {}): PushTask {
  return { accessId, audienceType: tokens.length === 1 ? 'token' : 'token_list', tokens, content: content(), ...extra };
}

describe.each(pushServiceImplementations)('PushService: $name', (impl) => {
  let h: PushServiceHarness;
  let api: HttpHandler;
  let a: string;
  let b: string;

  beforeAll(async () => {
    h = await impl.start();
    a = h.appA.accessId;
    b = h.appB.accessId;
    api = createRestApi({ apps: h.apps, pushService: h.service, config: testConfig(), log: createLogger('silent'), metrics: new Metrics() });
  });
  afterAll(() => h.close());

  async function rest(path: string, body: unknown, app = h.appA) {
    const res = await api({
      method: 'POST', path, query: '', body: Buffer.from(JSON.stringify(body)), bodyTooLarge: false,
      headers: { 'content-type': 'application/json', authorization: basicAuthorization(app.accessId, app.secretKey) },
    });
    return JSON.parse(String(res.body)) as Record<string, unknown>;
  }

  it('answers one status per token, in order: online, offline, not registered, another app\'s', async () => {
    const online = await h.device(a, 'online');
    const away = await h.device(a, 'away');
    const foreign = await h.device(b, 'online');
    const outcome = await h.service.push(task(a, [away, 'never-issued', online, foreign]));
    expect(outcome.pushId).toMatch(/^[1-9]\d*$/);
    expect(outcome.targets).toEqual(['offline', 'not_registered', 'online', 'not_registered']);
  });

  it('with expire_time 0 drops an away device instead of storing it', async () => {
    const online = await h.device(a, 'online');
    const away = await h.device(a, 'away');
    const outcome = await h.service.push(task(a, [online, away], { content: content(0) }));
    expect(outcome.targets).toEqual(['online', 'dropped_offline']);
    const found = await h.service.record(a, outcome.pushId);
    expect(found?.counters).toMatchObject({ targets: 2, online: 1, offline: 0, failed: { offline_and_no_expire_time: 1 } });
  });

  it('counts every target of a push, and keeps the record and counters to their app', async () => {
    const online = await h.device(a, 'online');
    const away = await h.device(a, 'away');
    const foreign = await h.device(b, 'away');
    const { pushId } = await h.service.push(task(a, [online, away, 'ghost', foreign], { content: content(3600, 'counted') }));
    const found = await h.service.record(a, pushId);
    expect(found?.record).toMatchObject({ pushId, accessId: a, audienceType: 'token_list', title: 'counted', expireTime: 3600 });
    expect(found?.counters).toEqual({ targets: 4, online: 1, offline: 1, arrived: 0, clicked: 0, expired: 0, failed: { token_not_registered: 2 } });
    expect(await h.service.record(b, pushId)).toBeUndefined();
    expect(await h.service.record(a, '999999999999')).toBeUndefined();
  });

  it('reuses a push id: same id, first call\'s content, counters added up; refuses an unknown or foreign one with 10205', async () => {
    const first = await h.device(a, 'online');
    const second = await h.device(a, 'away');
    const created = await h.service.push(task(a, [first], { audienceType: 'token_list', content: content(3600, 'original') }));
    const reused = await h.service.push(task(a, [second], { audienceType: 'token_list', reusePushId: created.pushId, content: content(3600, 'ignored') }));
    expect(reused).toEqual({ pushId: created.pushId, targets: ['offline'] });
    const found = await h.service.record(a, created.pushId);
    expect(found?.record.title).toBe('original');
    expect(found?.counters).toMatchObject({ targets: 2, online: 1, offline: 1 });
    for (const [accessId, pushId] of [[a, '888888888888'], [b, created.pushId]] as const) {
      const refused = h.service.push(task(accessId, [first], { audienceType: 'token_list', reusePushId: pushId }));
      await expect(refused).rejects.toBeInstanceOf(ApiError);
      await expect(refused).rejects.toMatchObject({ retCode: RetCode.PUSH_TASK_NOT_FOUND });
    }
  });

  it('lists an app\'s pushes newest first within [from, to), up to the limit', async () => {
    const token = await h.device(b, 'away');
    const from = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await h.service.push(task(b, [token]))).pushId);
    const listed = await h.service.list(b, from, Date.now() + 1, 3);
    expect(listed.map((r) => r.pushId)).toEqual(ids.slice(1).reverse());
    expect(listed.every((r) => r.accessId === b)).toBe(true);
    expect(await h.service.list(b, from, from, 10)).toEqual([]);
  });

  describe('through the REST API', () => {
    it('answers 10110 for an unregistered single token, with the push id', async () => {
      const json = await rest('/v3/push/app', { audience_type: 'token', token_list: ['nobody'], message_type: 'notify', message: { title: 't', content: 'c' } });
      expect(json).toMatchObject({ ret_code: RetCode.DEVICE_NOT_REGISTERED });
      expect(json.push_id).not.toBe('0');
    });

    it('answers 10304 and 10305 listing the unregistered tokens, and 0 when all are registered', async () => {
      const online = await h.device(a, 'online');
      const away = await h.device(a, 'away');
      const list = (tokens: string[]) => rest('/v3/push/app', { audience_type: 'token_list', token_list: tokens, push_id: '0', message_type: 'notify', message: { title: 't', content: 'c' } });
      expect(await list([online, 'ghost1', away, 'ghost2'])).toMatchObject({ ret_code: RetCode.TOKEN_LIST_PARTLY_FAILED, result: '["ghost1","ghost2"]' });
      expect(await list(['ghost1', 'ghost2'])).toMatchObject({ ret_code: RetCode.TOKEN_LIST_ALL_FAILED, result: '["ghost1","ghost2"]' });
      expect(await list([online, away])).toMatchObject({ ret_code: 0 });
    });

    it('reports the counters in the statistics API', async () => {
      const online = await h.device(a, 'online');
      const away = await h.device(a, 'away');
      const pushed = await rest('/v3/push/app', { audience_type: 'token_list', token_list: [online, away, 'ghost'], push_id: '0', message_type: 'notify', message: { title: 't', content: 'c' } });
      const stats = await rest('/v3/statistics/get_push_task_stat_channel', { pushId: pushed.push_id });
      expect(stats.homingCounters).toEqual({ targets: 3, online: 1, offline: 1, arrived: 0, clicked: 0, expired: 0, failed: { token_not_registered: 1 } });
      expect(stats.pushStatDataAll).toContainEqual({
        channel: 'xg', pushState: { pushActiveUv: 3, pushOnlineUv: 1, verifySvcUv: 0, callbackVerifySvcUv: 0, verifyUv: 0, clickUv: 0, cleanupUv: 0 },
      });
      expect(await rest('/v3/statistics/get_push_record', { pushId: pushed.push_id }, h.appB)).toMatchObject({ retCode: RetCode.PUSH_TASK_NOT_FOUND });
    });
  });
});
