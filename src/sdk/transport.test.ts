// The client over a real `ws` socket on loopback, against a scripted stub
// server: checks the default WebSocket choice, binary framing and close
// codes as Node delivers them. Behaviour against the real gateway is in
// client.integration.test.ts.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { decodeClientFrame, encodeServerFrame, MessageType, type DecodedClientFrame } from '../../proto/codec.js';
import { DeviceError } from '../errors.js';
import { HomingClient } from './client.js';
import { defaultWebSocket, frameBytes } from './transport.js';

type Script = (socket: WebSocket, frame: DecodedClientFrame) => void;

async function stubServer(script: Script): Promise<{ url: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) => socket.on('message', (data: Buffer) => script(socket, decodeClientFrame(data))));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/device`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('transport over ws', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('defaults to the platform WebSocket, else the ws package', async () => {
    const ctor = await defaultWebSocket();
    expect(ctor).toBe((globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket);
  });

  it('reads binary frame data whatever form the socket gives it', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(frameBytes(bytes.buffer)).toEqual(bytes);
    expect(frameBytes(Buffer.from([1, 2, 3]))).toEqual(bytes);
    expect(frameBytes('text')).toBeUndefined();
  });

  it('registers, receives a push and acks it over a real socket', async () => {
    let acked!: (ids: string[]) => void;
    const ackedIds = new Promise<string[]>((resolve) => (acked = resolve));
    const server = await stubServer((socket, frame) => {
      if (frame.body === 'hello') {
        const apps = frame.hello!.apps!.map((a) => ({ accessId: a.accessId, token: `tok-${a.accessId}`, tokenSecret: 's' }));
        socket.send(encodeServerFrame({ welcome: { apps, heartbeatIntervalMs: 60_000, nodeId: 'stub', maxFrameBytes: 4096 } }));
        socket.send(encodeServerFrame({ push: { messageId: '42', accessId: 'app1', type: MessageType.NOTIFY, title: 'hi' } }));
      } else if (frame.body === 'ack') {
        acked(frame.ack!.messageIds!);
      }
    });
    cleanups.push(server.close);
    const client = new HomingClient({ url: server.url, deviceId: 'd1', platform: 'other', apps: [{ accessId: 'app1', accessKey: 'k' }] });
    cleanups.push(() => client.close());
    const titles: string[] = [];
    client.onPush('app1', (p) => titles.push(p.title));
    const sessions = await client.connect();
    expect(sessions).toEqual([{ accessId: 'app1', token: 'tok-app1', resumed: false }]);
    expect(await ackedIds).toEqual(['42']);
    expect(titles).toEqual(['hi']);
  });

  it('sees the gateway close code and gives up on 41xx', async () => {
    const server = await stubServer((socket, frame) => {
      if (frame.body !== 'hello') return;
      socket.send(encodeServerFrame({ error: { code: DeviceError.BAD_ACCESS_KEY, message: 'bad access key' } }));
      socket.close(DeviceError.BAD_ACCESS_KEY, 'bad access key');
    });
    cleanups.push(server.close);
    const client = new HomingClient({ url: server.url, deviceId: 'd1', platform: 'web', apps: [{ accessId: 'app1', accessKey: 'wrong' }] });
    cleanups.push(() => client.close());
    await expect(client.connect()).rejects.toMatchObject({ code: DeviceError.BAD_ACCESS_KEY, message: expect.stringContaining('bad access key') });
    expect(client.state).toBe('closed');
  });
});
