// SharedHomingClient in Node: "tabs" are clients in one process sharing a
// token store, Node's own BroadcastChannel, an in-process Web Locks stand-in
// (test/fakes/lock-manager.ts) and an in-memory gateway. The browser tests
// (test/browser/) run the same flows in Chromium against the real server.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeLockManager } from '../../../test/fakes/lock-manager.js';
import { A, B, push, welcome } from '../client.fixtures.js';
import { FakeGateway, type FakeSocket } from '../fake-gateway.js';
import { MemoryTokenStore } from '../token-store.js';
import type { Push } from '../types.js';
import { SharedHomingClient } from './shared-client.js';
import type { ChannelConstructor } from './tab-messages.js';

describe('SharedHomingClient', () => {
  const gateway = new FakeGateway();
  const locks = new FakeLockManager();
  const tabs: SharedHomingClient[] = [];
  let tokenStore: MemoryTokenStore;
  let site = 0;
  let name = '';

  afterEach(async () => {
    await Promise.all(tabs.splice(0).map((t) => t.close()));
  });

  function tab(): SharedHomingClient {
    const t = new SharedHomingClient({
      url: 'ws://gateway.test/device', deviceId: 'web', platform: 'web', apps: [A, B], tokenStore, WebSocket: gateway.WebSocket,
      locks, BroadcastChannel: BroadcastChannel as unknown as ChannelConstructor, name, backoff: { initialMs: 1, maxMs: 1, jitter: 0 },
    });
    tabs.push(t);
    return t;
  }

  /** A new site: the first tab leads; its socket is opened and welcomed. */
  async function siteWithLeader(): Promise<{ leader: SharedHomingClient; socket: FakeSocket }> {
    name = `site-${site++}`;
    tokenStore = new MemoryTokenStore();
    const opened = gateway.nextSocket();
    const leader = tab();
    const ready = leader.connect();
    const socket = await welcomed(opened);
    await ready;
    return { leader, socket };
  }

  async function welcomed(opened: Promise<FakeSocket>): Promise<FakeSocket> {
    const socket = await opened;
    socket.open();
    socket.deliver(welcome(true));
    return socket;
  }

  it('elects one leader per name; followers get its state and every-tab pushes, and hand it their clicks', async () => {
    const { leader, socket } = await siteWithLeader();
    const count = gateway.sockets.length;
    const follower = tab();
    expect(await follower.connect()).toEqual(leader.sessions());
    expect([leader.isLeader, follower.isLeader, follower.token(A.accessId)]).toEqual([true, false, 'tokA']);

    const once: string[] = [];
    const everywhere: string[] = [];
    for (const [t, label] of [[leader, 'leader'], [follower, 'follower']] as const) {
      t.onPush(A.accessId, (p: Push) => once.push(`${label}:${p.messageId}`));
      t.onPush(A.accessId, (p: Push) => everywhere.push(`${label}:${p.messageId}`), { everyTab: true });
    }
    const followerGot = new Promise<void>((resolve) => follower.onPush(A.accessId, () => resolve(), { everyTab: true }));
    socket.deliver(push('1'));
    await followerGot;
    await socket.sentFrame('ack');
    expect(once).toEqual(['leader:1']);
    expect(everywhere.sort()).toEqual(['follower:1', 'leader:1']);
    expect(socket.ackedIds()).toEqual(['1']);

    follower.reportClick(A.accessId, '1', 'open');
    await socket.sentFrame('click');
    expect(socket.frames('click')[0]).toMatchObject({ messageId: '1', accessId: A.accessId, action: 'open' });
    expect(gateway.sockets.length).toBe(count);
  });

  it('hands the socket to the next tab when the leader closes; it resumes the same tokens', async () => {
    const { leader } = await siteWithLeader();
    const second = tab();
    await second.connect();
    const role = new Promise<string>((resolve) => second.on('role', resolve));
    const opened = gateway.nextSocket();
    await leader.close();
    expect(await role).toBe('leader');
    const socket = await welcomed(opened);
    expect(socket.frames('hello')[0]!.apps!.map((a) => a.token)).toEqual(['tokA', 'tokB']);
  });

  it("forgets a token a follower asks to forget, in the shared store and in the leader's next hello", async () => {
    const { socket } = await siteWithLeader();
    const follower = tab();
    await follower.connect();
    await follower.forgetToken(B.accessId);
    expect(await tokenStore.get(B.accessId)).toBeUndefined();
    // Tab messages arrive in order: once the click is on the wire, the leader has handled the forget.
    follower.reportClick(A.accessId, 'm', 'open');
    await socket.sentFrame('click');
    const opened = gateway.nextSocket();
    socket.end(1006);
    const again = await opened;
    again.open();
    expect(again.frames('hello')[0]!.apps!.map((a) => a.token)).toEqual(['tokA', '']);
  });
});
