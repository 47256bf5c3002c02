// What only the NATS bus has to get right, against a real nats-server: bytes
// from elsewhere on a subject, handlers that throw, and a server restart. The
// shared behaviour is in node-bus.contract.test.ts.
import { connect } from 'nats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNatsServer, type TestNatsServer } from '../../test/helpers/nats-server.js';
import type { GatewayCommand } from '../messages.js';
import { NatsNodeBus } from './nats-bus.js';
import { subjects } from './subjects.js';

const drain = (...tokens: string[]): GatewayCommand => ({ kind: 'drain', tokens });

/** Resolves the n-th time it is called, with everything received so far. */
function collector<T>(n: number): { push: (item: T) => void; done: Promise<T[]> } {
  const items: T[] = [];
  let resolve!: (items: T[]) => void;
  const done = new Promise<T[]>((r) => (resolve = r));
  return {
    push: (item) => {
      items.push(item);
      if (items.length === n) resolve(items);
    },
    done,
  };
}

describe('NatsNodeBus', () => {
  let server: TestNatsServer;
  let buses: NatsNodeBus[] = [];
  const open = async () => {
    const bus = await NatsNodeBus.connect(server.url);
    buses.push(bus);
    return bus;
  };

  beforeEach(async () => {
    server = await startNatsServer();
  });
  afterEach(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    buses = [];
    await server.stop();
  });

  it('drops bytes that are not a bus message and keeps the subscription', async () => {
    const [router, gateway] = [await open(), await open()];
    const got = collector<GatewayCommand>(1);
    gateway.onNodeCommand('gw-a', got.push);
    await gateway.flush();
    const raw = await connect({ servers: server.url });
    raw.publish(subjects.node('gw-a'), new Uint8Array([0x93, 1])); // a MessagePack array cut short
    await raw.flush();
    await raw.close();
    router.sendToNode('gw-a', drain('after garbage'));
    expect(await got.done).toEqual([drain('after garbage')]);
  });

  it('keeps delivering after a handler throws', async () => {
    const [router, gateway] = [await open(), await open()];
    const got = collector<GatewayCommand>(2);
    gateway.onNodeCommand('gw-a', (command) => {
      got.push(command);
      throw new Error('handler bug');
    });
    await gateway.flush();
    router.sendToNode('gw-a', drain('first'));
    router.sendToNode('gw-a', drain('second'));
    expect(await got.done).toEqual([drain('first'), drain('second')]);
  });

  it('reconnects by itself after nats-server is killed and restarted, subscriptions included', async () => {
    const [router, gateway] = [await open(), await open()];
    const got = collector<GatewayCommand>(1);
    gateway.onNodeCommand('gw-a', got.push);
    await gateway.flush();
    await server.restart({ kill: true });
    // flush() resolves once the connection is back and has re-sent its subscriptions.
    await Promise.all([gateway.flush(), router.flush()]);
    router.sendToNode('gw-a', drain('after restart'));
    expect(await got.done).toEqual([drain('after restart')]);
  });

  it('close() is idempotent and sends what was published before it', async () => {
    const [router, gateway] = [await open(), await open()];
    const got = collector<GatewayCommand>(1);
    gateway.onNodeCommand('gw-a', got.push);
    await gateway.flush();
    router.sendToNode('gw-a', drain('last words'));
    await Promise.all([router.close(), router.close()]);
    expect(() => router.sendToNode('gw-a', drain('after close'))).not.toThrow();
    expect(await got.done).toEqual([drain('last words')]);
  });
});
