// A device with two apps on one socket: prints its tokens, prints pushes as
// they arrive, and reports a click for each (as if the user opened it).
//
//   node --import tsx examples/device.ts ID1:KEY1 ID2:KEY2 [ws://localhost:8080/device]
//   HOMING_APPS=ID1:KEY1,ID2:KEY2 HOMING_URL=ws://... node --import tsx examples/device.ts
//
// Create the apps with `homing app create --name NAME`; send a push to a printed token
// with `homing push` or the REST API. Tokens are kept in ./homing-device-tokens.json,
// so running the example again resumes the same tokens. Ctrl-C closes cleanly.
import { FileTokenStore } from '../src/sdk/file-token-store.js';
import { HomingClient, type AppCredentials } from '../src/sdk/index.js';

function parseApps(specs: string[]): AppCredentials[] {
  return specs.map((spec) => {
    const [accessId, accessKey] = spec.split(':');
    if (!accessId || !accessKey) throw new Error(`expected ACCESS_ID:ACCESS_KEY, got "${spec}"`);
    return { accessId, accessKey };
  });
}

const args = process.argv.slice(2);
const appSpecs = args.filter((a) => a.includes(':') && !a.includes('://'));
const apps = parseApps(appSpecs.length ? appSpecs : (process.env.HOMING_APPS ?? '').split(',').filter(Boolean));
const url = args.find((a) => a.startsWith('ws')) ?? process.env.HOMING_URL ?? 'ws://localhost:8080/device';
if (apps.length === 0) {
  console.error('usage: examples/device.ts ACCESS_ID:ACCESS_KEY [ACCESS_ID:ACCESS_KEY ...] [ws://host:port/device]');
  process.exit(2);
}

const client = new HomingClient({
  url,
  deviceId: process.env.HOMING_DEVICE_ID ?? 'example-device',
  platform: 'other',
  apps,
  tokenStore: new FileTokenStore('./homing-device-tokens.json'),
});

client.on('registered', (sessions) => {
  for (const s of sessions) console.log(`app ${s.accessId}: token ${s.token}${s.resumed ? ' (resumed)' : ' (new)'}`);
});
client.on('connected', (info) => console.log(`connected to ${info.nodeId}, heartbeat every ${info.heartbeatIntervalMs} ms`));
client.on('disconnected', (d) =>
  console.log(`disconnected (${d.code} ${d.reason})${d.willReconnect ? `, reconnecting in ${d.delayMs} ms` : ''}`),
);
client.on('goaway', (g) => console.log(`gateway going away: ${g.reason}`));
client.on('error', (err) => console.error(`error: ${err.message}`));

for (const { accessId } of apps) {
  client.onPush(accessId, (push) => {
    console.log(`[${push.accessId}] ${push.type} ${push.messageId}: ${push.title} | ${push.content}`, push.custom);
    client.reportClick(push.accessId, push.messageId, 'open');
  });
}

process.once('SIGINT', () => {
  void client.close().then(() => process.exit(0));
});

try {
  await client.connect();
  console.log('waiting for pushes; Ctrl-C to quit');
} catch (err) {
  console.error(`could not register: ${(err as Error).message}`);
  process.exit(1);
}
