import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeClientFrame, decodeServerFrame, encodeClientFrame, encodeServerFrame, MessageType } from './codec.js';

describe('device protocol codec', () => {
  it('committed generated code matches proto/device.proto', () => {
    const out = mkdtempSync(join(tmpdir(), 'homing-proto-'));
    execFileSync(process.execPath, ['scripts/gen-proto.mjs', '--out', out]);
    for (const file of ['device.js', 'device.d.ts']) {
      expect(readFileSync(join(out, file), 'utf8'), `${file} is stale: run npm run proto`).toBe(
        readFileSync(join('proto/generated', file), 'utf8'),
      );
    }
  }, 60_000);

  it('round-trips a push with ms timestamps as plain numbers', () => {
    const expiresAt = Date.now() + 3_600_000;
    const frame = decodeServerFrame(
      encodeServerFrame({ push: { messageId: '17', type: MessageType.NOTIFY, title: '标题', expiresAt } }),
    );
    expect(frame.body).toBe('push');
    expect(frame.push?.expiresAt).toBe(expiresAt);
    expect(frame.push?.title).toBe('标题');
  });

  it('names the body of a client frame and rejects garbage', () => {
    expect(decodeClientFrame(encodeClientFrame({ ack: { messageIds: ['1', '2'] } })).body).toBe('ack');
    expect(() => decodeClientFrame(Buffer.from('{"json":"is not protobuf"}'))).toThrow();
  });
});
