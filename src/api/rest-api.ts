// The /v3 REST handler: routing, the order of checks, metrics and logs. It
// never throws and always answers HTTP 200 JSON (see envelope.ts for why).
//
// Order of checks, which decides the code a broken request gets:
// route (19404) → method (19404) → body over the cap (10117) → auth (10104,
// 10606) → per-app push rate (10101, /v3/push/* only) → body is JSON (10107)
// → fields (10102, 10103, 10115, 10117) → per-app all/tag push rate (10101)
// → router.
// Body size comes before auth because an oversized body was never read, so a
// signature over it cannot be checked. The body is parsed before auth only to
// echo `seq` on auth failures too; the cap bounds that work.
import { ApiError, RetCode, type RetCodeValue } from '../errors.js';
import type { Config } from '../config.js';
import type { HttpHandler, HttpRequest, HttpResponse } from '../http/types.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { PushService } from '../push-service.js';
import type { AccountStore, TagStore } from '../stores/audience-types.js';
import type { AppRecord, AppStore, DeviceStore } from '../stores/types.js';
import { accountRoutes } from './account-api.js';
import { deviceReply, type DeviceApiHandler } from './device-reply.js';
import { tagRoutes } from './tag-api.js';
import { Authenticator } from './auth.js';
import { pushVerdict, tpnsResponse, xgResponse } from './envelope.js';
import { parseJsonBody, type JsonBody } from './json-body.js';
import { parsePushRequest, requestedEnvironment } from './push-request.js';
import { getPushRecord, getPushTaskStatChannel } from './statistics.js';
import { traceQuery } from './trace-api.js';
import type { DeliveryTrace } from '../trace/delivery-trace.js';
import { KeyedTokenBuckets, perMinute, perSecond } from '../rate-limit.js';

export interface RestApiDeps {
  apps: AppStore;
  pushService: PushService;
  config: Config;
  log: Logger;
  metrics: Metrics;
  /** ms since epoch; tests pin it to check the signature window. */
  now?: () => number;
  /** The stores behind /v3/device/tag… and /v3/device/account/…; without them those paths answer 19404. */
  audience?: { tags: TagStore; accounts: AccountStore; devices: DeviceStore };
  /** Behind /v3/statistics/trace; without it every delivery answers traced: false. */
  trace?: DeliveryTrace;
}

/** xg: push API envelope; tpns: statistics; device: tag and account APIs (device-reply.ts). */
type Style = 'xg' | 'tpns' | 'device';

/** A response and the ret_code it carries, for the metrics. */
interface Answer {
  response: HttpResponse;
  retCode: RetCodeValue;
}

interface Route {
  style: Style;
  /** Throws ApiError for an XG error code. */
  run(body: JsonBody, app: AppRecord): Promise<Answer>;
}

/** Metrics label for paths we do not serve, so scanners cannot grow the label set. */
const UNKNOWN_PATH = 'unknown';

export function createRestApi(deps: RestApiDeps): HttpHandler {
  const { pushService, config, metrics } = deps;
  const log = deps.log.child({ component: 'rest-api' });
  const auth = new Authenticator({ apps: deps.apps, signWindowSeconds: config.signWindowSeconds, now: deps.now ?? Date.now });
  // Counted after auth, so only an app's own calls spend its budget; a refused call spends nothing else.
  const pushRate = new KeyedTokenBuckets(perSecond(config.pushRequestsPerAppPerSecond), 100_000, deps.now ?? Date.now);
  // all/tag pushes reach whole audiences: a budget of their own, spent only by a valid one.
  const broadcastRate = new KeyedTokenBuckets(perMinute(config.broadcastsPerAppPerMinute), 100_000, deps.now ?? Date.now);

  const pushApp: Route = {
    style: 'xg',
    async run(body, app) {
      const task = parsePushRequest(body.value, app.accessId, config);
      if ((task.audienceType === 'all' || task.audienceType === 'tag') && !broadcastRate.take(app.accessId)) {
        const wait = broadcastRate.secondsUntil(app.accessId);
        throw new ApiError(RetCode.RATE_LIMITED, `over ${config.broadcastsPerAppPerMinute} all/tag pushes a minute for this app; retry in ${wait} s`);
      }
      const outcome = await pushService.push(task);
      const verdict = pushVerdict(task, outcome);
      if (outcome.targets.length !== task.tokens.length) {
        const counts = { targets: task.tokens.length, outcomes: outcome.targets.length };
        log.error({ push_id: outcome.pushId, access_id: app.accessId, ...counts }, 'router returned a wrong number of target outcomes');
      }
      if (log.isLevelEnabled('debug')) {
        const detail = { audience_type: task.audienceType, targets: outcome.targetCount ?? task.tokens.length, reuse: task.reusePushId !== undefined, not_registered: verdict.failed.length };
        log.debug({ push_id: outcome.pushId, access_id: app.accessId, ret_code: verdict.retCode, ...detail }, 'push handled');
      }
      if (verdict.retCode === RetCode.OK) metrics.pushAccepted(task.audienceType).inc();
      const response = xgResponse({
        seq: body.seq,
        retCode: verdict.retCode,
        errMsg: verdict.errMsg,
        pushId: outcome.pushId,
        environment: task.content.environment,
        ...(verdict.result !== undefined ? { result: verdict.result } : {}),
      });
      return { response, retCode: verdict.retCode };
    },
  };
  const stats = (query: typeof getPushRecord): Route => ({
    style: 'tpns',
    run: async (body, app) => ({ response: tpnsResponse(RetCode.OK, '', await query(body.value, app.accessId, pushService)), retCode: RetCode.OK }),
  });
  const routes: ReadonlyMap<string, Route> = new Map([
    ['/v3/push/app', pushApp],
    ['/v3/statistics/get_push_record', stats(getPushRecord)],
    ['/v3/statistics/get_push_task_stat_channel', stats(getPushTaskStatChannel)],
    ['/v3/statistics/trace', stats(traceQuery(deps.trace, deps.audience?.accounts))],
    ...(deps.audience ? [...tagRoutes(deps.audience), ...accountRoutes(deps.audience)] : []).map(
      ([path, run]: [string, DeviceApiHandler]): [string, Route] => [path, { style: 'device', run }],
    ),
  ]);

  function errorAnswer(style: Style, retCode: RetCodeValue, message: string, body?: JsonBody): Answer {
    const response =
      style === 'tpns'
        ? tpnsResponse(retCode, message)
        : style === 'device'
          ? deviceReply(body?.seq ?? '0', retCode, message)
          : xgResponse({ seq: body?.seq ?? '0', retCode, errMsg: message, pushId: '0', environment: requestedEnvironment(body?.value) });
    return { response, retCode };
  }

  async function handle(req: HttpRequest, path: string, route: Route | undefined): Promise<Answer> {
    if (!route) return errorAnswer('xg', RetCode.NOT_FOUND, `no API at ${path}`);
    if (req.method.toUpperCase() !== 'POST') return errorAnswer(route.style, RetCode.NOT_FOUND, `${req.method} is not served; the V3 API is POST only`);
    // 10117, not a code of our own: XG clients know 10117 as "too big, do not
    // retry", while an unknown 104xx reads as XG's "internal error, retry later".
    if (req.bodyTooLarge) return errorAnswer(route.style, RetCode.CONTENT_TOO_LARGE, `request body is larger than ${config.maxBodyBytes} bytes`);
    const body = parseJsonBody(req.body);
    try {
      const app = auth.verified(req) ?? (await auth.authenticate(req));
      if (path.startsWith('/v3/push/') && !pushRate.take(app.accessId)) {
        throw new ApiError(RetCode.RATE_LIMITED, `over ${config.pushRequestsPerAppPerSecond} push calls a second for this app; retry in ${pushRate.secondsUntil(app.accessId)} s`);
      }
      if (!body.parsed) throw new ApiError(RetCode.NOT_JSON, 'request body is not valid JSON');
      if (!body.seqValid) throw new ApiError(RetCode.ILLEGAL_PARAMETER, 'seq must be an int64');
      return await route.run(body, app);
    } catch (err) {
      if (err instanceof ApiError) {
        log.debug({ path, ret_code: err.retCode, err_msg: err.message }, 'request refused');
        return errorAnswer(route.style, err.retCode, err.message, body);
      }
      log.error({ path, err }, 'unexpected error while handling a request');
      return errorAnswer(route.style, RetCode.BUSY, 'system busy, retry later', body);
    }
  }

  return async (req) => {
    let label = UNKNOWN_PATH;
    let answer: Answer;
    try {
      // Tolerates "//v3/push/app" and a trailing slash from hand-built base URLs.
      const path = req.path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
      const route = routes.get(path);
      if (route) label = path;
      answer = await handle(req, path, route);
    } catch (err) {
      // Only a bug in this file lands here; the answer must still be XG-shaped.
      try {
        log.error({ err }, 'REST handler failed');
      } catch {
        // Nothing left to report to.
      }
      answer = { response: xgResponse({ seq: '0', retCode: RetCode.BUSY, errMsg: 'system busy, retry later', pushId: '0', environment: 'product' }), retCode: RetCode.BUSY };
    }
    try {
      metrics.restAnswer(label, answer.retCode).inc();
    } catch {
      // A metrics failure must not turn an answered request into an error.
    }
    return answer.response;
  };
}
