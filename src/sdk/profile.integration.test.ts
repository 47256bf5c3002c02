// HomingClient.profile() against the real server: each change resolves once
// applied (read back through the REST API), refusals reject with the gateway's
// code, and a change without a socket rejects without a code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestApp, type TestServer } from '../../test/helpers/server.js';
import { RetCode } from '../errors.js';
import { HomingClient } from './client.js';
import { ProfileChangeError } from './profile.js';

describe('HomingClient.profile against the real server', () => {
  let server: TestServer;
  let app: TestApp;
  let client: HomingClient;
  let token: string;

  const rest = (path: string, body: unknown) => server.post(path, app, body).then((r) => r.json);
  const restTags = async () => (await rest('/v3/device/tag/query_token_tags', { token })).result.tags;
  const restAccounts = async () => (await rest('/v3/device/account/query', { operator_type: 2, token_list: [token] })).token_accounts[0].account_list;

  beforeAll(async () => {
    server = await startTestServer();
    app = await server.createApp('sdk-profile');
    client = new HomingClient({ url: server.url, deviceId: 'profile-device', platform: 'android', apps: [{ accessId: app.accessId, accessKey: app.accessKey }] });
    token = (await client.connect())[0]!.token;
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('sets, adds and removes tags; the REST API sees each once it resolves', async () => {
    const profile = client.profile(app.accessId);
    await profile.addTags(['vip', 'city:sz']);
    expect(await restTags()).toEqual(['city:sz', 'vip']);
    await profile.setTags(['city:bj']);
    expect(await restTags()).toEqual(['city:bj', 'vip']);
    await Promise.all([profile.removeTags(['vip']), profile.addTags(['new'])]);
    expect(await restTags()).toEqual(['city:bj', 'new']);
  });

  it('binds, appends and removes accounts', async () => {
    const profile = client.profile(app.accessId);
    await profile.bindAccounts([{ account: '13800000000', accountType: 1 }]);
    await profile.appendAccounts(['guest-42']);
    expect(await restAccounts()).toEqual([{ account: '13800000000', account_type: 1 }, { account: 'guest-42', account_type: 0 }]);
    await profile.removeAccounts([{ account: '13800000000', accountType: 1 }]);
    expect(await restAccounts()).toEqual([{ account: 'guest-42', account_type: 0 }]);
  });

  it('rejects a refused change with the gateway\'s code and keeps the connection', async () => {
    const profile = client.profile(app.accessId);
    const refused = await profile.addTags(['has space']).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ProfileChangeError);
    expect((refused as ProfileChangeError).code).toBe(RetCode.ILLEGAL_PARAMETER);
    await expect(profile.appendAccounts([{ account: 'typed', accountType: 3 }])).rejects.toMatchObject({ code: RetCode.ILLEGAL_PARAMETER });
    expect(client.state).toBe('connected');
    expect(() => client.profile('not-my-app')).toThrow(RangeError);
  });

  it('rejects without a code when the socket closes before the result, or there is none', async () => {
    const profile = client.profile(app.accessId);
    const inFlight = profile.addTags(['late']).catch((err: unknown) => err);
    await client.close();
    const err = await inFlight;
    expect(err).toBeInstanceOf(ProfileChangeError);
    expect((err as ProfileChangeError).code).toBeUndefined();
    await expect(profile.addTags(['offline'])).rejects.toMatchObject({ code: undefined, message: 'not connected' });
  });
});
