// XG's tag API (XG-API.md §4): /v3/device/tag operator_type 1–10, TPNS's
// /v3/device/tag/delete_all_device, and the tag queries of XG v2 served under
// /v3/device/tag/. Every request is checked whole before anything is written;
// tokens must be registered devices of the calling app (else 10110, `result`
// listing them), and the store refuses a change past XG's limits (91, 92).
import { ApiError, RetCode } from '../errors.js';
import { MAX_TAGS_PER_APP, MAX_TAGS_PER_TOKEN, type TagOp, type TagStore } from '../stores/audience-types.js';
import type { DeviceStore } from '../stores/types.js';
import { answer, type DeviceApiHandler } from './device-reply.js';
import { list, operatorType, requireObject, tag, token, unknownTokens } from './audience-fields.js';
import { illegal, isObject, missing } from './message.js';

export interface TagApiDeps {
  tags: TagStore;
  devices: DeviceStore;
}

/** XG v2 query_app_tags: default and largest page. */
const DEFAULT_TAG_PAGE = 100;
const MAX_TAG_PAGE = 200;

/** operator_type → what it does with the first token / first tag / the lists. */
function tagOps(op: number, body: Record<string, unknown>): TagOp[] {
  if (op === 9 || op === 10) {
    return list(body, 'tag_token_list').map((pair) => {
      const [t, k] = tagTokenPair(pair);
      return op === 9 ? { kind: 'add', token: k, tags: [t] } : { kind: 'remove', token: k, tags: [t] };
    });
  }
  const tokens = list(body, 'token_list').map((t) => token(t));
  if (op === 5) return [{ kind: 'clear', token: tokens[0]! }];
  const tags = list(body, 'tag_list').map((t) => tag(t));
  switch (op) {
    case 1: return [{ kind: 'add', token: tokens[0]!, tags: [tags[0]!] }];
    case 2: return [{ kind: 'remove', token: tokens[0]!, tags: [tags[0]!] }];
    case 3: return [{ kind: 'add', token: tokens[0]!, tags }];
    case 4: return [{ kind: 'remove', token: tokens[0]!, tags }];
    case 6: return [{ kind: 'set', token: tokens[0]!, tags }];
    case 7: return tokens.map((t) => ({ kind: 'add', token: t, tags: [tags[0]!] }));
    default: return tokens.map((t) => ({ kind: 'remove', token: t, tags: [tags[0]!] }));
  }
}

/** Both pair formats the XG SDKs send: ["tag","token"] (XG docs) and {"tag","token"} (Java SDK, TPNS). */
function tagTokenPair(pair: unknown): [string, string] {
  if (Array.isArray(pair) && pair.length === 2) return [tag(pair[0], 'tag_token_list'), token(pair[1], 'tag_token_list')];
  if (isObject(pair)) return [tag(pair.tag, 'tag_token_list'), token(pair.token, 'tag_token_list')];
  illegal('tag_token_list: each pair must be ["tag","token"] or {"tag":"…","token":"…"}');
}

async function requireRegistered(devices: DeviceStore, accessId: string, tokens: readonly string[]): Promise<void> {
  const unknown = await unknownTokens(devices, accessId, tokens);
  if (unknown.length > 0) {
    throw new ApiError(RetCode.DEVICE_NOT_REGISTERED, `${unknown.length === 1 ? 'token is' : 'tokens are'} not registered: ${JSON.stringify(unknown)}`);
  }
}

function nonNegativeInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) illegal(`${field} must be a non-negative integer`);
  return value;
}

export function tagRoutes({ tags, devices }: TagApiDeps): Map<string, DeviceApiHandler> {
  const bindOrUnbind: DeviceApiHandler = async (json, app) => {
    const body = requireObject(json.value);
    const ops = tagOps(operatorType(body, 10), body);
    await requireRegistered(devices, app.accessId, ops.map((o) => o.token));
    const outcome = await tags.update(app.accessId, ops);
    if (outcome.ok) return answer(json, RetCode.OK, '');
    if (outcome.limit === 'tags_per_token') {
      return answer(json, RetCode.TOO_MANY_TAGS_ON_DEVICE, `token ${outcome.token} would have more than ${MAX_TAGS_PER_TOKEN} tags; nothing was changed`);
    }
    return answer(json, RetCode.TOO_MANY_TAGS_IN_APP, `the app would have more than ${MAX_TAGS_PER_APP.toLocaleString('en-US')} tags; nothing was changed`);
  };

  const deleteAllDevice: DeviceApiHandler = async (json, app) => {
    const body = requireObject(json.value);
    const removed = await tags.deleteTags(app.accessId, list(body, 'tag_list').map((t) => tag(t)));
    return answer(json, RetCode.OK, '', { result: { removed } });
  };

  const queryAppTags: DeviceApiHandler = async (json, app) => {
    const body = requireObject(json.value);
    const start = nonNegativeInt(body.start, 'start', 0);
    const limit = nonNegativeInt(body.limit, 'limit', DEFAULT_TAG_PAGE);
    if (limit < 1 || limit > MAX_TAG_PAGE) illegal(`limit must be 1–${MAX_TAG_PAGE}`);
    const [total, page] = await Promise.all([tags.tagCount(app.accessId), tags.listTags(app.accessId, start, limit)]);
    return answer(json, RetCode.OK, '', { result: { total, tags: page } });
  };

  const queryTokenTags: DeviceApiHandler = async (json, app) => {
    const body = requireObject(json.value);
    // XG v2 calls it device_token.
    const raw = body.token ?? body.device_token;
    if (raw === undefined || raw === null || raw === '') missing('token is required');
    const t = token(raw, 'token');
    await requireRegistered(devices, app.accessId, [t]);
    return answer(json, RetCode.OK, '', { result: { tags: await tags.tagsOf(app.accessId, t) } });
  };

  const queryTagTokenNum: DeviceApiHandler = async (json, app) => {
    const body = requireObject(json.value);
    if (body.tag === undefined || body.tag === null || body.tag === '') missing('tag is required');
    const count = await tags.tokenCount(app.accessId, tag(body.tag, 'tag'));
    return answer(json, RetCode.OK, '', { result: { device_num: count } });
  };

  return new Map([
    ['/v3/device/tag', bindOrUnbind],
    ['/v3/device/tag/delete_all_device', deleteAllDevice],
    ['/v3/device/tag/query_app_tags', queryAppTags],
    ['/v3/device/tag/query_token_tags', queryTokenTags],
    ['/v3/device/tag/query_tag_token_num', queryTagTokenNum],
  ]);
}
