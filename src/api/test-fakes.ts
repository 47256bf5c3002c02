// Test-only doubles for the API's two collaborators. The API's contract with
// the router is exactly PushService, so a recording implementation is enough
// here; the real router is tested through real sockets elsewhere.
import { Writable } from 'node:stream';
import { loadConfig, type Config, type SettingName } from '../config.js';
import { ApiError, RetCode } from '../errors.js';
import type { HttpRequest } from '../http/types.js';
import { createLogger } from '../log.js';
import { Metrics } from '../metrics.js';
import type { PushOutcome, PushService, PushTask, TargetStatus } from '../push-service.js';
import { emptyCounters, type AppRecord, type AppStore, type PushCounters, type PushRecord } from '../stores/types.js';
import { comparePushesNewestFirst } from '../stores/records.js';
import { basicAuthorization } from './auth.js';
import { createRestApi } from './rest-api.js';

export class MapAppStore implements AppStore {
  readonly apps = new Map<string, AppRecord>();
  gets = 0;
  failNext: Error | undefined;

  async create(app: AppRecord): Promise<void> {
    this.apps.set(app.accessId, app);
  }
  async get(accessId: string): Promise<AppRecord | undefined> {
    this.gets++;
    const err = this.failNext;
    this.failNext = undefined;
    if (err) throw err;
    return this.apps.get(accessId);
  }
  async list(): Promise<AppRecord[]> {
    return [...this.apps.values()];
  }
}

/**
 * Tokens in `online` are live, in `offline` registered but away; any other token
 * is not registered. A token belongs to APP unless `owners` names another app.
 * All, tag and account audiences reach nobody (the fake binds no tags or accounts).
 * src/push-service.contract.test.ts holds this fake to the router's contract.
 */
export class RecordingPushService implements PushService {
  readonly tasks: PushTask[] = [];
  readonly records = new Map<string, { record: PushRecord; counters: PushCounters }>();
  readonly online = new Set<string>();
  readonly offline = new Set<string>();
  readonly owners = new Map<string, string>();
  throwNext: Error | undefined;
  now = 1_700_000_000_000;
  private nextId = 1000;

  async push(task: PushTask): Promise<PushOutcome> {
    this.tasks.push(task);
    const err = this.throwNext;
    this.throwNext = undefined;
    if (err) throw err;
    let pushId: string;
    if (task.reusePushId !== undefined) {
      const reused = this.records.get(task.reusePushId);
      if (!reused || reused.record.accessId !== task.accessId) throw new ApiError(RetCode.PUSH_TASK_NOT_FOUND, 'push task not found');
      pushId = task.reusePushId;
    } else {
      pushId = String(this.nextId++);
      const c = task.content;
      this.records.set(pushId, {
        record: {
          ...c, pushId, accessId: task.accessId, audienceType: task.audienceType, createdAt: this.now,
        },
        counters: emptyCounters(),
      });
    }
    const record = this.records.get(pushId)!;
    const targets = task.tokens.map((t): TargetStatus => {
      if ((this.owners.get(t) ?? APP.accessId) !== task.accessId) return 'not_registered';
      if (this.online.has(t)) return 'online';
      if (!this.offline.has(t)) return 'not_registered';
      return record.record.expireTime === 0 ? 'dropped_offline' : 'offline';
    });
    const counters = record.counters;
    counters.targets += targets.length;
    for (const s of targets) {
      if (s === 'online') counters.online++;
      else if (s === 'offline') counters.offline++;
      else if (s !== 'provider') {
        const reason = FAILURE_REASONS[s];
        counters.failed[reason] = (counters.failed[reason] ?? 0) + 1;
      }
    }
    if (task.audience) {
      const missing = task.audience.kind === 'accounts' ? { accountsWithoutDevices: [...task.audience.accounts] } : {};
      return { pushId, targets: [], targetCount: 0, ...missing };
    }
    return { pushId, targets };
  }

  async record(accessId: string, pushId: string) {
    const found = this.records.get(pushId);
    return found && found.record.accessId === accessId ? found : undefined;
  }

  async list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]> {
    return [...this.records.values()]
      .map((r) => r.record)
      .filter((r) => r.accessId === accessId && r.createdAt >= fromMs && r.createdAt < toMs)
      .sort(comparePushesNewestFirst)
      .slice(0, limit);
  }
}

/** The names the router counts failed targets under (statistics `failed`). */
const FAILURE_REASONS = { not_registered: 'token_not_registered', dropped_offline: 'offline_and_no_expire_time' } as const;

export const APP: AppRecord = { accessId: '1500001048', accessKey: 'AKEY00000001', secretKey: '1452fcebae9f3115ba794fb0fff2fd73', name: 'demo', createdAt: 0 };

export function request(path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST'): HttpRequest {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { method, path, query: '', headers: { 'content-type': 'application/json', ...headers }, body: raw, bodyTooLarge: false };
}

/** A request authorised with APP's Basic credentials. */
export function authed(path: string, body: unknown, app: AppRecord = APP): HttpRequest {
  return request(path, body, { authorization: basicAuthorization(app.accessId, app.secretKey) });
}

export function testConfig(settings: Partial<Record<SettingName, string>> = {}): Config {
  return loadConfig({ HOMING_LOG_LEVEL: 'silent', HOMING_NODE_ID: 'test' }, settings);
}

/** The API wired to fakes, with every log line kept for assertions. */
export function testApi(now = () => 1_700_000_000_000, settings: Partial<Record<SettingName, string>> = {}) {
  const apps = new MapAppStore();
  void apps.create(APP);
  const pushes = new RecordingPushService();
  const metrics = new Metrics();
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger('trace', sink);
  const api = createRestApi({ apps, pushService: pushes, config: testConfig(settings), log, metrics, now });
  const call = async (req: HttpRequest) => {
    const res = await api(req);
    return { status: res.status, text: String(res.body), json: JSON.parse(String(res.body)) as Record<string, unknown> };
  };
  return { api, call, apps, pushes, metrics, logLines };
}
