// A WebSocket relay between a device and the real gateway, for tests that need
// to see the device protocol on the wire or lose a frame on purpose: it decodes
// what passes (push ids down, ack ids up) and can swallow the device's acks, as
// a connection that dies right after a push was shown would.
import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { decodeClientFrame, decodeServerFrame } from '../../proto/codec.js';

export class WsRelay extends EventEmitter {
  /** While true, Ack frames from devices are dropped (their ids go to `dropped`). */
  dropAcks = false;
  /** Message ids of every Push frame sent down to a device, in order. */
  readonly pushed: string[] = [];
  /** Message ids acked through to the gateway / swallowed. */
  readonly acked: string[] = [];
  readonly dropped: string[] = [];

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly upstreamUrl: string,
  ) {
    super();
    wss.on('connection', (device) => this.relay(device));
  }

  static async start(upstreamUrl: string): Promise<WsRelay> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    return new WsRelay(wss, upstreamUrl);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/device`;
  }

  /** Resolves once `check` holds, re-checked after every frame that passes. */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = () => {
        if (!check()) return;
        this.off('frame', listener);
        resolve();
      };
      this.on('frame', listener);
    });
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise((resolve) => this.wss.close(resolve));
  }

  private relay(device: WebSocket): void {
    const gateway = new WebSocket(this.upstreamUrl);
    const early: RawData[] = [];
    gateway.on('open', () => early.splice(0).forEach((m) => gateway.send(m)));
    device.on('message', (data) => {
      const ids = decodeClientFrame(bytes(data)).ack?.messageIds ?? [];
      const drop = this.dropAcks && ids.length > 0;
      (drop ? this.dropped : this.acked).push(...ids);
      if (!drop) {
        if (gateway.readyState === WebSocket.OPEN) gateway.send(data);
        else early.push(data);
      }
      this.emit('frame');
    });
    gateway.on('message', (data) => {
      const id = decodeServerFrame(bytes(data)).push?.messageId;
      if (id) this.pushed.push(id);
      if (device.readyState === WebSocket.OPEN) device.send(data);
      this.emit('frame');
    });
    // Either side ending ends the other, as a dropped TCP connection would.
    device.on('close', () => gateway.terminate());
    gateway.on('close', () => device.terminate());
    device.on('error', () => gateway.terminate());
    gateway.on('error', () => device.terminate());
  }
}

function bytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data as ArrayBuffer);
}
