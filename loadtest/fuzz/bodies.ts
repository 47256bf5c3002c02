// REST requests for the fuzzer: push bodies with random content (mostly near
// valid, so validation gets deep), mutations of their JSON text, garbage,
// oversized bodies, wrong credentials, other paths and methods.
import { basicAuthorization, tpnsSign } from '../../src/api/index.js';
import type { Random } from './random.js';

export interface FuzzApp {
  accessId: string;
  secretKey: string;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

const JSON_VALUES = ['null', 'true', '0', '-1', '1e999', '"x"', '[]', '{}', '9223372036854775808', '"\\u0000"', '[[[[[[[[]]]]]]]]'];

function jsonValue(rnd: Random, depth = 0): unknown {
  return rnd.weighted<() => unknown>([
    [3, () => rnd.text(20)],
    [2, () => rnd.int(2_000_000) - 1_000_000],
    [1, () => rnd.next() * 1e6],
    [1, () => rnd.chance(0.5)],
    [1, () => null],
    [depth < 3 ? 1 : 0, () => Array.from({ length: rnd.int(4) }, () => jsonValue(rnd, depth + 1))],
    [depth < 3 ? 1 : 0, () => Object.fromEntries(Array.from({ length: rnd.int(4) }, () => [rnd.text(6), jsonValue(rnd, depth + 1)]))],
  ])();
}

/** A value for a field: mostly plausible, sometimes anything, sometimes left out. */
function field<T>(rnd: Random, plausible: () => T): T | unknown {
  return rnd.weighted<() => unknown>([[14, plausible], [1, () => jsonValue(rnd)], [1, () => undefined]])();
}

export function pushBody(rnd: Random, tokens: readonly string[]): Record<string, unknown> {
  const token = () => (rnd.chance(0.8) ? rnd.pick(tokens) : rnd.chance(0.5) ? rnd.text(70) : `ghost${rnd.int(1000)}`);
  const audience = field(rnd, () => rnd.weighted([[6, 'token'], [6, 'token_list'], [1, 'all'], [1, 'tag'], [1, 'account'], [1, 'nope']] as const));
  return {
    audience_type: audience,
    token_list: field(rnd, () => Array.from({ length: rnd.chance(0.01) ? 1001 : 1 + rnd.int(5) }, token)),
    push_id: rnd.chance(0.2) ? field(rnd, () => rnd.pick(['0', '', String(rnd.int(1e9)), 'abc'])) : undefined,
    message_type: field(rnd, () => rnd.pick(['notify', 'message', 'other'])),
    message: field(rnd, () => ({
      title: field(rnd, () => rnd.text(20)),
      content: field(rnd, () => (rnd.chance(0.02) ? 'c'.repeat(4100) : rnd.text(40) || 'c')),
      ...(rnd.chance(0.2) ? { custom_content: field(rnd, () => (rnd.chance(0.5) ? '{"k":1}' : { k: rnd.text(5) })) } : {}),
      ...(rnd.chance(0.1) ? { android: { ring: field(rnd, () => rnd.int(3)), action: { action_type: field(rnd, () => rnd.int(8)) } } } : {}),
      ...(rnd.chance(0.05) ? { accept_time: [{ start: { hour: rnd.pick(['00', '25', 7]), min: '00' }, end: { hour: '23', min: rnd.pick(['59', '60']) } }] } : {}),
    })),
    expire_time: rnd.chance(0.3) ? field(rnd, () => rnd.pick([0, 60, 3600, 259_200, 259_201, -5, 1.5])) : undefined,
    environment: rnd.chance(0.2) ? field(rnd, () => rnd.pick(['product', 'dev', 'test'])) : undefined,
    platform: rnd.chance(0.2) ? field(rnd, () => rnd.pick(['android', 'ios', 'all', 'web'])) : undefined,
    seq: rnd.chance(0.3) ? field(rnd, () => rnd.pick([rnd.int(1e9), 'x', 1.5, -3])) : undefined,
  };
}

/** Mutations of a body's JSON text; some keep it JSON, most do not. */
function mutateText(rnd: Random, text: string): string {
  const at = rnd.int(text.length + 1);
  return rnd.weighted<() => string>([
    [3, () => text.slice(0, at)],
    [3, () => text.slice(0, at) + rnd.pick(['{', '}', '[', ']', ',', ':', '"', '\\', 'null', '\u0000', '\ud800']) + text.slice(at)],
    [2, () => text.slice(0, at) + rnd.pick(JSON_VALUES) + text.slice(at + rnd.int(8))],
    [1, () => text.replace(/"seq":[^,}]*/, `"seq":${rnd.pick(['9223372036854775807', '-9223372036854775809', '1e3', '"7"', '0.5'])}`)],
    [1, () => `${text.slice(0, -1)},"seq":${rnd.int(1e6)},"audience_type":${rnd.pick(JSON_VALUES)}}`],
    [1, () => '[' .repeat(rnd.int(5000)) + ']'.repeat(rnd.int(5000))],
    [1, () => `\ufeff${text}`],
  ])();
}

export function fuzzRequest(rnd: Random, app: FuzzApp, tokens: readonly string[], maxBodyBytes: number): FuzzRequest {
  const path = rnd.weighted([
    [85, '/v3/push/app'], [4, '/v3/statistics/get_push_record'], [4, '/v3/statistics/get_push_task_stat_channel'],
    [1, '//v3/push/app/'], [1, '/v3/push/nope'], [1, `/${encodeURIComponent(rnd.text(10))}`],
  ] as const);
  let body: Uint8Array = rnd.weighted<() => Uint8Array>([
    [45, () => Buffer.from(JSON.stringify(pushBody(rnd, tokens)))],
    [35, () => Buffer.from(mutateText(rnd, JSON.stringify(pushBody(rnd, tokens))))],
    [6, () => Buffer.from(JSON.stringify(path.includes('statistics') ? { pushId: field(rnd, () => String(rnd.int(1e6))) } : jsonValue(rnd)))],
    [6, () => rnd.bytes(rnd.int(200))],
    [3, () => Buffer.concat([Buffer.from('{"audience_type":"token","message":{"title":"'), rnd.bytes(20), Buffer.from('"}}')])],
    [1, () => Buffer.alloc(0)],
    [0.1, () => Buffer.alloc(maxBodyBytes + 1 + rnd.int(1000), 0x20)],
  ])();
  if (body.length > maxBodyBytes * 2) body = body.subarray(0, maxBodyBytes * 2);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  rnd.weighted<() => void>([
    [90, () => { headers.authorization = basicAuthorization(app.accessId, app.secretKey); }],
    [3, () => { headers.authorization = basicAuthorization(app.accessId, Buffer.from(rnd.bytes(16)).toString('hex')); }],
    [2, () => { headers.authorization = basicAuthorization(String(1_500_000_000 + rnd.int(1e8)), app.secretKey); }],
    [2, () => { headers.authorization = rnd.pick(['Basic', 'Basic !!!', `Bearer ${Buffer.from(rnd.bytes(12)).toString('base64')}`, '']); }],
    [2, () => {
      const ts = String(Math.floor(Date.now() / 1000) + (rnd.chance(0.5) ? 0 : 10_000));
      Object.assign(headers, { accessid: app.accessId, timestamp: ts, sign: rnd.chance(0.5) ? tpnsSign(ts, app.accessId, body, app.secretKey) : Buffer.from(rnd.bytes(32)).toString('base64') });
    }],
    [1, () => undefined],
  ])();
  return { method: rnd.chance(0.01) ? rnd.pick(['GET', 'PUT', 'DELETE']) : 'POST', path, headers, body };
}
