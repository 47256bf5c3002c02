import { describe, expect, it } from 'vitest';
import { ApiError, RetCode } from '../errors.js';
import { parsePushRequest } from './push-request.js';

const LIMITS = { defaultExpireSeconds: 259_200 };
const base = { audience_type: 'token', token_list: ['tok1'], message_type: 'notify', message: { title: 't', content: 'c' } };
const parse = (body: unknown) => parsePushRequest(body, '1500001048', LIMITS);

function codeOf(body: unknown): number {
  try {
    parse(body);
    return 0;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).retCode;
  }
}

describe('targets', () => {
  it('uses only the first token of a token push', () => {
    const task = parse({ ...base, token_list: ['a', 'b', 42] });
    expect(task).toMatchObject({ accessId: '1500001048', audienceType: 'token', tokens: ['a'] });
    expect(task.reusePushId).toBeUndefined();
  });

  it('dedupes token_list in order, and reads push_id', () => {
    expect(parse({ ...base, audience_type: 'token_list', token_list: ['b', 'a', 'b'], push_id: '0' }).tokens).toEqual(['b', 'a']);
    expect(parse({ ...base, audience_type: 'token_list', push_id: 0 }).reusePushId).toBeUndefined();
    expect(parse({ ...base, audience_type: 'token_list' }).reusePushId).toBeUndefined();
    expect(parse({ ...base, audience_type: 'token_list', push_id: '3895624686' }).reusePushId).toBe('3895624686');
    expect(parse({ ...base, audience_type: 'token_list', push_id: 77 }).reusePushId).toBe('77');
  });

  it('lets a reusing call leave out the message', () => {
    const task = parse({ audience_type: 'token_list', token_list: ['a'], push_id: '12' });
    expect(task.reusePushId).toBe('12');
    expect(task.content.kind).toBe('notify');
  });

  it('accepts 1000 tokens of 64 chars and refuses 1001 or 65 chars', () => {
    const many = Array.from({ length: 1000 }, (_, i) => String(i).padStart(64, 'x'));
    expect(parse({ ...base, audience_type: 'token_list', token_list: many }).tokens).toHaveLength(1000);
    expect(codeOf({ ...base, audience_type: 'token_list', token_list: [...many, 'y'] })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(codeOf({ ...base, token_list: ['x'.repeat(65)] })).toBe(RetCode.ILLEGAL_PARAMETER);
  });

  it.each([
    ['missing token_list', { ...base, token_list: undefined }, RetCode.MISSING_PARAMETER],
    ['empty token_list', { ...base, token_list: [] }, RetCode.MISSING_PARAMETER],
    ['token_list not an array', { ...base, token_list: 'tok1' }, RetCode.ILLEGAL_PARAMETER],
    ['empty token', { ...base, token_list: [''] }, RetCode.ILLEGAL_PARAMETER],
    ['numeric token in a list', { ...base, audience_type: 'token_list', token_list: ['a', 5] }, RetCode.ILLEGAL_PARAMETER],
    ['bad push_id', { ...base, audience_type: 'token_list', push_id: 'abc' }, RetCode.ILLEGAL_PARAMETER],
    ['missing audience_type', { ...base, audience_type: undefined }, RetCode.MISSING_PARAMETER],
    ['unknown audience_type', { ...base, audience_type: 'everyone' }, RetCode.ILLEGAL_PARAMETER],
  ])('%s', (_name, body, code) => {
    expect(codeOf(body)).toBe(code);
  });

  it.each(['package_account_push', 'package_token_push'])('answers audience_type %s with 10103 "not supported yet"', (type) => {
    expect(() => parse({ ...base, audience_type: type })).toThrow(/not supported yet/);
    expect(codeOf({ ...base, audience_type: type })).toBe(RetCode.ILLEGAL_PARAMETER);
  });
});

describe('audiences', () => {
  // What an XG SDK sends besides the target: empty token_list, account_list and zero defaults.
  const sdk = { message_type: 'notify', message: { title: 't', content: 'c' }, token_list: [], account_list: [], account_type: 0, account_push_type: 0, platform: 'all', push_id: '0' };

  it('takes all with no target field, ignoring the SDK\'s empty lists', () => {
    const task = parse({ ...sdk, audience_type: 'all' });
    expect(task).toMatchObject({ audienceType: 'all', tokens: [], audience: { kind: 'all' } });
    expect(task.reusePushId).toBeUndefined();
  });

  it('takes a tag_list and TPNS tag_rules as one expression', () => {
    expect(parse({ ...sdk, audience_type: 'tag', tag_list: { tags: ['vip', 'city:sz'], op: 'AND' } }).audience).toEqual({
      kind: 'tag', expression: { kind: 'and', operands: [{ kind: 'tag', tag: 'vip' }, { kind: 'tag', tag: 'city:sz' }] },
    });
    const rules = { tag_rules: [{ tag_items: [{ tags: ['vip'], is_not: true, tags_operator: 'OR', items_operator: 'OR' }], operator: 'OR' }] };
    expect(parse({ ...sdk, audience_type: 'tag', ...rules }).audience).toEqual({ kind: 'tag', expression: { kind: 'not', operand: { kind: 'tag', tag: 'vip' } } });
  });

  it('takes account_list strings with the top-level account_type, objects with their own, deduplicated in order', () => {
    const task = parse({ ...sdk, audience_type: 'account_list', account_type: 1, account_list: ['13800000000', { account: 'a@b.c', account_type: 2 }, '13800000000'], account_push_type: 1 });
    expect(task.audience).toEqual({
      kind: 'accounts', pushType: 1,
      accounts: [{ account: '13800000000', accountType: 1 }, { account: 'a@b.c', accountType: 2 }],
    });
    expect(task.tokens).toEqual([]);
  });

  it('uses only the first account of an account push; account_push_type defaults to 0', () => {
    expect(parse({ ...sdk, audience_type: 'account', account_push_type: undefined, account_list: ['alice', 'x'] }).audience).toEqual({
      kind: 'accounts', pushType: 0, accounts: [{ account: 'alice', accountType: 0 }],
    });
  });

  it('reads push_id on account_list as on token_list, and lets a reusing call leave out the message', () => {
    expect(parse({ ...sdk, audience_type: 'account_list', account_list: ['alice'], push_id: '77' }).reusePushId).toBe('77');
    expect(parse({ audience_type: 'account_list', account_list: ['alice'], push_id: '77' }).reusePushId).toBe('77');
    expect(parse({ ...sdk, audience_type: 'account', account_list: ['alice'], push_id: '77' }).reusePushId).toBeUndefined();
    expect(codeOf({ ...sdk, audience_type: 'account_list', account_list: ['alice'], push_id: 'x' })).toBe(RetCode.ILLEGAL_PARAMETER);
  });

  it('accepts 1000 accounts and refuses 1001', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `user${i}`);
    expect((parse({ ...sdk, audience_type: 'account_list', account_list: many }).audience as { accounts: unknown[] }).accounts).toHaveLength(1000);
    expect(codeOf({ ...sdk, audience_type: 'account_list', account_list: [...many, 'one-more'] })).toBe(RetCode.ILLEGAL_PARAMETER);
    // account uses the first entry only, so a long list is no error there.
    expect(codeOf({ ...sdk, audience_type: 'account', account_list: [...many, 'one-more'] })).toBe(0);
  });

  it.each([
    ['account without account_list', { audience_type: 'account', account_list: undefined }, RetCode.ACCOUNT_EMPTY],
    ['account_list empty', { audience_type: 'account_list', account_list: [] }, RetCode.ACCOUNT_EMPTY],
    ['an empty account', { audience_type: 'account_list', account_list: ['alice', ''] }, RetCode.ACCOUNT_EMPTY],
    ['an empty account object', { audience_type: 'account_list', account_list: [{ account_type: 1 }] }, RetCode.ACCOUNT_EMPTY],
    ['account_list not an array', { audience_type: 'account_list', account_list: 'alice' }, RetCode.ILLEGAL_PARAMETER],
    ['a one-character account', { audience_type: 'account', account_list: ['a'] }, RetCode.ILLEGAL_PARAMETER],
    ['an account over 100 characters', { audience_type: 'account', account_list: ['a'.repeat(101)] }, RetCode.ILLEGAL_PARAMETER],
    ['a numeric account', { audience_type: 'account_list', account_list: [13800000000] }, RetCode.ILLEGAL_PARAMETER],
    ['an account type XG does not list', { audience_type: 'account', account_list: ['alice'], account_type: 5 }, RetCode.ILLEGAL_PARAMETER],
    ['an entry\'s bad account type', { audience_type: 'account_list', account_list: [{ account: 'alice', account_type: 1012 }] }, RetCode.ILLEGAL_PARAMETER],
    ['account_push_type 2', { audience_type: 'account', account_list: ['alice'], account_push_type: 2 }, RetCode.ILLEGAL_PARAMETER],
    ['account_push_type "1"', { audience_type: 'account', account_list: ['alice'], account_push_type: '1' }, RetCode.ILLEGAL_PARAMETER],
    ['tag without tag_list', { audience_type: 'tag' }, RetCode.MISSING_PARAMETER],
    ['tag_list with an empty tags array', { audience_type: 'tag', tag_list: { tags: [], op: 'OR' } }, RetCode.MISSING_PARAMETER],
    ['tag_list with a bad op', { audience_type: 'tag', tag_list: { tags: ['vip'], op: 'XOR' } }, RetCode.ILLEGAL_PARAMETER],
    ['tag_list over 512 characters', { audience_type: 'tag', tag_list: { tags: Array.from({ length: 11 }, (_, i) => `${i}`.padEnd(50, 'x')), op: 'OR' } }, RetCode.ILLEGAL_PARAMETER],
    ['a tag with a space', { audience_type: 'tag', tag_list: { tags: ['v ip'], op: 'OR' } }, RetCode.ILLEGAL_PARAMETER],
    ['a computed tag type', { audience_type: 'tag', tag_rules: [{ tag_items: [{ tags: ['gd'], tag_type: 'xg_auto_province', tags_operator: 'OR' }] }] }, RetCode.ILLEGAL_PARAMETER],
  ])('%s', (_name, body, code) => {
    expect(codeOf({ ...sdk, ...body })).toBe(code);
  });
});

describe('content', () => {
  it('takes the defaults: expire_time, environment, platform', () => {
    const { content } = parse(base);
    expect(content).toMatchObject({ kind: 'notify', title: 't', content: 'c', customContent: '', expireTime: 259_200, environment: 'product', platform: 'all' });
    expect(content.message).toEqual(base.message);
  });

  it('accepts every default an XG SDK sends', () => {
    const sdk = {
      ...base, expire_time: 259200, multi_pkg: false, loop_times: 0, loop_interval: 0, environment: 'product', seq: 0,
      account_list: [], account_type: 0, account_push_type: 0, platform: 'all', push_id: '0', send_time: '',
      message: { title: 't', content: 'c', accept_time: [], android: { n_id: 0, builder_id: 0, ring: 1, vibrate: 1, lights: 1, clearable: 1, icon_type: 0, style_id: 1, action: { action_type: 1, activity: '', aty_attr: { if: 0, pf: 0 } }, custom_content: {} },
        ios: { aps: { alert: { title: 't', body: 'c' }, badge_type: 0, 'content-available': 0, 'mutable-content': 0, sound: 'default' } } },
    };
    expect(parse(sdk).content).toMatchObject({ kind: 'notify', customContent: '', expireTime: 259200 });
  });

  it('honours expire_time 0 and the 72 h maximum', () => {
    expect(parse({ ...base, expire_time: 0 }).content.expireTime).toBe(0);
    expect(parse({ ...base, expire_time: 259_200 }).content.expireTime).toBe(259_200);
    expect(codeOf({ ...base, expire_time: 259_201 })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(codeOf({ ...base, expire_time: -1 })).toBe(RetCode.ILLEGAL_PARAMETER);
    expect(codeOf({ ...base, expire_time: '600' })).toBe(RetCode.ILLEGAL_PARAMETER);
  });

  it('normalises custom_content from an XG object and a TPNS string to the same text', () => {
    const fromObject = parse({ ...base, message: { ...base.message, android: { custom_content: { k: 'v', n: 1 } } } });
    const fromString = parse({ ...base, message: { ...base.message, android: { custom_content: '{"k":"v","n":1}' } } });
    expect(fromObject.content.customContent).toBe('{"k":"v","n":1}');
    expect(fromString.content.customContent).toBe(fromObject.content.customContent);
    const passThrough = parse({ ...base, message_type: 'message', message: { ...base.message, custom_content: { a: 1 } } });
    expect(passThrough.content.customContent).toBe('{"a":1}');
    const ios = parse({ ...base, message: { ...base.message, ios: { aps: {}, custom_content: '{"i":2}' } } });
    expect(ios.content.customContent).toBe('{"i":2}');
  });

  it('refuses custom_content that is not a JSON object', () => {
    for (const cc of ['not json', '[1]', 5, '"text"']) {
      expect(codeOf({ ...base, message: { ...base.message, android: { custom_content: cc } } })).toBe(RetCode.ILLEGAL_PARAMETER);
    }
  });

  it('requires title and content except for an iOS silent push', () => {
    expect(codeOf({ ...base, message: { content: 'c' } })).toBe(RetCode.MISSING_PARAMETER);
    expect(codeOf({ ...base, message: { title: 't' } })).toBe(RetCode.MISSING_PARAMETER);
    expect(codeOf({ ...base, message: { title: 't', content: '' } })).toBe(RetCode.MISSING_PARAMETER);
    expect(codeOf({ ...base, message_type: 'message', message: { title: 't' } })).toBe(RetCode.MISSING_PARAMETER);
    const silent = parse({ ...base, message_type: 'message', message: { ios: { aps: { 'content-available': 1 }, custom_content: '{"k":1}' } } });
    expect(silent.content).toMatchObject({ kind: 'message', title: '', content: '', customContent: '{"k":1}' });
  });

  it('refuses a message over 4096 bytes with 10117, and accepts exactly 4096', () => {
    const overhead = JSON.stringify({ title: 't', content: '' }).length;
    const exact = { title: 't', content: 'x'.repeat(4096 - overhead) };
    expect(parse({ ...base, message: exact }).content.content).toHaveLength(4096 - overhead);
    expect(codeOf({ ...base, message: { ...exact, content: exact.content + 'x' } })).toBe(RetCode.CONTENT_TOO_LARGE);
    // Bytes, not chars: 2000 three-byte chars are 6000 bytes.
    expect(codeOf({ ...base, message: { title: 't', content: '推'.repeat(2000) } })).toBe(RetCode.CONTENT_TOO_LARGE);
  });

  it.each([
    ['missing message_type', { ...base, message_type: undefined }, RetCode.MISSING_PARAMETER],
    ['bad message_type', { ...base, message_type: 'toast' }, RetCode.ILLEGAL_PARAMETER],
    ['missing message', { ...base, message: undefined }, RetCode.MISSING_PARAMETER],
    ['message not an object', { ...base, message: 'hi' }, RetCode.ILLEGAL_PARAMETER],
    ['title not a string', { ...base, message: { title: 1, content: 'c' } }, RetCode.ILLEGAL_PARAMETER],
    ['bad environment', { ...base, environment: 'staging' }, RetCode.ILLEGAL_PARAMETER],
    ['bad platform', { ...base, platform: 'windows' }, RetCode.ILLEGAL_PARAMETER],
    ['ring not 0/1', { ...base, message: { ...base.message, android: { ring: 2 } } }, RetCode.ILLEGAL_PARAMETER],
    ['action_type 9', { ...base, message: { ...base.message, android: { action: { action_type: 9 } } } }, RetCode.ILLEGAL_PARAMETER],
    ['browser without url', { ...base, message: { ...base.message, android: { action: { action_type: 2 } } } }, RetCode.MISSING_PARAMETER],
    ['browser url not http', { ...base, message: { ...base.message, android: { action: { action_type: 2, browser: { url: 'javascript:x' } } } } }, RetCode.ILLEGAL_PARAMETER],
    ['intent missing', { ...base, message: { ...base.message, android: { action: { action_type: 3 } } } }, RetCode.MISSING_PARAMETER],
    ['aps not an object', { ...base, message: { ...base.message, ios: { aps: 'x' } } }, RetCode.ILLEGAL_PARAMETER],
    ['accept_time bad hour', { ...base, message: { ...base.message, accept_time: [{ start: { hour: '24', min: '00' }, end: { hour: '01', min: '00' } }] } }, RetCode.ILLEGAL_PARAMETER],
    ['accept_time 11 windows', { ...base, message: { ...base.message, accept_time: Array(11).fill({ start: { hour: '1', min: '0' }, end: { hour: '2', min: '0' } }) } }, RetCode.ILLEGAL_PARAMETER],
    ['body not an object', [base], RetCode.NOT_JSON],
  ])('%s', (_name, body, code) => {
    expect(codeOf(body)).toBe(code);
  });

  it('accepts action types 2 and 3 with their fields, and dev environment', () => {
    const browser = { ...base, environment: 'dev', message: { ...base.message, android: { action: { action_type: 2, browser: { url: 'https://x.example', confirm: 1 } } } } };
    expect(parse(browser).content.environment).toBe('dev');
    const intent = { ...base, message: { ...base.message, android: { action: { action_type: 3, intent: 'xgscheme://com.xg.push/notify_detail?k=v' } } } };
    expect(parse(intent).tokens).toEqual(['tok1']);
  });
});
