// The reconnect storm: Homing restarts under N connected devices, which all
// come back at once. Steps, each bounded in time:
//
// 1. `homing app create`, then `homing start` on a data dir (registration
//    limits off for this setup only: N registrations from a few loopback
//    addresses is what they exist to refuse);
// 2. N devices register from the swarm's worker processes;
// 3. SIGTERM: every device gets a goaway and is closed (4000); the process
//    must exit 0;
// 4. `homing start` again on the same data dir and port, with default limits
//    (resumes are never limited), and at once token_list pushes to every
//    device, while the devices are still coming back;
// 5. wait until every device is back and every push arrived.
//
// It passes when every device is back on the token it had (a welcome with
// resumed=false would carry a new one), every push arrived exactly once after
// the devices' dedup and was counted once per device by the server, both
// shutdown and restart went cleanly, and the process is still up and healthy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame, Platform } from '../proto/codec.js';
import { createApp, freeLoopbackPort, HomingProcess } from './homing-process.js';
import { Pusher, tokenBody } from './pusher.js';
import { stormProblems, type StormReport } from './storm-report.js';
import { Swarm } from './swarm.js';

/** The most tokens one XG token_list push may name. */
const TOKENS_PER_PUSH = 1000;

export interface StormOptions {
  devices: number;
  workers: number;
  /** New connections per second while the devices first register (the restart is not paced). */
  connectRate: number;
  /** Pushes each device is sent after the restart: the first at once, the others as the devices come back. */
  pushesPerDevice: number;
  /** Last byte of the first 127.0.0.x source address, and devices per address. */
  firstAddress: number;
  devicesPerAddress: number;
  /** Bound on each wait: registration, coming back, deliveries. */
  timeoutMs: number;
  /** Data dir to use (kept); a fresh temporary one (removed after) when unset. */
  dataDir?: string;
  /** Run bin/homing.js (the compiled build, as `npm start`) instead of the sources through tsx. */
  compiled?: boolean;
  log?: (line: string) => void;
}

/**
 * One more device, outside the swarm, that registers and resolves with the
 * reconnect hint of the goaway it gets (-1 if the socket ends without one).
 */
async function goawayWatcher(url: string, app: { accessId: string; accessKey: string }): Promise<{ hint: Promise<number> }> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  let hint = -1;
  const welcomed = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(encodeClientFrame({ hello: { sdkVersion: 'storm-watcher', deviceId: 'storm-watcher', platform: Platform.OTHER, apps: [app] } })));
    ws.on('message', (data: Buffer) => {
      const frame = decodeServerFrame(new Uint8Array(data));
      if (frame.body === 'welcome') resolve();
      else if (frame.body === 'goaway') hint = frame.goaway?.reconnectAfterMs ?? -1;
      else if (frame.body === 'error') reject(new Error(`watcher refused: ${frame.error?.code} ${frame.error?.message}`));
    });
  });
  const closed = new Promise<number>((resolve) => ws.once('close', () => resolve(hint)));
  await welcomed;
  // Wrapped: an async function returning the bare promise would wait for the close.
  return { hint: closed };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Polls `check` every 250 ms until it holds or `timeoutMs` passes; resolves whether it held. */
async function pollUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= end) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function runStorm(o: StormOptions): Promise<StormReport> {
  const log = o.log ?? (() => undefined);
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'homing-storm-'));
  const port = await freeLoopbackPort();
  const env = {
    ...process.env, HOMING_DATA_DIR: dataDir, HOMING_HOST: '127.0.0.1', HOMING_PORT: String(port),
    HOMING_LOG_LEVEL: 'warn', HOMING_NODE_ID: 'storm',
  };
  const app = await createApp(env, 'storm', o.compiled);
  let server = await HomingProcess.start(
    { ...env, HOMING_REGISTRATIONS_PER_APP_PER_MINUTE: '0', HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE: '0' }, o.compiled,
  );
  log(`homing pid ${server.pid} on 127.0.0.1:${port}, data in ${dataDir}; registering ${o.devices} devices from ${o.workers} worker processes`);
  const swarm = Swarm.start({
    url: `ws://127.0.0.1:${port}/device`,
    devices: o.devices,
    workers: o.workers,
    connectRate: o.connectRate,
    apps: [{ accessId: app.accessId, accessKey: app.accessKey }],
    // Workers leave by themselves after this, whatever happens here.
    durationMs: 4 * o.timeoutMs + 60_000,
    firstAddress: o.firstAddress,
    devicesPerAddress: o.devicesPerAddress,
    // Backoff caps at 10 s: 30 attempts outlast any restart the waits below allow.
    maxReconnects: 30,
    devicePrefix: `storm${Date.now().toString(36)}`,
  });
  const pusher = new Pusher(`http://127.0.0.1:${port}`, { accessId: app.accessId, secretKey: app.secretKey }, 16);
  try {
    const registerStart = Date.now();
    if (!(await swarm.waitUntil((s) => s.ready >= o.devices, o.timeoutMs))) {
      throw new Error(`only ${swarm.stats.ready} of ${o.devices} devices registered within ${o.timeoutMs / 1000} s (last error: ${swarm.stats.lastError})`);
    }
    const registerMs = Date.now() - registerStart;
    const goawayHint = await goawayWatcher(`ws://127.0.0.1:${port}/device`, { accessId: app.accessId, accessKey: app.accessKey });
    const before = new Set(await swarm.tokens());
    const tokens = [...before];
    await swarm.reset();
    const atSigterm = swarm.stats;
    log(`${o.devices} devices registered in ${(registerMs / 1000).toFixed(1)} s; SIGTERM`);

    const sigtermAt = Date.now();
    // How the devices come back over time: welcomes since the SIGTERM, every 100 ms.
    const curve: Array<{ at: number; back: number }> = [];
    const sampler = setInterval(() => curve.push({ at: Date.now(), back: swarm.stats.opens - atSigterm.opens }), 100);
    sampler.unref(); // never what keeps a failed run alive
    const exitCode = await server.stop();
    const shutdownMs = Date.now() - sigtermAt;
    const spawnAt = Date.now();
    server = await HomingProcess.start(env, o.compiled);
    const listenAt = Date.now();
    const cpuAtListen = server.cpuMs();
    log(`stopped in ${shutdownMs} ms (exit ${exitCode}), listening again ${listenAt - spawnAt} ms later; pushing to every device`);

    // The first round at once, while no device is back yet; round r of P once
    // r/P of the devices are back, so later rounds meet devices live, draining
    // their offline queue, and still away.
    const batches = chunks(tokens, TOKENS_PER_PUSH);
    const sends: Array<Promise<{ pushId: string; targets: number } | undefined>> = [];
    for (let round = 0; round < o.pushesPerDevice; round++) {
      const back = Math.floor((o.devices * round) / o.pushesPerDevice);
      if (back > 0) await swarm.waitUntil((st) => st.opens - atSigterm.opens >= back, o.timeoutMs);
      for (const batch of batches) {
        sends.push(pusher.push(tokenBody(batch), batch.length).then(
          (reply) => (reply.retCode === 0 ? { pushId: reply.pushId, targets: batch.length } : (log(`push refused: ${reply.retCode} ${reply.errMsg}`), undefined)),
          (err: Error) => (log(`push failed: ${err.message}`), undefined),
        ));
      }
    }
    const accepted = (await Promise.all(sends)).filter((a) => a !== undefined);
    const expected = accepted.reduce((n, a) => n + a.targets, 0);

    // Welcomes since the SIGTERM too: a counter report older than the close must not pass for "back".
    const allBack = await swarm.waitUntil((st) => st.ready >= o.devices && st.opens - atSigterm.opens >= o.devices, o.timeoutMs);
    clearInterval(sampler);
    const backStats = swarm.stats;
    // The wait can end between two samples: the last welcome closes the curve.
    if (allBack) curve.push({ at: backStats.lastWelcomeAt, back: backStats.opens - atSigterm.opens });
    curve.sort((a, b) => a.at - b.at);
    const backBy = (share: number) => {
      const point = curve.find((c) => c.back >= share * o.devices);
      return point ? point.at - sigtermAt : -1;
    };
    const serverCpuMs = server.alive ? server.cpuMs() - cpuAtListen : 0;
    log(allBack ? `all ${o.devices} devices back; waiting for ${expected} deliveries` : `only ${backStats.ready} devices back`);
    await swarm.waitUntil((s) => s.unique >= expected, o.timeoutMs);
    const after = await swarm.tokens();
    const resumed = after.filter((t) => before.has(t)).length;
    const collected = await swarm.collect();

    // The server's own count: one arrival per device and push, however often it was delivered.
    let counted = 0;
    await pollUntil(async () => {
      counted = 0;
      for (const a of accepted) {
        const { json } = await pusher.post('/v3/statistics/get_push_task_stat_channel', JSON.stringify({ pushId: a.pushId }));
        counted += Number((json.homingCounters as { arrived?: number } | undefined)?.arrived ?? 0);
      }
      return counted >= expected;
    }, Math.min(o.timeoutMs, 30_000));

    let healthzSockets = -1;
    if (server.alive) {
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { sockets?: number };
      healthzSockets = health.sockets ?? -1;
    }
    const end = swarm.stats;
    const report: StormReport = {
      devices: o.devices, workers: o.workers, registerMs, shutdownMs, exitCode, startMs: listenAt - spawnAt,
      backAfterSigtermMs: allBack ? backStats.lastWelcomeAt - sigtermAt : -1,
      backAfterListenMs: allBack ? backStats.lastWelcomeAt - listenAt : -1,
      goawayHintMs: await goawayHint.hint, halfBackMs: backBy(0.5), p90BackMs: backBy(0.9), p99BackMs: backBy(0.99),
      resumed, renewed: after.length - resumed, missing: o.devices - after.length,
      reconnects: end.reconnects - atSigterm.reconnects, errors: end.errors - atSigterm.errors, gaveUp: end.gaveUp, lastError: end.lastError,
      pushRequests: sends.length, pushesAccepted: accepted.length, expected,
      received: collected.received, unique: collected.unique, dups: collected.dups,
      deliveredAfterListenMs: collected.lastAt > 0 ? Math.round(collected.lastAt - listenAt) : -1,
      counted, serverAlive: server.alive, healthzSockets, serverCpuMs, serverRssMiB: server.alive ? server.rssMiB() : 0,
      pass: false, problems: [],
    };
    report.problems = stormProblems(report);
    report.pass = report.problems.length === 0;
    return report;
  } finally {
    await swarm.stop();
    await pusher.close();
    await server.stop();
    if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
