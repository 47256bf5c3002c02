// The page the browser tests open: the SDK bundled as a web app would bundle
// it, with a small surface for the test to drive (window.homingTest) and every
// push handed to the test through a binding the test exposes (pushShown).
import { SharedHomingClient, type AppSession, type Push, type SharedHomingClientOptions } from '../../src/sdk/index.js';

export interface StartOptions {
  url: string;
  apps: SharedHomingClientOptions['apps'];
  backoff?: SharedHomingClientOptions['backoff'];
  replacedRetryMs?: number;
}

export interface ShownPush {
  tab: string;
  messageId: string;
  content: string;
}

interface TestWindow {
  pushShown?: (push: ShownPush) => Promise<void>;
  homingTest: typeof api;
}

let client: SharedHomingClient | undefined;
let connectedCount = 0;

const api = {
  /** Joins the site's connection; resolves with the sessions once it is welcomed. */
  async start(options: StartOptions): Promise<AppSession[]> {
    client = new SharedHomingClient({ deviceId: 'browser-test', platform: 'web', ...options });
    const tab = client.tabId;
    for (const { accessId } of options.apps) {
      client.onPush(accessId, (push: Push) => {
        void (window as unknown as TestWindow).pushShown?.({ tab, messageId: push.messageId, content: push.content });
      });
    }
    client.on('connected', () => connectedCount++);
    return client.connect();
  },
  isLeader(): boolean {
    return client?.isLeader ?? false;
  },
  /** Resolves once this tab leads and its socket is welcomed. */
  leading(): Promise<void> {
    const c = client!;
    return new Promise((resolve) => {
      const check = () => c.isLeader && c.state === 'connected' && resolve();
      c.on('connected', check);
      c.on('role', check);
      check();
    });
  },
  /** Resolves at the next Welcome after `count` of them. */
  connectedAfter(count: number): Promise<number> {
    const c = client!;
    return new Promise((resolve) => {
      const check = () => connectedCount > count && resolve(connectedCount);
      c.on('connected', check);
      check();
    });
  },
  connectedCount(): number {
    return connectedCount;
  },
};

(window as unknown as TestWindow).homingTest = api;
