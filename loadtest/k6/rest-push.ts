// k6 REST scenario: an app server pushing by token through the XG V3 API at
// a constant arrival rate, Basic auth access_id:secret_key. Every answer must
// be HTTP 200 with ret_code 0; `push_accepted` / `push_refused` count them.
//
//   k6 run -e HTTP=http://127.0.0.1:8080 -e APP=ACCESS_ID:SECRET_KEY \
//     -e TOKENS_FILE=tokens.txt -e RATE=1000 -e SECONDS=60 loadtest/k6/rest-push.ts
//
// TOKENS_FILE holds one device token per line (for example printed by the
// device scenario's devices, or taken from Homing's statistics); TOKENS=a,b,c
// works for a few. AUDIENCE=token_list pushes up to LIST_SIZE tokens per call.
import http from 'k6/http';
import { check } from 'k6';
import encoding from 'k6/encoding';
import { Counter } from 'k6/metrics';

const BASE = __ENV.HTTP ?? 'http://127.0.0.1:8080';
const [ACCESS_ID = '', SECRET_KEY = ''] = (__ENV.APP ?? '').split(':');
const RATE = Number(__ENV.RATE ?? 100);
const SECONDS = Number(__ENV.SECONDS ?? 30);
const AUDIENCE = __ENV.AUDIENCE === 'token_list' ? 'token_list' : 'token';
const LIST_SIZE = Math.min(1000, Number(__ENV.LIST_SIZE ?? 1000));

// open() only runs in the init context, once per VU: the token list is read up front.
const TOKENS: string[] = (__ENV.TOKENS_FILE ? open(__ENV.TOKENS_FILE) : __ENV.TOKENS ?? '')
  .split(/[\s,]+/)
  .filter((t: string) => t.length > 0);

export const options = {
  scenarios: {
    pushes: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: `${SECONDS}s`,
      preAllocatedVUs: Math.max(10, Math.ceil(RATE / 50)),
      maxVUs: Math.max(50, RATE),
    },
  },
  thresholds: {
    http_req_failed: ['rate==0'],
    push_refused: ['count==0'],
    http_req_duration: ['p(99)<50'],
  },
};

const accepted = new Counter('push_accepted');
const refused = new Counter('push_refused');
const headers = {
  'content-type': 'application/json',
  authorization: `Basic ${encoding.b64encode(`${ACCESS_ID}:${SECRET_KEY}`)}`,
};

export function setup(): void {
  if (!ACCESS_ID || !SECRET_KEY) throw new Error('set -e APP=ACCESS_ID:SECRET_KEY');
  if (TOKENS.length === 0) throw new Error('set -e TOKENS_FILE=path (one token a line) or -e TOKENS=t1,t2');
}

let next = 0;

export default function push(): void {
  const list = AUDIENCE === 'token'
    ? [TOKENS[next++ % TOKENS.length]!]
    : Array.from({ length: Math.min(LIST_SIZE, TOKENS.length) }, () => TOKENS[next++ % TOKENS.length]!);
  const body = JSON.stringify({
    audience_type: AUDIENCE,
    token_list: list,
    message_type: 'notify',
    message: { title: 'k6', content: 'hello from k6' },
  });
  const res = http.post(`${BASE}/v3/push/app`, body, { headers });
  const ok = check(res, {
    'HTTP 200': (r) => r.status === 200,
    'ret_code 0': (r) => (r.json('ret_code') as number | null) === 0,
  });
  if (ok) accepted.add(1);
  else refused.add(1, { ret_code: String(res.status === 200 ? res.json('ret_code') : `http ${res.status}`) });
}
