// Shared setup for the HomingClient tests: a client wired to an in-memory
// gateway (fake-gateway.ts) with two apps, recording what it reports, plus
// builders for the server frames the tests send. Tests drive it on fake timers.
import { afterEach, beforeEach, vi } from 'vitest';
import { MessageType, type ServerFrame } from '../../proto/codec.js';
import { HomingClient } from './client.js';
import { FakeGateway, type FakeSocket } from './fake-gateway.js';
import { MemoryTokenStore } from './token-store.js';
import type { DisconnectInfo, HomingClientOptions, Push } from './types.js';

export const A = { accessId: '1500000001', accessKey: 'keyA' };
export const B = { accessId: '1500000002', accessKey: 'keyB' };
export const NOW = 1_700_000_000_000;

export function welcome(resumed = false): ServerFrame {
  return {
    welcome: {
      apps: [
        { accessId: A.accessId, token: 'tokA', tokenSecret: 'secA', resumed },
        { accessId: B.accessId, token: 'tokB', tokenSecret: 'secB', resumed },
      ],
      heartbeatIntervalMs: 30_000,
      nodeId: 'gw-1',
      maxFrameBytes: 16_384,
    },
  };
}

export function push(messageId: string, accessId = A.accessId, extra: Record<string, unknown> = {}): ServerFrame {
  return { push: { messageId, accessId, token: 'tokA', type: MessageType.NOTIFY, title: `t${messageId}`, sentAt: NOW, ...extra } };
}

/** Lets the client's pending promises (token store reads) run. */
export const settle = () => vi.advanceTimersByTimeAsync(0);

export class ClientHarness {
  readonly gateway = new FakeGateway();
  readonly tokenStore = new MemoryTokenStore();
  /** What app A's handler received. */
  readonly pushes: Push[] = [];
  readonly disconnects: DisconnectInfo[] = [];
  readonly errors: Error[] = [];
  readonly client: HomingClient;

  constructor() {
    this.client = this.make();
  }

  /** A client on this gateway and store: backoff 1 s doubling to 8 s, no jitter. */
  make(extra: Partial<HomingClientOptions> = {}): HomingClient {
    const c = new HomingClient({
      url: 'ws://gateway.test/device',
      deviceId: 'device-1',
      platform: 'android',
      apps: [A, B],
      tokenStore: this.tokenStore,
      WebSocket: this.gateway.WebSocket,
      backoff: { initialMs: 1_000, maxMs: 8_000, jitter: 0 },
      ...extra,
    });
    c.onPush(A.accessId, (p) => this.pushes.push(p));
    c.on('disconnected', (d) => this.disconnects.push(d));
    c.on('error', (e) => this.errors.push(e));
    return c;
  }

  /** Connects and answers the hello with a welcome; returns the socket. */
  async connected(c: HomingClient = this.client): Promise<FakeSocket> {
    const ready = c.connect();
    await settle();
    const socket = this.gateway.last;
    socket.open();
    socket.deliver(welcome());
    await ready;
    return socket;
  }
}

/**
 * Registers fake timers pinned at NOW and a fresh harness per test, closed after
 * it; call inside a describe and read the harness through the getter.
 */
export function useClientHarness(): () => ClientHarness {
  let h: ClientHarness;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    h = new ClientHarness();
  });
  afterEach(async () => {
    await h.client.close();
    vi.useRealTimers();
  });
  return () => h;
}
