import { describe, expect, it } from 'vitest';
import { ApiError, RetCode } from '../errors.js';
import { Authenticator, basicAuthorization, tpnsSign } from './auth.js';
import { APP, MapAppStore, request } from './test-fakes.js';

// The TPNS doc example (签名认证, tencentyun/intlcloud-documents): this exact body,
// byte for byte, signs to the published Sign.
const DOC_TS = '1565314789';
const DOC_ID = '1500001048';
const DOC_KEY = '1452fcebae9f3115ba794fb0fff2fd73';
const DOC_BODY =
  '{"audience_type": "account","platform": "android","message": {"title": "test title","content": "test content","android": { "action": {"action_type": 3,"intent": "xgscheme://com.xg.push/notify_detail?param1=xg"}}},"message_type": "notify","account_list": ["5822f0eee44c3625ef0000bb"] }';
const DOC_SIGN = 'Y2QyMDc3NDY4MmJmNzhiZmRiNDNlMTdkMWQ1ZDU2YjNlNWI3ODlhMTY3MGZjMTUyN2VmNTRjNjVkMmQ3Yjc2ZA==';

function setup(nowMs = Number(DOC_TS) * 1000) {
  const apps = new MapAppStore();
  void apps.create(APP);
  const auth = new Authenticator({ apps, signWindowSeconds: 600, now: () => nowMs });
  return { apps, auth };
}

function signed(body: string, headers: Partial<Record<'accessid' | 'timestamp' | 'sign', string>> = {}) {
  return request('/v3/push/app', body, { accessid: DOC_ID, timestamp: DOC_TS, sign: tpnsSign(DOC_TS, DOC_ID, body, DOC_KEY), ...headers });
}

async function codeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).retCode;
  }
}

describe('doc vectors', () => {
  it('encodes the XG Basic example header', () => {
    expect(basicAuthorization('a5b5f071ff77a', 'ea512eb7704d5fb5a6a937cafa70e771')).toBe(
      'Basic YTViNWYwNzFmZjc3YTplYTUxMmViNzcwNGQ1ZmI1YTZhOTM3Y2FmYTcwZTc3MQ==',
    );
  });

  it('reproduces the TPNS Sign example', () => {
    expect(tpnsSign(DOC_TS, DOC_ID, DOC_BODY, DOC_KEY)).toBe(DOC_SIGN);
    expect(tpnsSign(DOC_TS, DOC_ID, Buffer.from(DOC_BODY), DOC_KEY)).toBe(DOC_SIGN);
  });

  it('accepts the TPNS example request as sent', async () => {
    const { auth } = setup();
    const app = await auth.authenticate(request('/v3/push/app', DOC_BODY, { accessid: DOC_ID, timestamp: DOC_TS, sign: DOC_SIGN }));
    expect(app.accessId).toBe(DOC_ID);
  });

  it('accepts the XG example Basic header for an app with a console-style APPID', async () => {
    const { apps, auth } = setup();
    await apps.create({ ...APP, accessId: 'a5b5f071ff77a', secretKey: 'ea512eb7704d5fb5a6a937cafa70e771' });
    const req = request('/v3/push/app', '{}', { authorization: 'Basic YTViNWYwNzFmZjc3YTplYTUxMmViNzcwNGQ1ZmI1YTZhOTM3Y2FmYTcwZTc3MQ==' });
    expect((await auth.authenticate(req)).accessId).toBe('a5b5f071ff77a');
  });
});

describe('Basic', () => {
  it('refuses a wrong secret with 10104', async () => {
    const { auth } = setup();
    const req = request('/v3/push/app', '{}', { authorization: basicAuthorization(APP.accessId, 'not-the-secret') });
    expect(await codeOf(auth.authenticate(req))).toBe(RetCode.AUTH_FAILED);
  });

  it('refuses an unknown app with 10606', async () => {
    const { auth } = setup();
    const req = request('/v3/push/app', '{}', { authorization: basicAuthorization('2100000000', APP.secretKey) });
    expect(await codeOf(auth.authenticate(req))).toBe(RetCode.APP_NOT_REGISTERED);
  });

  it.each([
    ['no header', {}],
    ['another scheme', { authorization: 'Bearer abc' }],
    ['no colon', { authorization: `Basic ${Buffer.from('justanid').toString('base64')}` }],
    ['empty id', { authorization: `Basic ${Buffer.from(':secret').toString('base64')}` }],
  ])('refuses %s with 10104', async (_name, headers) => {
    const { auth } = setup();
    expect(await codeOf(auth.authenticate(request('/v3/push/app', '{}', headers)))).toBe(RetCode.AUTH_FAILED);
  });

  it('knows a header without a wait only once it verified, and never for a wrong secret or a signed request', async () => {
    const { auth } = setup();
    const good = request('/v3/push/app', '{}', { authorization: basicAuthorization(APP.accessId, APP.secretKey) });
    const wrong = request('/v3/push/app', '{}', { authorization: basicAuthorization(APP.accessId, 'not-the-secret') });
    expect(auth.verified(good)).toBeUndefined();
    expect((await auth.authenticate(good)).accessId).toBe(APP.accessId);
    expect(auth.verified(good)?.accessId).toBe(APP.accessId);
    expect(await codeOf(auth.authenticate(wrong))).toBe(RetCode.AUTH_FAILED);
    expect(auth.verified(wrong)).toBeUndefined();
    // A Sign header means the signature decides, whatever Basic header comes with it.
    const both = request('/v3/push/app', '{}', { authorization: good.headers['authorization']!, sign: 'x', accessid: APP.accessId, timestamp: DOC_TS });
    expect(auth.verified(both)).toBeUndefined();
  });

  it('keeps a secret that contains a colon whole', async () => {
    const { apps, auth } = setup();
    await apps.create({ ...APP, accessId: '1500000002', secretKey: 'se:cret' });
    const req = request('/v3/push/app', '{}', { authorization: basicAuthorization('1500000002', 'se:cret') });
    expect((await auth.authenticate(req)).accessId).toBe('1500000002');
  });
});

describe('signature', () => {
  it('accepts timestamps at both edges of the window', async () => {
    for (const skew of [-600, 600]) {
      const { auth } = setup((Number(DOC_TS) + skew) * 1000);
      expect((await auth.authenticate(signed(DOC_BODY))).accessId).toBe(DOC_ID);
    }
  });

  it('refuses an expired or future timestamp with 10104', async () => {
    for (const skew of [-601, 601]) {
      const { auth } = setup((Number(DOC_TS) + skew) * 1000);
      expect(await codeOf(auth.authenticate(signed(DOC_BODY)))).toBe(RetCode.AUTH_FAILED);
    }
  });

  it('refuses a signature made with another secret', async () => {
    const { auth } = setup();
    const req = signed(DOC_BODY, { sign: tpnsSign(DOC_TS, DOC_ID, DOC_BODY, 'ffffffffffffffffffffffffffffffff') });
    expect(await codeOf(auth.authenticate(req))).toBe(RetCode.AUTH_FAILED);
  });

  it('refuses a body changed after signing', async () => {
    const { auth } = setup();
    const req = { ...signed(DOC_BODY), body: Buffer.from(DOC_BODY.replace('test title', 'evil title')) };
    expect(await codeOf(auth.authenticate(req))).toBe(RetCode.AUTH_FAILED);
  });

  it('refuses the base64 of the raw HMAC bytes (TPNS signs the hex text)', async () => {
    const { auth } = setup();
    const hex = Buffer.from(DOC_SIGN, 'base64').toString('utf8');
    const req = signed(DOC_BODY, { sign: Buffer.from(hex, 'hex').toString('base64') });
    expect(await codeOf(auth.authenticate(req))).toBe(RetCode.AUTH_FAILED);
  });

  it('refuses missing or malformed headers with 10104 and an unknown app with 10606', async () => {
    const { auth } = setup();
    const noId = request('/v3/push/app', DOC_BODY, { timestamp: DOC_TS, sign: DOC_SIGN });
    expect(await codeOf(auth.authenticate(noId))).toBe(RetCode.AUTH_FAILED);
    expect(await codeOf(auth.authenticate(signed(DOC_BODY, { timestamp: '1565314789.5' })))).toBe(RetCode.AUTH_FAILED);
    expect(await codeOf(auth.authenticate(signed(DOC_BODY, { accessid: '1500009999' })))).toBe(RetCode.APP_NOT_REGISTERED);
  });
});

describe('app lookups', () => {
  it('serves repeated and concurrent lookups from one store read', async () => {
    const { apps, auth } = setup();
    const req = request('/v3/push/app', '{}', { authorization: basicAuthorization(APP.accessId, APP.secretKey) });
    await Promise.all([auth.authenticate(req), auth.authenticate(req), auth.authenticate(req)]);
    await auth.authenticate(req);
    expect(apps.gets).toBe(1);
  });

  it('lets a store failure through as a plain error and does not cache it', async () => {
    const { apps, auth } = setup();
    apps.failNext = new Error('disk on fire');
    const req = request('/v3/push/app', '{}', { authorization: basicAuthorization(APP.accessId, APP.secretKey) });
    await expect(auth.authenticate(req)).rejects.toThrow('disk on fire');
    expect((await auth.authenticate(req)).accessId).toBe(APP.accessId);
  });
});
