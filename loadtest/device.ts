// One simulated device: a raw `ws` socket speaking the real device protocol
// through proto/codec (hello → welcome, ping, push → ack, goaway). It keeps
// only what a device must (its tokens, to resume them on reconnect) so one
// worker process can hold ~15,000 of them. Timers are not per device: the
// worker's heartbeat sweep and ack flush drive every device from one place.
import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame, Platform, type DecodedServerFrame } from '../proto/codec.js';
import type { AppCredential } from './ipc.js';

export interface DeviceEvents {
  /** `first`: the device's first welcome ever (reconnects resume the same tokens). */
  welcomed(device: SimDevice, first: boolean): void;
  push(device: SimDevice, messageId: string, sentAt: number): void;
  failed(device: SimDevice, reason: string): void;
  /** The socket is gone; `hintMs` is the server's goaway reconnect hint, if it sent one. */
  closed(device: SimDevice, wasReady: boolean, hintMs: number | undefined): void;
}

interface AppSlot extends AppCredential {
  token: string;
  tokenSecret: string;
}

type State = 'idle' | 'connecting' | 'ready' | 'closed';

const PING = encodeClientFrame({ ping: {} });

export class SimDevice {
  state: State = 'idle';
  reconnects = 0;
  everWelcomed = false;
  heartbeatMs = 0;
  lastSentAt = 0;
  /** Message ids received since the last ack flush; the worker sends them as one Ack frame. */
  acks: string[] = [];
  private ws: WebSocket | undefined;
  private goawayMs: number | undefined;
  private readonly apps: AppSlot[];

  constructor(
    readonly index: number,
    readonly deviceId: string,
    apps: readonly AppCredential[],
    private readonly localAddress: string,
    private readonly localPort: number,
    private readonly events: DeviceEvents,
  ) {
    this.apps = apps.map((a) => ({ ...a, token: '', tokenSecret: '' }));
  }

  /** Token of the first app, '' before the first welcome. */
  get token(): string {
    return this.apps[0]?.token ?? '';
  }

  connect(url: string): void {
    this.state = 'connecting';
    this.goawayMs = undefined;
    const ws = new WebSocket(url, {
      perMessageDeflate: false,
      localAddress: this.localAddress,
      // An explicit source port on the first connect: bind() with port 0 makes the kernel
      // search for a free port, which grows with every socket already bound (measured: 0.6 ms
      // of system time per connect at 10,000 sockets, 1.8 ms with a previous run's TIME_WAITs).
      // Reconnects let the kernel choose, since the old port may still be in TIME_WAIT.
      ...(this.reconnects === 0 ? { localPort: this.localPort } : {}),
      handshakeTimeout: 15_000,
      skipUTF8Validation: true,
    });
    ws.binaryType = 'nodebuffer';
    this.ws = ws;
    let wasReady = false;
    ws.on('open', () => {
      const apps = this.apps.map((a) => ({ accessId: a.accessId, accessKey: a.accessKey, token: a.token, tokenSecret: a.tokenSecret }));
      this.send(encodeClientFrame({ hello: { sdkVersion: 'loadtest', deviceId: this.deviceId, platform: Platform.ANDROID, apps } }));
    });
    ws.on('message', (data: Buffer) => {
      let frame: DecodedServerFrame;
      try {
        frame = decodeServerFrame(data);
      } catch {
        return this.events.failed(this, 'undecodable server frame');
      }
      if (frame.body === 'push') {
        const p = frame.push!;
        this.events.push(this, p.messageId ?? '', Number(p.sentAt ?? 0));
      } else if (frame.body === 'welcome') {
        const w = frame.welcome!;
        for (const s of w.apps ?? []) {
          const slot = this.apps.find((a) => a.accessId === s.accessId);
          if (slot) Object.assign(slot, { token: s.token ?? '', tokenSecret: s.tokenSecret ?? '' });
        }
        this.heartbeatMs = w.heartbeatIntervalMs ?? 0;
        this.state = 'ready';
        wasReady = true;
        const first = !this.everWelcomed;
        this.everWelcomed = true;
        this.events.welcomed(this, first);
      } else if (frame.body === 'error') {
        this.events.failed(this, `error frame ${frame.error?.code}: ${frame.error?.message}`);
      } else if (frame.body === 'goaway') {
        this.goawayMs = frame.goaway?.reconnectAfterMs ?? 0;
      }
    });
    ws.on('error', (err) => this.events.failed(this, err.message));
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.state = 'closed';
      this.acks = [];
      this.events.closed(this, wasReady, this.goawayMs);
    });
  }

  ping(now: number): void {
    this.lastSentAt = now;
    this.send(PING);
  }

  /** Sends the pending acks as one frame; returns how many message ids went out (0 when the socket is not open). */
  flushAcks(): number {
    if (this.acks.length === 0) return 0;
    const messageIds = this.acks;
    this.acks = [];
    return this.send(encodeClientFrame({ ack: { messageIds } })) ? messageIds.length : 0;
  }

  /**
   * Closes without reconnecting. With a reset, not a close handshake: nobody waits
   * for 15,000 handshakes at the end of a run, and a reset leaves no TIME_WAIT
   * holding this source port against the next run.
   */
  close(): void {
    const ws = this.ws;
    this.ws = undefined;
    this.state = 'closed';
    if (!ws) return;
    const socket = (ws as unknown as { _socket?: { resetAndDestroy?: () => void } })._socket;
    if (socket?.resetAndDestroy) socket.resetAndDestroy();
    else ws.terminate();
  }

  private send(bytes: Uint8Array): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    this.lastSentAt = Date.now();
    ws.send(bytes);
    return true;
  }
}
