// Mutated device frames over real WebSockets. Each of `sockets` slots loops:
// connect, hello (usually a valid resume of its own token, else a broken one),
// then bursts of frames, each burst closed by a marker ping; a pong for the
// marker means the server took the burst, a close means it refused something
// in it. Every socket the server closes is counted by its close code and Error
// frame code. Waits are on frames and closes; a watchdog only reports a hang.
import WebSocket from 'ws';
import { decodeClientFrame, decodeServerFrame, encodeClientFrame, type DecodedServerFrame } from '../../proto/codec.js';
import { helloFrame, mutate, riskyFrame, safeFrame, type FuzzFrame, type FuzzSession } from './frames.js';
import { Random } from './random.js';

export interface DeviceFuzzOptions {
  url: string;
  sessions: readonly FuzzSession[];
  frames: number;
  seed: number;
  /** Share of frames after hello that are not safe (mutated, misplaced, oversize, text). */
  riskyShare?: number;
  /** A wait longer than this is reported as a hang (the run fails). */
  hangMs?: number;
}

export interface DeviceFuzzReport {
  framesSent: number;
  riskyFrames: number;
  connections: number;
  welcomes: number;
  /** Tokens issued by welcomes with resumed=false: devices the fuzz registered (accepted input). */
  newTokens: Set<string>;
  /** How sockets the server closed ended, by close code. */
  closeCodes: Map<number, number>;
  /** Error frames received, by code. */
  errorCodes: Map<number, number>;
  undecodableServerFrames: number;
  hangs: number;
}

type Outcome = { kind: 'frame'; frame: DecodedServerFrame } | { kind: 'closed'; code: number };

/** One socket: server frames and the close, waited on in order. */
class Socket {
  private readonly queue: Outcome[] = [];
  private waiter: ((o: Outcome) => void) | undefined;
  closed = false;

  constructor(readonly ws: WebSocket, report: DeviceFuzzReport) {
    ws.on('message', (data: Buffer) => {
      let frame: DecodedServerFrame;
      try {
        frame = decodeServerFrame(new Uint8Array(data));
      } catch {
        report.undecodableServerFrames++;
        return;
      }
      if (frame.error) bump(report.errorCodes, frame.error.code ?? 0);
      this.push({ kind: 'frame', frame });
    });
    ws.on('close', (code: number) => {
      this.closed = true;
      this.push({ kind: 'closed', code });
    });
    ws.on('error', () => undefined); // the close event follows and is what we count
  }

  private push(o: Outcome): void {
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w(o);
    } else this.queue.push(o);
  }

  next(hangMs: number, onHang: () => void): Promise<Outcome> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const watchdog = setTimeout(() => {
        onHang();
        this.ws.terminate();
      }, hangMs);
      this.waiter = (o) => {
        clearTimeout(watchdog);
        resolve(o);
      };
    });
  }

  /** Skips frames until one matches, or the socket closes. */
  async until(match: (f: DecodedServerFrame) => boolean, hangMs: number, onHang: () => void): Promise<Outcome> {
    for (;;) {
      const o = await this.next(hangMs, onHang);
      if (o.kind === 'closed' || match(o.frame)) return o;
    }
  }
}

function bodyOf(bytes: Uint8Array): string | undefined {
  try {
    return decodeClientFrame(bytes).body;
  } catch {
    return undefined;
  }
}

function bump(counts: Map<number, number>, key: number, n = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export async function fuzzDevices(options: DeviceFuzzOptions): Promise<DeviceFuzzReport> {
  const report: DeviceFuzzReport = {
    framesSent: 0, riskyFrames: 0, connections: 0, welcomes: 0, newTokens: new Set(),
    closeCodes: new Map(), errorCodes: new Map(), undecodableServerFrames: 0, hangs: 0,
  };
  const hangMs = options.hangMs ?? 30_000;
  const riskyShare = options.riskyShare ?? 0.03;
  const onHang = () => report.hangs++;
  let budget = options.frames;
  const take = () => (budget > 0 ? (budget--, true) : false);

  const slot = async (index: number) => {
    const rnd = new Random(options.seed * 7919 + index);
    const session = options.sessions[index]!;
    let marker = index * 1_000_000_000;
    while (budget > 0 && report.hangs === 0) {
      const ws = await open(options.url);
      report.connections++;
      const socket = new Socket(ws, report);
      const send = (frame: FuzzFrame) => {
        ws.send(frame.bytes, { binary: !frame.text });
        report.framesSent++;
      };
      if (!take()) {
        ws.close(1000);
        await socket.until(() => false, hangMs, onHang);
        break;
      }
      const hello = helloFrame(rnd, session, options.sessions);
      const first = rnd.chance(0.1) ? mutate(rnd, hello, safeFrame(rnd, session)) : hello;
      send({ bytes: first });
      // A mutation may turn the hello into a ping (answered, socket kept) or an
      // ack; an ack right after makes the server close with HELLO_REQUIRED then,
      // so the wait below ends in a welcome or a close either way.
      if (bodyOf(first) !== 'hello') ws.send(encodeClientFrame({ ack: { messageIds: ['0'] } }));
      const greeted = await socket.until((f) => f.body === 'welcome', hangMs, onHang);
      if (greeted.kind === 'closed') {
        bump(report.closeCodes, greeted.code);
        continue;
      }
      report.welcomes++;
      for (const app of greeted.frame.welcome!.apps ?? []) if (!app.resumed && app.token) report.newTokens.add(app.token);
      let open_ = true;
      for (let bursts = 1 + rnd.int(40); bursts > 0 && open_; bursts--) {
        const size = 1 + rnd.int(64);
        for (let i = 0; i < size && take(); i++) {
          if (rnd.chance(riskyShare)) {
            report.riskyFrames++;
            send(riskyFrame(rnd, session, options.sessions));
          } else send({ bytes: safeFrame(rnd, session) });
        }
        const mark = ++marker;
        ws.send(encodeClientFrame({ ping: { clientTime: mark } }));
        const answer = await socket.until((f) => f.body === 'pong' && Number(f.pong!.clientTime) === mark, hangMs, onHang);
        if (answer.kind === 'closed') {
          bump(report.closeCodes, answer.code);
          open_ = false;
        }
        if (budget <= 0) break;
      }
      if (open_) {
        ws.close(1000);
        const end = await socket.until(() => false, hangMs, onHang);
        if (end.kind === 'closed' && end.code !== 1000) bump(report.closeCodes, end.code);
      }
    }
  };
  await Promise.all(options.sessions.map((_, i) => slot(i)));
  return report;
}
