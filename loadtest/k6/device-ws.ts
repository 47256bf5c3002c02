// k6 device scenario: each VU is one device holding a WebSocket to Homing's
// gateway for HOLD_SECONDS: hello → welcome, pings at half the announced
// heartbeat, every push acked; latency from push accepted (Push.sentAt) to
// receipt goes into the `push_latency` trend. Frames are hand-encoded
// protobuf (./frames.ts): k6 cannot load protobufjs.
//
//   k6 run -e URL=ws://127.0.0.1:8080/device -e APP=ACCESS_ID:ACCESS_KEY \
//     -e DEVICES=1000 -e RAMP_SECONDS=30 -e HOLD_SECONDS=120 loadtest/k6/device-ws.ts
//
// Run REST pushes beside it with rest-push.ts (tokens: see README).
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';
import { decodeServerFrame, encodeAck, encodeHello, encodePing } from './frames.ts';

const URL = __ENV.URL ?? 'ws://127.0.0.1:8080/device';
const [ACCESS_ID = '', ACCESS_KEY = ''] = (__ENV.APP ?? '').split(':');
const DEVICES = Number(__ENV.DEVICES ?? 100);
const RAMP_SECONDS = Number(__ENV.RAMP_SECONDS ?? 30);
const HOLD_SECONDS = Number(__ENV.HOLD_SECONDS ?? 60);

export const options = {
  scenarios: {
    devices: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: `${RAMP_SECONDS}s`, target: DEVICES },
        { duration: `${HOLD_SECONDS}s`, target: DEVICES },
        { duration: '5s', target: 0 },
      ],
      gracefulRampDown: '10s',
    },
  },
  thresholds: {
    push_latency: ['p(99)<10'],
    device_errors: ['count==0'],
  },
};

const pushLatency = new Trend('push_latency', true);
const pushes = new Counter('pushes_received');
const duplicates = new Counter('pushes_duplicate');
const welcomes = new Counter('welcomes');
const deviceErrors = new Counter('device_errors');

export function setup(): void {
  if (!ACCESS_ID || !ACCESS_KEY) throw new Error('set -e APP=ACCESS_ID:ACCESS_KEY (from `homing app create`)');
}

export default function device(): void {
  // One device id per VU and iteration: k6 restarts the function when a socket closes, like a device reconnecting.
  const deviceId = `k6-${exec.vu.idInTest}-${exec.vu.iterationInScenario}`;
  const seen = new Set<string>();
  const ws = new WebSocket(URL);
  ws.binaryType = 'arraybuffer';
  let heartbeat: number | undefined;

  ws.onopen = () => ws.send(encodeHello(deviceId, [{ accessId: ACCESS_ID, accessKey: ACCESS_KEY }]));
  ws.onmessage = (event) => {
    if (!event || !(event.data instanceof ArrayBuffer)) return;
    const frame = decodeServerFrame(event.data);
    if (frame.kind === 'welcome') {
      welcomes.add(1);
      check(frame, { 'welcome carries a token': (f) => f.apps.length > 0 && f.apps[0]!.token.length > 0 });
      const every = Math.max(1000, frame.heartbeatIntervalMs / 2);
      heartbeat = setInterval(() => ws.send(encodePing(Date.now())), every);
    } else if (frame.kind === 'push') {
      if (seen.has(frame.messageId)) duplicates.add(1);
      else {
        seen.add(frame.messageId);
        pushes.add(1);
        if (frame.sentAt > 0) pushLatency.add(Date.now() - frame.sentAt);
      }
      ws.send(encodeAck([frame.messageId]));
    } else if (frame.kind === 'error') {
      deviceErrors.add(1, { code: String(frame.code) });
    }
  };
  ws.onerror = () => deviceErrors.add(1, { code: 'socket' });
  ws.onclose = () => {
    if (heartbeat !== undefined) clearInterval(heartbeat);
  };
  // Hold the socket through the scenario's hold stage, then leave.
  setTimeout(() => ws.close(), (RAMP_SECONDS + HOLD_SECONDS) * 1000);
}
