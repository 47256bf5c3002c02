// `homing app credentials` as a user runs it: real key files, a real data dir,
// nothing secret printed, bad input refused without changing what is stored.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedStores } from '../../src/stores/lmdb/index.js';
import { homing } from '../helpers/process.js';

let dir: string;
let env: Record<string, string>;
let accessId: string;
const p8 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const account = {
  type: 'service_account',
  project_id: 'homing-demo',
  private_key_id: 'abc123',
  private_key: rsa,
  client_email: 'push@homing-demo.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.googleapis.com/token',
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'homing-credentials-cli-'));
  env = { HOMING_DATA_DIR: join(dir, 'data'), HOMING_LOG_LEVEL: 'warn' };
  writeFileSync(join(dir, 'AuthKey.p8'), p8);
  writeFileSync(join(dir, 'service-account.json'), JSON.stringify(account));
  writeFileSync(join(dir, 'not-a-key.p8'), 'hello');
  accessId = JSON.parse((await homing(['app', 'create', '--name', 'creds'], env)).stdout).access_id;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('homing app credentials', () => {
  it('stores APNs and FCM credentials and prints only their ids', async () => {
    const apns = await homing(
      ['app', 'credentials', '--app', accessId, '--apns-key-file', join(dir, 'AuthKey.p8'), '--apns-key-id', 'ABC123DEFG', '--team-id', 'TEAM123456', '--bundle-id', 'com.example.demo'],
      env,
    );
    expect(apns.code, apns.stderr).toBe(0);
    const fcm = await homing(['app', 'credentials', '--app', accessId, '--fcm-service-account', join(dir, 'service-account.json')], env);
    expect(fcm.code, fcm.stderr).toBe(0);
    expect(JSON.parse(fcm.stdout)).toEqual({
      access_id: accessId,
      apns: { key_id: 'ABC123DEFG', team_id: 'TEAM123456', bundle_id: 'com.example.demo' },
      fcm: { project_id: 'homing-demo', client_email: 'push@homing-demo.iam.gserviceaccount.com' },
    });
    for (const out of [apns.stdout + apns.stderr, fcm.stdout + fcm.stderr]) {
      expect(out).not.toContain('PRIVATE KEY');
      expect(out).not.toContain(p8.split('\n')[1]);
    }
    const stores = await openEmbeddedStores(env.HOMING_DATA_DIR!);
    const stored = await stores.credentials.get(accessId);
    await stores.close();
    expect(stored?.apns?.keyPem).toBe(p8);
    expect(stored?.fcm).toMatchObject({ projectId: 'homing-demo', privateKey: rsa, tokenUri: account.token_uri });
  });

  it('refuses bad input with exit code 2 and keeps what was stored', async () => {
    const before = (await homing(['app', 'credentials', '--app', accessId], env)).stdout;
    const badKey = await homing(
      ['app', 'credentials', '--app', accessId, '--apns-key-file', join(dir, 'not-a-key.p8'), '--apns-key-id', 'ZZZ123DEFG', '--team-id', 'TEAM123456', '--bundle-id', 'com.example.demo'],
      env,
    );
    expect([badKey.code, badKey.stderr]).toEqual([2, 'homing: the APNs key is not a PEM private key\n']);
    const partial = await homing(['app', 'credentials', '--app', accessId, '--apns-key-id', 'ZZZ123DEFG'], env);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('--apns-key-file');
    const unknown = await homing(['app', 'credentials', '--app', '1500000000', '--fcm-service-account', join(dir, 'service-account.json')], env);
    expect([unknown.code, unknown.stderr]).toEqual([2, 'homing: app 1500000000 does not exist\n']);
    expect((await homing(['app', 'credentials', '--app', accessId], env)).stdout).toBe(before);
  });
});
