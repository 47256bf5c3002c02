// The second unicast baseline: a plain uWebSockets.js relay. HTTP POST in,
// `ws.send` out, and nothing else, so the unicast ratio can also be read
// against the least work a push can take on this machine. Where
// bench/baseline-server.ts does Homing's observable work with Homing's codec
// (parses the XG JSON, builds the full Push frame, decodes pings and acks),
// this relay:
//
// - names a socket and nothing more: the first frame of a socket (the Hello)
//   is decoded to hand out a token (the one offered back on a reconnect), and
//   answered with a Welcome so the device knows it; every later frame (pings,
//   acks) is dropped unread;
// - finds the token in the POST body by a string search, parses no JSON, and
//   forwards the body untouched as the content of a Push frame written by hand
//   (message id, accepted-at time, body): the least a device needs to count a
//   delivery and its latency;
// - answers a fixed envelope with the push id. token_list and all are not
//   relayed (only the unicast scenario runs against it).
//
// Usage: node --import tsx bench/relay-server.ts [--port 0] [--host 127.0.0.1]
// Prints "relay … listening on http://HOST:PORT" when ready; SIGTERM stops it.
import { randomBytes } from 'node:crypto';
import uWS from 'uWebSockets.js';
import { decodeClientFrame, encodeServerFrame } from '../proto/codec.js';
import { parseArgs } from '../src/cli/args.js';

interface SocketData {
  tokens: string[];
}

// Same heartbeat as Homing and the baseline announce, so devices behave identically.
const HEARTBEAT_MS = 120_000;
const IDLE_TIMEOUT_S = 124;
const TOKEN_KEY = '"token_list":["';

const { flags } = parseArgs(process.argv.slice(2));
const host = flags.get('host') ?? '127.0.0.1';
const port = Number(flags.get('port') ?? 0);
const nodeId = `relay-${process.pid}`;
const sockets = new Map<string, uWS.WebSocket<SocketData>>();
let pushCounter = 0;

function varintLength(n: number): number {
  let length = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    length++;
  }
  return length;
}

/** Arithmetic, not bit operations: sentAt (ms since epoch) is past 32 bits. */
function writeVarint(out: Buffer, at: number, n: number): number {
  while (n >= 128) {
    out[at++] = (n % 128) | 128;
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at;
}

/**
 * ServerFrame{push: Push{message_id = 1, content = 6, sent_at = 10}} in
 * protobuf wire format: tag bytes are (field << 3) | wire type.
 */
function pushFrame(messageId: string, sentAt: number, body: Buffer): Buffer {
  const inner = 1 + varintLength(messageId.length) + messageId.length
    + 1 + varintLength(body.length) + body.length
    + 1 + varintLength(sentAt);
  const out = Buffer.allocUnsafe(1 + varintLength(inner) + inner);
  let at = 0;
  out[at++] = 0x1a; // ServerFrame.push, length-delimited
  at = writeVarint(out, at, inner);
  out[at++] = 0x0a; // Push.message_id, length-delimited
  at = writeVarint(out, at, messageId.length);
  at += out.write(messageId, at, 'latin1');
  out[at++] = 0x32; // Push.content, length-delimited
  at = writeVarint(out, at, body.length);
  at += body.copy(out, at);
  out[at++] = 0x50; // Push.sent_at, varint
  writeVarint(out, at, sentAt);
  return out;
}

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
    const data = ws.getUserData();
    if (data.tokens.length > 0) return; // pings and acks: not read
    let hello;
    try {
      hello = decodeClientFrame(new Uint8Array(message)).hello;
    } catch {
      return ws.end(4100, 'malformed frame');
    }
    if (!hello) return ws.end(4100, 'hello first');
    const apps = (hello.apps ?? []).map((reg) => {
      const token = reg.token || randomBytes(20).toString('hex');
      data.tokens.push(token);
      sockets.set(token, ws);
      return { accessId: reg.accessId, token, tokenSecret: reg.tokenSecret || 'relay', resumed: Boolean(reg.token) };
    });
    ws.send(encodeServerFrame({ welcome: { apps, heartbeatIntervalMs: HEARTBEAT_MS, nodeId, maxFrameBytes: 16_384 } }), true);
  },
  close: (ws) => {
    for (const token of ws.getUserData().tokens) if (sockets.get(token) === ws) sockets.delete(token);
  },
});

app.post('/v3/push/app', (res) => {
  let aborted = false;
  let chunks: Buffer[] = [];
  res.onAborted(() => (aborted = true));
  res.onData((chunk, isLast) => {
    chunks.push(Buffer.from(chunk.slice(0)));
    if (!isLast || aborted) return;
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    chunks = [];
    const pushId = String(++pushCounter);
    const from = body.indexOf(TOKEN_KEY);
    const to = from < 0 ? -1 : body.indexOf('"', from + TOKEN_KEY.length);
    const ws = to < 0 ? undefined : sockets.get(body.toString('latin1', from + TOKEN_KEY.length, to));
    if (ws) ws.send(pushFrame(pushId, Date.now(), body), true);
    res.cork(() => res.writeHeader('content-type', 'application/json').end(`{"ret_code":0,"push_id":"${pushId}"}`));
  });
});
app.any('/*', (res) => {
  res.writeStatus('404 Not Found').end('{"ret_code":10001}');
});

app.listen(host, port, (listenSocket) => {
  if (!listenSocket) {
    process.stderr.write(`relay: cannot listen on ${host}:${port}\n`);
    process.exit(1);
  }
  process.stdout.write(`relay ${nodeId} listening on http://${host}:${uWS.us_socket_local_port(listenSocket)}\n`);
  // Exit through process.exit so that --cpu-prof writes its profile.
  const stop = () => {
    uWS.us_listen_socket_close(listenSocket);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
