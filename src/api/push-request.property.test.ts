// Property tests of the push validator and of the REST handler around it: any
// JSON, and any near-valid push body, gets either a task that keeps every
// documented limit or an ApiError with a documented ret_code. Never a throw of
// anything else, never HTTP other than 200.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, RetCode } from '../errors.js';
import { MAX_MESSAGE_BYTES } from './message.js';
import { MAX_ACCOUNT_LIST } from './push-audience.js';
import { MAX_EXPIRE_SECONDS, MAX_TOKEN_CHARS, MAX_TOKEN_LIST, parsePushRequest } from './push-request.js';
import { authed, testApi } from './test-fakes.js';

const LIMITS = { defaultExpireSeconds: 259_200 };
/** The codes the validator may answer with (docs/rest-api.md "Return codes"). */
const VALIDATOR_CODES: readonly number[] = [RetCode.MISSING_PARAMETER, RetCode.ILLEGAL_PARAMETER, RetCode.NOT_JSON, RetCode.CONTENT_TOO_LARGE, RetCode.ACCOUNT_EMPTY];

/** Either a plausible value for a field or anything JSON can hold; `undefined` leaves the field out. */
const field = <T>(plausible: fc.Arbitrary<T>) => fc.option(fc.oneof({ weight: 12, arbitrary: plausible }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), { nil: undefined, freq: 12 });

/** An optional part that is usually left out, so that most bodies stay valid past it. */
const rare = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined, freq: 2 });

const token = fc.oneof({ weight: 8, arbitrary: fc.string({ minLength: 1, maxLength: 10 }) }, { weight: 1, arbitrary: fc.string({ minLength: 60, maxLength: 70 }) });
const message = fc.record({
  title: field(fc.string({ maxLength: 10 })),
  content: field(fc.oneof({ weight: 20, arbitrary: fc.string({ minLength: 1, maxLength: 10 }) }, { weight: 1, arbitrary: fc.string({ minLength: 4000, maxLength: 4200 }) })),
  custom_content: rare(field(fc.oneof(fc.constant('{"k":1}'), fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })))),
  accept_time: rare(field(fc.array(fc.record({
    start: fc.record({ hour: fc.constantFrom('00', '9', '23', '24', 'x'), min: fc.nat(70) }),
    end: fc.record({ hour: fc.nat(30), min: fc.constantFrom('00', '59', '60') }),
  }), { maxLength: 12 }))),
  android: rare(field(fc.record({
    ring: rare(field(fc.integer({ min: -1, max: 2 }))),
    n_id: rare(field(fc.integer())),
    ring_raw: rare(field(fc.string({ maxLength: 4 }))),
    action: rare(field(fc.record({
      action_type: field(fc.integer({ min: 0, max: 7 })),
      browser: field(fc.record({ url: field(fc.constantFrom('https://x', 'ftp://x', '')) })),
      intent: field(fc.string({ maxLength: 3 })),
    }))),
  }))),
  ios: rare(field(fc.record({
    aps: field(fc.record({ 'content-available': field(fc.integer({ min: 0, max: 1 })), badge: rare(field(fc.integer())) })),
    custom: rare(field(fc.jsonValue({ maxDepth: 1 }))),
  }))),
});

const pushBody = fc.record({
  audience_type: field(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('token', 'token_list') }, { weight: 3, arbitrary: fc.constantFrom('all', 'tag', 'account', 'account_list') }, { weight: 1, arbitrary: fc.constantFrom('', 'TOKEN', 'package_token_push') })),
  tag_list: rare(field(fc.record({ tags: field(fc.array(fc.constantFrom('vip', 'city:sz', 'a b', ''), { maxLength: 3 })), op: field(fc.constantFrom('AND', 'or', 'NOT')) }))),
  account_list: rare(field(fc.array(fc.oneof(fc.constantFrom('alice', 'bob', '', 'x'), fc.record({ account: field(fc.constantFrom('carol', 'y')), account_type: rare(field(fc.constantFrom(0, 1, 5, 2001))) })), { maxLength: 4 }))),
  account_type: rare(field(fc.constantFrom(0, 1, 3, 1999))),
  account_push_type: rare(field(fc.constantFrom(0, 1, 2))),
  token_list: field(fc.oneof({ weight: 30, arbitrary: fc.array(token, { maxLength: 5 }) }, { weight: 1, arbitrary: fc.array(token, { minLength: 999, maxLength: 1002 }) })),
  push_id: rare(field(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('0', 0, '', '12') }, fc.nat().map(String), fc.string({ maxLength: 4 })))),
  message_type: field(fc.constantFrom('notify', 'notify', 'message', 'other')),
  message,
  expire_time: rare(field(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -1, max: MAX_EXPIRE_SECONDS + 1 }) }, fc.constant(0), fc.double()))),
  environment: rare(field(fc.constantFrom('product', 'dev', 'dev', 'prod'))),
  platform: rare(field(fc.constantFrom('android', 'ios', 'all', 'web'))),
  seq: rare(field(fc.oneof({ weight: 4, arbitrary: fc.integer() }, fc.double(), fc.string({ maxLength: 3 })))),
});

/** Anything JSON: near-valid push bodies, and arbitrary values of every shape. */
const anyBody = fc.oneof({ weight: 3, arbitrary: pushBody }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) });

describe('parsePushRequest properties', () => {
  it('gives a task within every limit, or an ApiError with a documented code', () => {
    let accepted = 0;
    fc.assert(fc.property(anyBody, (body) => {
      let task;
      try {
        task = parsePushRequest(body, '1500001048', LIMITS);
      } catch (err) {
        if (!(err instanceof ApiError)) throw new Error(`threw ${String(err)}, not an ApiError`);
        expect(VALIDATOR_CODES).toContain(err.retCode);
        expect(err.message).not.toBe('');
        return;
      }
      accepted++;
      expect(['all', 'tag', 'token', 'token_list', 'account', 'account_list']).toContain(task.audienceType);
      const audience = task.audience;
      if (audience === undefined) {
        expect(['token', 'token_list']).toContain(task.audienceType);
        expect(task.tokens.length).toBeGreaterThanOrEqual(1);
        expect(task.tokens.length).toBeLessThanOrEqual(task.audienceType === 'token' ? 1 : MAX_TOKEN_LIST);
      } else {
        expect(task.tokens).toEqual([]);
        expect(audience.kind).toBe(task.audienceType.startsWith('account') ? 'accounts' : task.audienceType);
        if (audience.kind === 'accounts') {
          expect(audience.accounts.length).toBeGreaterThanOrEqual(1);
          expect(audience.accounts.length).toBeLessThanOrEqual(task.audienceType === 'account' ? 1 : MAX_ACCOUNT_LIST);
          expect([0, 1]).toContain(audience.pushType);
          expect(new Set(audience.accounts.map((a) => `${a.accountType} ${a.account}`)).size).toBe(audience.accounts.length);
        }
      }
      expect(new Set(task.tokens).size).toBe(task.tokens.length);
      for (const t of task.tokens) expect(t.length >= 1 && t.length <= MAX_TOKEN_CHARS).toBe(true);
      expect(Number.isInteger(task.content.expireTime) && task.content.expireTime >= 0 && task.content.expireTime <= MAX_EXPIRE_SECONDS).toBe(true);
      expect(['product', 'dev']).toContain(task.content.environment);
      if (task.reusePushId === undefined) {
        expect(['notify', 'message']).toContain(task.content.kind);
        expect(Buffer.byteLength(JSON.stringify(task.content.message))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
        if (task.content.customContent !== '') expect(typeof JSON.parse(task.content.customContent)).toBe('object');
      }
    }), { numRuns: 3000 });
    // The generator must reach the accepting branch too, or the limits above were never checked.
    expect(accepted).toBeGreaterThan(50);
  });

  it('answers the same for the same body: validation reads, never writes', () => {
    fc.assert(fc.property(anyBody, (body) => {
      const before = JSON.stringify(body);
      const outcome = () => {
        try {
          return JSON.stringify(parsePushRequest(body, 'a', LIMITS));
        } catch (err) {
          return `error ${(err as ApiError).retCode}`;
        }
      };
      expect(outcome()).toBe(outcome());
      expect(JSON.stringify(body)).toBe(before);
    }), { numRuns: 1000 });
  });
});

describe('REST handler properties', () => {
  const documented: readonly number[] = Object.values(RetCode);

  it('answers any body with HTTP 200 JSON and a documented ret_code, creating a push only on success', async () => {
    const t = testApi();
    t.pushes.online.add('a');
    const bodies = fc.oneof(anyBody.map((b) => JSON.stringify(b)), fc.string({ unit: 'binary', maxLength: 200 }));
    await fc.assert(fc.asyncProperty(bodies, async (body) => {
      const tasksBefore = t.pushes.records.size;
      const res = await t.call(authed('/v3/push/app', body));
      expect(res.status).toBe(200);
      const code = res.json.ret_code as number;
      expect(documented).toContain(code);
      const created = t.pushes.records.size - tasksBefore;
      // A push is created exactly when the router was reached with a new task.
      const routed = [
        RetCode.OK, RetCode.DEVICE_NOT_REGISTERED, RetCode.TOKEN_LIST_PARTLY_FAILED, RetCode.TOKEN_LIST_ALL_FAILED,
        RetCode.PUSH_TARGET_NOT_FOUND, RetCode.ACCOUNT_NOT_FOUND, RetCode.ACCOUNT_LIST_PARTLY_FAILED, RetCode.ACCOUNT_LIST_ALL_FAILED,
      ];
      if (!routed.includes(code as never)) {
        expect(created).toBe(0);
        expect(res.json.push_id).toBe('0');
      }
    }), { numRuns: 3000 });
  });
});
