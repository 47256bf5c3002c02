// The web console in real Chromium against a real Homing server: sign in,
// create an app, connect an SDK device from the test, send it a push from
// the form, watch the funnel (per channel) reach arrived = 1 and the trace
// show its steps, debug the device; an admin sets FCM credentials and sees
// ids only; a viewer cannot send or set credentials. Screenshots of each page go to
// test-artifacts/console/ (git-ignored); docs/console/ holds current copies.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildConsole } from '../../scripts/build-console.mjs';
import { HomingClient, MemoryTokenStore, type Push } from '../../src/sdk/index.js';
import { serviceAccountKey } from '../fakes/fcm-setup.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { LAUNCH_HOOK_TIMEOUT_MS, launchChromium } from './harness.js';

const ADMIN = 'browser-admin-token-0123456789';
const VIEWER = 'browser-viewer-token-0123456789';
const SHOTS = new URL('../../test-artifacts/console/', import.meta.url).pathname;

describe('web console in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let consoleDir: string;
  let device: HomingClient | undefined;

  beforeAll(async () => {
    consoleDir = mkdtempSync(join(tmpdir(), 'homing-console-'));
    mkdirSync(SHOTS, { recursive: true });
    await buildConsole(consoleDir);
    [server, browser] = await Promise.all([
      startTestServer({ HOMING_ADMIN_TOKEN: ADMIN, HOMING_VIEWER_TOKEN: VIEWER }, undefined, { consoleDir }),
      launchChromium(),
    ]);
  }, LAUNCH_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await device?.close();
    await browser?.close();
    await server?.stop();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  async function signedIn(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.goto(`${server.httpUrl}/console/`);
    await page.fill('#token', token);
    await page.click('#signin button[type=submit]');
    await page.waitForSelector('#sign-out');
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('signs in, creates an app, sends a push to an SDK device, and follows it to arrived and its trace', async () => {
    const page = await signedIn(ADMIN);
    await page.waitForSelector('#charts polyline', { state: 'attached' });
    await shot(page, 'dashboard');

    await page.goto(`${server.httpUrl}/console/#/apps`);
    await page.fill('#app-name', 'demo');
    await page.click('#create-app button[type=submit]');
    const accessId = (await page.textContent('#new-access-id'))!;
    const accessKey = (await page.textContent('#new-access-key'))!;
    expect(accessId).toMatch(/^\d+$/);
    await shot(page, 'apps');

    // Provider credentials: a bad APNs key is refused with the reason and stores nothing;
    // a service account is stored and only its ids come back, the pasted key is gone from the page.
    await page.click('#new-app-credentials');
    await page.waitForSelector('#fcm-form');
    expect(await page.textContent('#cred-apns')).toBe('not set');
    await page.fill('#apns-key', 'not a key');
    await page.fill('#apns-key-id', 'ABCDE12345');
    await page.fill('#apns-team-id', 'TEAM123456');
    await page.fill('#apns-bundle-id', 'com.example.demo');
    await page.click('#apns-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#apns-error')?.textContent !== '');
    expect(await page.textContent('#apns-error')).toBe('the APNs key is not a PEM private key');
    expect(await page.textContent('#cred-apns')).toBe('not set');
    const serviceAccount = {
      type: 'service_account', project_id: 'homing-console', private_key_id: 'k'.repeat(40), private_key: serviceAccountKey().privateKey,
      client_email: 'push@homing-console.iam.gserviceaccount.com', client_id: '1', token_uri: 'https://127.0.0.1:9/token',
    };
    await page.fill('#fcm-json', JSON.stringify(serviceAccount));
    await page.click('#fcm-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#cred-fcm')?.textContent !== 'not set');
    expect(await page.textContent('#cred-fcm')).toBe('project homing-console · push@homing-console.iam.gserviceaccount.com');
    expect(await page.inputValue('#fcm-json')).toBe('');
    expect(await page.content()).not.toContain(serviceAccountKey().privateKey.split('\n')[1]);
    const stored = await page.evaluate(async (id) => (await fetch(`/api/apps/${id}/credentials`)).text(), accessId);
    expect(JSON.parse(stored)).toEqual({ accessId, apns: null, fcm: { project_id: 'homing-console', client_email: 'push@homing-console.iam.gserviceaccount.com' } });
    await shot(page, 'credentials');

    const pushes: Push[] = [];
    device = new HomingClient({ url: server.url, deviceId: 'console-test', platform: 'android', apps: [{ accessId, accessKey }], tokenStore: new MemoryTokenStore() });
    const arrived = new Promise<void>((resolve) => device!.onPush(accessId, (push) => (pushes.push(push), resolve())));
    const [session] = await device.connect();
    const token = session!.token;

    await page.goto(`${server.httpUrl}/console/#/send/${accessId}`);
    await page.fill('#targets', token);
    await page.fill('#title', 'Hello');
    await page.fill('#content', 'from the console');
    await page.click('text=Add key-value');
    await page.fill('.kv input[name=ck]', 'order');
    await page.fill('.kv input[name=cv]', '42');
    const preview = JSON.parse((await page.textContent('#preview'))!);
    expect(preview).toEqual({ audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: 'Hello', content: 'from the console', custom_content: { order: '42' } } });
    expect(await page.textContent('#curl')).toContain(`${server.httpUrl}/v3/push/app -u ${accessId}:<secret_key>`);
    await shot(page, 'send');
    await page.click('#send-button');
    await page.click('#sent-push');
    await arrived;
    expect(pushes[0]).toMatchObject({ title: 'Hello', content: 'from the console', custom: { order: '42' } });

    // The funnel follows the live figures: arrived reaches 1 without a reload.
    await page.waitForFunction(() => document.querySelector('#count-arrived')?.textContent === '1');
    expect(await page.textContent('#count-targets')).toBe('1');
    // One row per channel: the connected device got it on the long connection, none went through a provider or storage.
    const funnel = await page.$$eval('#funnel tr[data-row]', (rows) => rows.map((r) => [r.getAttribute('data-row'), r.querySelector('td:last-child')!.textContent]));
    expect(funnel).toEqual([['targets', '1'], ['online', '1'], ['apns', '0'], ['fcm', '0'], ['offline', '0'], ['arrived', '1'], ['clicked', '0'], ['expired', '0']]);
    await page.fill('#trace-token', token);
    await page.click('#trace-form button[type=submit]');
    await page.waitForSelector('#trace li[data-step=acked]');
    const steps = await page.$$eval('#trace li', (items) => items.map((li) => li.getAttribute('data-step')));
    expect(steps).toEqual(['accepted', 'routed', 'sent', 'acked']);
    expect(await page.textContent('#trace')).toContain('node test-node');
    await shot(page, 'push');

    await page.goto(`${server.httpUrl}/console/#/history/${accessId}`);
    await page.waitForSelector('#history table');
    expect(await page.$$eval('#history tbody tr', (rows) => rows.length)).toBe(1);
    await shot(page, 'history');

    await page.goto(`${server.httpUrl}/console/#/device/${accessId}/${token}`);
    await page.waitForSelector('#connected');
    expect(await page.textContent('#connected')).toBe('yes, to node test-node');
    expect(await page.textContent('#queue')).toBe('0 waiting');
    await page.click('#test-push');
    await page.waitForSelector('#test-trace li[data-step=acked]');
    expect(pushes).toHaveLength(2);
    await shot(page, 'device');
    await page.context().close();
  });

  it('lets a viewer look but not send', async () => {
    const page = await signedIn(VIEWER);
    await page.goto(`${server.httpUrl}/console/#/send`);
    await page.waitForSelector('#send-button');
    expect(await page.isDisabled('#send-button')).toBe(true);
    // Even past the disabled button, the API refuses.
    const accessId = await page.$eval('#app', (el) => (el as HTMLSelectElement).value);
    const status = await page.evaluate(async (id) => (await fetch(`/api/apps/${id}/pushes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, accessId);
    expect(status).toBe(403);
    await page.goto(`${server.httpUrl}/console/#/apps`);
    await page.waitForSelector('#apps');
    expect(await page.$('#create-app')).toBeNull();
    // Credentials: the ids, but no form, no remove button, and the API refuses a change.
    await page.goto(`${server.httpUrl}/console/#/apps/${accessId}`);
    await page.waitForSelector('#cred-fcm');
    expect(await page.textContent('#cred-fcm')).toContain('project homing-console');
    expect(await page.$('#fcm-form')).toBeNull();
    expect(await page.$('#remove-fcm')).toBeNull();
    const removal = await page.evaluate(async (id) => (await fetch(`/api/apps/${id}/credentials/fcm`, { method: 'DELETE' })).status, accessId);
    expect(removal).toBe(403);
    await page.context().close();
  });

  it('lets an admin remove credentials', async () => {
    const page = await signedIn(ADMIN);
    await page.goto(`${server.httpUrl}/console/#/apps`);
    await page.click('#apps a:text("credentials")');
    await page.click('#remove-fcm');
    await page.waitForFunction(() => document.querySelector('#cred-fcm')?.textContent === 'not set');
    expect(await page.$('#remove-fcm')).toBeNull();
    await page.context().close();
  });
});
