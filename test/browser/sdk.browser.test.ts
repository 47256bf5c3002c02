// The device SDK in real Chromium against a real Homing server (uWS, LMDB)
// started by the test: several tabs of one site, a reload after a
// redelivered copy, and the network going away and back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { decodeClientFrame, decodeServerFrame } from '../../proto/codec.js';
import { HomingClient, MemoryTokenStore } from '../../src/sdk/index.js';
import { serveExample } from '../../examples/web/serve.js';
import { startTestServer, type TestApp, type TestServer } from '../helpers/server.js';
import { isLeader, LAUNCH_HOOK_TIMEOUT_MS, launchChromium, openTab, servePage, ShownLog, type PageServer } from './harness.js';
import type { StartOptions } from './page.js';

/** Long enough that only the SDK's own reaction (not a backoff timer) can reconnect within a test. */
const SLOW_BACKOFF = { initialMs: 60_000, maxMs: 60_000, jitter: 0 };

describe('device SDK in Chromium', () => {
  let server: TestServer;
  let pageServer: PageServer;
  let browser: Browser;
  let app: TestApp;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [server, pageServer, browser] = await Promise.all([startTestServer(), servePage(), launchChromium()]);
    app = await server.createApp('web');
  }, LAUNCH_HOOK_TIMEOUT_MS);

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await pageServer?.close();
    await server?.stop();
  });

  async function newContext(): Promise<BrowserContext> {
    context = await browser.newContext();
    context.setDefaultTimeout(20_000);
    return context;
  }

  function options(): StartOptions {
    return { url: server.url, apps: [{ accessId: app.accessId, accessKey: app.accessKey }], backoff: SLOW_BACKOFF };
  }

  async function push(token: string, content: string): Promise<void> {
    const { json } = await server.post('/v3/push/app', app, {
      audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: 't', content },
    });
    expect(json.ret_code).toBe(0);
  }

  it('two tabs share one socket, get every push exactly once between them, and survive closing either one', async () => {
    const ctx = await newContext();
    const log = await ShownLog.attach(ctx);
    // WebSockets each tab opened (playwright reports them asynchronously: wait for them, then count).
    const sockets = new Map<Page, number>();
    const socketOpened = new EventTarget();
    ctx.on('page', (page) => {
      sockets.set(page, 0);
      page.on('websocket', () => {
        sockets.set(page, sockets.get(page)! + 1);
        socketOpened.dispatchEvent(new Event('open'));
      });
    });
    const socketsOpened = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => [...sockets.values()].reduce((a, b) => a + b, 0) >= n && resolve();
        socketOpened.addEventListener('open', check);
        check();
      });
    const first = await openTab(ctx, pageServer.url, options());
    const second = await openTab(ctx, pageServer.url, options());
    expect(second.token).toBe(first.token);
    const token = first.token;
    const leaders = await Promise.all([isLeader(first.page), isLeader(second.page)]);
    expect(leaders.filter(Boolean)).toHaveLength(1);
    const [leader, follower] = leaders[0] ? [first.page, second.page] : [second.page, first.page];
    await socketsOpened(1);

    for (const c of ['p1', 'p2', 'p3']) await push(token, c);
    await log.until('p3');

    // The leader's tab closes: the other takes over the same token.
    await leader.close();
    await follower.evaluate(() => (window as any).homingTest.leading());
    await socketsOpened(2);
    for (const c of ['p4', 'p5']) await push(token, c);
    await log.until('p5');

    // A follower's tab closes: nothing changes for the leader.
    const third = await openTab(ctx, pageServer.url, options());
    expect(await isLeader(third.page)).toBe(false);
    await push(token, 'p6');
    await log.until('p6');
    await third.page.close();
    await push(token, 'p7');
    await log.until('p7');

    expect(log.contents()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
    // One socket at a time: the first leader's, then the second's; the third tab never opened one.
    expect([sockets.get(leader), sockets.get(follower), sockets.get(third.page)]).toEqual([1, 1, 0]);
    // Only the leader of the moment ran the once-per-site handler: the first tab, then the other.
    const tabs = log.shown.map((p) => p.tab);
    expect(new Set(tabs.slice(0, 3)).size).toBe(1);
    expect(new Set(tabs.slice(3)).size).toBe(1);
    expect(tabs[3]).not.toBe(tabs[0]);
  });

  it('is not left closed when another connection takes its token (REPLACED)', async () => {
    const ctx = await newContext();
    const log = await ShownLog.attach(ctx);
    const first = await openTab(ctx, pageServer.url, options());
    const second = await openTab(ctx, pageServer.url, options());
    const leader = (await isLeader(first.page)) ? first.page : second.page;
    const follower = leader === first.page ? second.page : first.page;
    // Something else (a copied token, here a Node client) connects with the site's token.
    const stored = await leader.evaluate((id) => localStorage.getItem(`homing.token.${id}`), app.accessId);
    const { token, tokenSecret } = JSON.parse(stored!) as { token: string; tokenSecret: string };
    const stolen = new MemoryTokenStore();
    await stolen.set(app.accessId, { token, tokenSecret });
    const intruder = new HomingClient({
      url: server.url, deviceId: 'intruder', platform: 'other', apps: [{ accessId: app.accessId, accessKey: app.accessKey }], tokenStore: stolen,
    });
    const intruderGone = new Promise((resolve) => intruder.on('error', resolve));
    const welcomed = follower.evaluate(() => (window as any).homingTest.leading());
    await intruder.connect();
    // The replaced leader hands over; the other tab takes the token back at once.
    await welcomed;
    await intruderGone;
    await push(first.token, 'still here');
    await log.until('still here');
    expect(log.contents()).toEqual(['still here']);
  });

  it('shows a push once when a copy is redelivered after a reload', async () => {
    const ctx = await newContext();
    const log = await ShownLog.attach(ctx);
    // A relay between page and server that can swallow the page's acks, as a
    // connection lost right after the push was shown would.
    let dropAcks = true;
    const acked: string[] = [];
    const dropped: string[] = [];
    const sentToPage: string[] = [];
    const wire = new EventTarget();
    await ctx.routeWebSocket(/\/device$/, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => {
        const frame = decodeClientFrame(toBytes(message));
        const ids = frame.ack?.messageIds ?? [];
        (dropAcks ? dropped : acked).push(...ids);
        if (ids.length) wire.dispatchEvent(new Event('ack'));
        if (!(dropAcks && ids.length)) upstream.send(message);
      });
      upstream.onMessage((message) => {
        const frame = decodeServerFrame(toBytes(message));
        if (frame.push?.messageId) sentToPage.push(frame.push.messageId);
        ws.send(message);
      });
    });
    const onWire = (check: () => boolean) =>
      new Promise<void>((resolve) => {
        if (check()) return resolve();
        wire.addEventListener('ack', function listener() {
          if (!check()) return;
          wire.removeEventListener('ack', listener);
          resolve();
        });
      });

    const tab = await openTab(ctx, pageServer.url, options());
    await push(tab.token, 'shown once');
    await log.until('shown once');
    const [{ messageId }] = log.shown;
    // The ack left the page (so its id was saved first) but never reached the server.
    await onWire(() => dropped.includes(messageId));

    dropAcks = false;
    await tab.page.reload();
    await tab.page.waitForFunction(() => 'homingTest' in window);
    await tab.page.evaluate((o) => (window as any).homingTest.start(o), options());
    // The server sends the unacked copy again; the page acks it without showing it.
    await onWire(() => acked.includes(messageId));
    expect(sentToPage.filter((id) => id === messageId)).toHaveLength(2);
    await push(tab.token, 'after reload');
    await log.until('after reload');
    expect(log.contents()).toEqual(['shown once', 'after reload']);
  });

  it('reconnects at once when the network comes back', async () => {
    const ctx = await newContext();
    const log = await ShownLog.attach(ctx);
    const tab = await openTab(ctx, pageServer.url, options());
    const before = await tab.page.evaluate(() => (window as any).homingTest.connectedCount());

    await ctx.setOffline(true);
    await tab.page.waitForFunction(() => !navigator.onLine);
    const reconnected = tab.page.evaluate((n) => (window as any).homingTest.connectedAfter(n), before);
    await ctx.setOffline(false);
    // The backoff is a minute: only the online event can bring a new Welcome this soon.
    await reconnected;
    await push(tab.token, 'back online');
    await log.until('back online');
    expect(log.contents()).toEqual(['back online']);
  });
});

describe('examples/web', () => {
  it('shows a push sent to the token it prints', async () => {
    const [server, example, browser] = await Promise.all([startTestServer(), serveExample(0), launchChromium()]);
    try {
      const app = await server.createApp('example');
      const page = await (await browser.newContext()).newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${example.url}?url=${encodeURIComponent(server.url)}&app=${app.accessId}:${app.accessKey}`);
      const status = page.locator('#status');
      await status.getByText(/token [0-9a-f]{40}/).waitFor();
      const token = (await status.textContent())!.match(/token ([0-9a-f]{40})/)![1]!;
      expect(await status.textContent()).toContain('the leader');
      const { json } = await server.post('/v3/push/app', app, {
        audience_type: 'token', token_list: [token], message_type: 'notify', message: { title: 'Hi', content: 'from the example' },
      });
      expect(json.ret_code).toBe(0);
      await page.locator('#pushes li').getByText('from the example').waitFor();
      expect(await page.locator('#pushes li').count()).toBe(1);
    } finally {
      await browser.close();
      await new Promise((resolve) => example.server.close(resolve));
      await server.stop();
    }
  });
});

function toBytes(message: string | Buffer): Uint8Array {
  return typeof message === 'string' ? new TextEncoder().encode(message) : new Uint8Array(message);
}
