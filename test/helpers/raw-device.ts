// A device speaking the raw protocol over the `ws` package, for tests that
// need exact frames (bad input, ordering). Waits on frames, never on sleeps.
import WebSocket from 'ws';
import {
  decodeServerFrame, encodeClientFrame, Platform,
  type AppRegistration, type ClientFrame, type DecodedServerFrame,
} from '../../proto/codec.js';

export interface Closed {
  code: number;
  reason: string;
}

export class RawDevice {
  readonly frames: DecodedServerFrame[] = [];
  readonly closed: Promise<Closed>;
  private waiters: Array<{ match: (f: DecodedServerFrame) => boolean; resolve: (f: DecodedServerFrame) => void }> = [];
  private readonly taken = new Map<string, number>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const frame = decodeServerFrame(new Uint8Array(data));
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async connect(url: string): Promise<RawDevice> {
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    const device = new RawDevice(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return device;
  }

  send(frame: ClientFrame): void {
    this.ws.send(encodeClientFrame(frame));
  }

  sendRaw(data: Buffer | string): void {
    this.ws.send(data);
  }

  hello(apps: AppRegistration[], deviceId = 'device-1'): void {
    this.send({ hello: { sdkVersion: 'test', deviceId, platform: Platform.ANDROID, apps } });
  }

  /** The next frame with this body that no earlier call returned. */
  next(body: NonNullable<DecodedServerFrame['body']>): Promise<DecodedServerFrame> {
    const index = this.taken.get(body) ?? 0;
    this.taken.set(body, index + 1);
    const have = this.framesOf(body);
    if (index < have.length) return Promise.resolve(have[index]!);
    return new Promise((resolve) => {
      this.waiters.push({ match: (f) => f.body === body && this.framesOf(body).indexOf(f) === index, resolve });
    });
  }

  framesOf(body: NonNullable<DecodedServerFrame['body']>): DecodedServerFrame[] {
    return this.frames.filter((f) => f.body === body);
  }

  close(): void {
    this.ws.close();
  }
}
