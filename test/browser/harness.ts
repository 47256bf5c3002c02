// What the browser tests share: the test page bundled with esbuild and served
// from 127.0.0.1 (a secure context, so Web Locks exist), and Debian's Chromium
// driven by playwright-core. Playwright gives every launch a fresh, temporary
// user data dir; each test gets its own browser context (own storage).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ShownPush, StartOptions } from './page.js';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync',
];

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Bundles test/browser/page.ts for the browser and serves it under an HTML page at `/`. */
export async function servePage(): Promise<PageServer> {
  const bundle = await build({
    entryPoints: [new URL('./page.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const js = bundle.outputFiles[0]!.contents;
  const html = '<!doctype html><meta charset="utf-8"><title>homing test</title><script type="module" src="/app.js"></script>';
  const server: Server = createServer((req, res) => {
    if (req.url === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A launch beside the rest of the suite on two busy cores has taken over 20 s. */
export const LAUNCH_TIMEOUT_MS = 60_000;
/** For a beforeAll that launches: the launch's own timeout, and the rest of the setup. */
export const LAUNCH_HOOK_TIMEOUT_MS = LAUNCH_TIMEOUT_MS + 30_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: LAUNCH_TIMEOUT_MS });
}

/** Pushes shown by any tab of a context, with a way to wait for the next ones. */
export class ShownLog {
  readonly shown: ShownPush[] = [];
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  static async attach(context: BrowserContext): Promise<ShownLog> {
    const log = new ShownLog();
    await context.exposeBinding('pushShown', (_source, push: ShownPush) => log.add(push));
    return log;
  }

  contents(): string[] {
    return this.shown.map((p) => p.content);
  }

  /** Resolves once a push with this content has been shown. */
  until(content: string): Promise<void> {
    return this.when(() => this.shown.some((p) => p.content === content));
  }

  private when(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  private add(push: ShownPush): void {
    this.shown.push(push);
    this.waiters = this.waiters.filter((w) => !(w.check() && (w.resolve(), true)));
  }
}

/** Opens a tab on the test page and starts the SDK there; resolves with the app's token once connected. */
export async function openTab(context: BrowserContext, pageUrl: string, options: StartOptions): Promise<{ page: Page; token: string }> {
  const page = await context.newPage();
  await page.goto(pageUrl);
  await page.waitForFunction(() => 'homingTest' in window);
  const sessions = await page.evaluate((o) => (window as any).homingTest.start(o), options);
  return { page, token: sessions[0]!.token };
}

export function isLeader(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as any).homingTest.isLeader());
}
