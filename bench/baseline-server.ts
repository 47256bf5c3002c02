// The physical reference: a bare uWebSockets.js server doing the same
// observable work as Homing and nothing more, so the bench can state Homing's
// cost as a ratio to what this machine can do at all. It is the one file
// outside gateway/uws that imports uWebSockets.js, on purpose.
//
// Same observable work: devices connect on /device and send the same Hello;
// they get a Welcome with a token (kept across reconnects when offered back);
// pings get pongs, acks are decoded. POST /v3/push/app takes the same XG JSON:
// token / token_list → the same Push frame built with the same codec and sent
// to the named socket(s); all → one frame published to the app's topic (uWS
// native fan-out). The answer is the XG envelope. No storage, no auth beyond
// an Authorization header being present, no retries, no statistics.
//
// Usage: node --import tsx bench/baseline-server.ts [--port 0] [--host 127.0.0.1]
// Prints "baseline listening on http://HOST:PORT" when ready; SIGTERM stops it.
import { randomBytes } from 'node:crypto';
import uWS from 'uWebSockets.js';
import { decodeClientFrame, encodeServerFrame, MessageType } from '../proto/codec.js';
import { parseArgs } from '../src/cli/args.js';

interface SocketData {
  tokens: string[];
}

// Same values Homing announces by default, so devices behave identically.
const HEARTBEAT_MS = 120_000;
const IDLE_TIMEOUT_S = 124;
const MAX_FRAME_BYTES = 16_384;
const EXPIRE_MS = 259_200_000;

const { flags } = parseArgs(process.argv.slice(2));
const host = flags.get('host') ?? '127.0.0.1';
const port = Number(flags.get('port') ?? 0);
const nodeId = `baseline-${process.pid}`;
const sockets = new Map<string, uWS.WebSocket<SocketData>>();
let pushCounter = 0;

const app = uWS.App();
app.ws<SocketData>('/device', {
  compression: uWS.DISABLED,
  maxPayloadLength: 64 * 1024,
  idleTimeout: IDLE_TIMEOUT_S,
  sendPingsAutomatically: false,
  maxBackpressure: 256 * 1024,
  upgrade: (res, req, context) => {
    res.upgrade<SocketData>({ tokens: [] }, req.getHeader('sec-websocket-key'), req.getHeader('sec-websocket-protocol'),
      req.getHeader('sec-websocket-extensions'), context);
  },
  message: (ws, message) => {
    let frame;
    try {
      frame = decodeClientFrame(new Uint8Array(message));
    } catch {
      return ws.end(4100, 'malformed frame');
    }
    if (frame.body === 'hello') {
      const data = ws.getUserData();
      const apps = (frame.hello!.apps ?? []).map((reg) => {
        const resumed = Boolean(reg.token);
        const token = reg.token || randomBytes(20).toString('hex');
        data.tokens.push(token);
        sockets.set(token, ws);
        ws.subscribe(`all/${reg.accessId}`);
        return { accessId: reg.accessId, token, tokenSecret: reg.tokenSecret || randomBytes(24).toString('base64url'), resumed };
      });
      const welcome = { apps, heartbeatIntervalMs: HEARTBEAT_MS, nodeId, maxFrameBytes: MAX_FRAME_BYTES };
      ws.send(encodeServerFrame({ welcome }), true);
    } else if (frame.body === 'ping') {
      ws.send(encodeServerFrame({ pong: { clientTime: Number(frame.ping?.clientTime ?? 0), serverTime: Date.now() } }), true);
    }
    // ack and click: decoded above, nothing is kept.
  },
  close: (ws) => {
    for (const token of ws.getUserData().tokens) if (sockets.get(token) === ws) sockets.delete(token);
  },
});

interface PushBody {
  audience_type?: string;
  token_list?: string[];
  message_type?: string;
  message?: { title?: string; content?: string };
}

function push(accessId: string, body: PushBody): string {
  const pushId = String(++pushCounter);
  const sentAt = Date.now();
  const base = {
    messageId: pushId, accessId, pushId, sentAt, expiresAt: sentAt + EXPIRE_MS, customContent: '',
    type: body.message_type === 'message' ? MessageType.MESSAGE : MessageType.NOTIFY,
    title: body.message?.title ?? '', content: body.message?.content ?? '',
  };
  if (body.audience_type === 'all') {
    app.publish(`all/${accessId}`, encodeServerFrame({ push: { ...base, token: '' } }), true);
    return pushId;
  }
  const tokens = body.audience_type === 'token' ? (body.token_list ?? []).slice(0, 1) : body.token_list ?? [];
  for (const token of tokens) {
    const ws = sockets.get(token);
    if (!ws) continue;
    const frame = encodeServerFrame({ push: { ...base, token } });
    ws.cork(() => ws.send(frame, true));
  }
  return pushId;
}

function envelope(retCode: number, errMsg: string, pushId: string): string {
  return JSON.stringify({ seq: 0, ret_code: retCode, err_msg: errMsg, push_id: pushId, environment: 'product' });
}

app.post('/v3/push/app', (res, req) => {
  // Copied before anything returns: uWS request objects die with this callback.
  const authorization = req.getHeader('authorization');
  let aborted = false;
  let chunks: Buffer[] = [];
  res.onAborted(() => (aborted = true));
  res.onData((chunk, isLast) => {
    chunks.push(Buffer.from(chunk.slice(0)));
    if (!isLast || aborted) return;
    const text = Buffer.concat(chunks).toString();
    chunks = [];
    let reply: string;
    const accessId = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString().split(':')[0] ?? '';
    if (!authorization || !accessId) reply = envelope(10003, 'authorization required', '0');
    else {
      try {
        reply = envelope(0, '', push(accessId, JSON.parse(text) as PushBody));
      } catch {
        reply = envelope(1008001, 'body is not JSON', '0');
      }
    }
    res.cork(() => res.writeHeader('content-type', 'application/json; charset=utf-8').end(reply));
  });
});
app.any('/*', (res) => {
  res.writeStatus('404 Not Found').end(envelope(10001, 'unknown path', '0'));
});

app.listen(host, port, (listenSocket) => {
  if (!listenSocket) {
    process.stderr.write(`baseline: cannot listen on ${host}:${port}\n`);
    process.exit(1);
  }
  process.stdout.write(`baseline ${nodeId} listening on http://${host}:${uWS.us_socket_local_port(listenSocket)}\n`);
  // Exit through process.exit so that --cpu-prof writes its profile.
  const stop = () => {
    uWS.us_listen_socket_close(listenSocket);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
