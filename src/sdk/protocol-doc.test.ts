// docs/protocol.md is what Android and iOS developers build from; these checks
// keep it in step with the code: the error registry, the byte examples, the
// .proto listing, and the SDK defaults it recommends.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeClientFrame, Platform, type ClientFrame } from '../../proto/codec.js';
import { DeviceError } from '../errors.js';
import { DEFAULT_BACKOFF_INITIAL_MS, DEFAULT_BACKOFF_MAX_MS } from './backoff.js';
import { DEFAULT_DEDUP_CAPACITY } from './dedup.js';
import { shouldReconnect } from './errors.js';
import { DEFAULT_PONG_TIMEOUT_MS } from './heartbeat.js';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS } from './options.js';

const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

const hello = { sdkVersion: 'homing-ts/0.1.0', deviceId: 'phone-1', platform: Platform.ANDROID };
const app = { accessId: '1500000001', accessKey: 'AKEY0001' };
const EXAMPLES: Record<string, ClientFrame> = {
  hello: { hello: { ...hello, apps: [app] } },
  'hello-resume': { hello: { ...hello, apps: [{ ...app, token: 'tok1', tokenSecret: 'sec1' }] } },
  ping: { ping: { clientTime: 1_700_000_000_000 } },
  ack: { ack: { messageIds: ['101', '102'] } },
};

/** The fenced block that follows `<!-- KIND: NAME -->`. */
function block(kind: string, name: string): string {
  const match = new RegExp(`<!-- ${kind}: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!match) throw new Error(`docs/protocol.md has no "${kind}: ${name}" block`);
  return match[1]!;
}

describe('docs/protocol.md', () => {
  it('lists every device error code with its name and the SDK reconnect decision', () => {
    for (const [name, code] of Object.entries(DeviceError)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| ${code} | \`${name}\` |`));
      expect(row, `no table row for ${code} ${name}`).toBeDefined();
      const reconnect = row!.split('|').at(-2)!.trim();
      expect(reconnect.startsWith(shouldReconnect(code) ? 'yes' : 'no'), `${code}: "${reconnect}"`).toBe(true);
    }
    const documented = [...doc.matchAll(/^\| (4\d{3}) \| `([A-Z_]+)` \|/gm)].map((m) => Number(m[1]));
    expect(documented.sort()).toEqual(Object.values(DeviceError).sort());
  });

  it.each(Object.keys(EXAMPLES))('shows the exact bytes of the %s example', (name) => {
    const hex = block('frame', name).split(/\s+/).join(' ');
    const bytes = Buffer.from(encodeClientFrame(EXAMPLES[name]!));
    expect(hex).toBe(bytes.toString('hex').replace(/(..)(?!$)/g, '$1 '));
  });

  it('carries proto/device.proto verbatim', () => {
    const proto = readFileSync(new URL('../../proto/device.proto', import.meta.url), 'utf8');
    expect(block('proto', 'device.proto')).toBe(proto.trimEnd());
  });

  it('recommends the numbers the SDK uses', () => {
    expect(doc).toContain(`${DEFAULT_BACKOFF_INITIAL_MS} ms × 2^n`);
    expect(doc).toContain(`min(${DEFAULT_BACKOFF_MAX_MS / 1000} s`);
    expect(doc).toContain(`within ${DEFAULT_HANDSHAKE_TIMEOUT_MS / 1000} s of opening`);
    expect(doc).toContain(`within ${DEFAULT_PONG_TIMEOUT_MS / 1000} s of a Ping`);
    expect(doc).toContain(`last ${DEFAULT_DEDUP_CAPACITY.toLocaleString('en-US')} ids`);
  });
});
