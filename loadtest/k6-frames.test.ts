// k6 cannot run here, so its scenarios are checked with what can: their
// hand-encoded protobuf frames must mean what proto/codec.ts means, and the
// scripts must type-check against @types/k6.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeClientFrame, encodeServerFrame, MessageType, Platform } from '../proto/codec.js';
import { decodeServerFrame, encodeAck, encodeHello, encodePing } from './k6/frames.js';

const ROOT = new URL('..', import.meta.url).pathname;

describe('k6 frames', () => {
  it('encodes a hello that the codec reads back field for field', () => {
    const apps = [
      { accessId: '1500000001', accessKey: 'AKEY', token: '', tokenSecret: '' },
      { accessId: '1500000002', accessKey: 'AKÉY✓', token: 'f'.repeat(40), tokenSecret: 's3cr3t' },
    ];
    const frame = decodeClientFrame(new Uint8Array(encodeHello('k6-1-0', apps)));
    expect(frame.body).toBe('hello');
    expect(frame.hello!.deviceId).toBe('k6-1-0');
    expect(frame.hello!.sdkVersion).toBe('k6');
    expect(frame.hello!.platform).toBe(Platform.OTHER);
    // Read field by field: decoded proto3 defaults ("") live on the prototype.
    expect(frame.hello!.apps!.map((a) => ({ accessId: a.accessId, accessKey: a.accessKey, token: a.token, tokenSecret: a.tokenSecret }))).toEqual(apps);
  });

  it('encodes ping and ack', () => {
    const ping = decodeClientFrame(new Uint8Array(encodePing(1_764_000_000_123)));
    expect(ping.body).toBe('ping');
    expect(Number(ping.ping!.clientTime)).toBe(1_764_000_000_123);
    const ack = decodeClientFrame(new Uint8Array(encodeAck(['1', '22', '333'])));
    expect(ack.ack!.messageIds).toEqual(['1', '22', '333']);
  });

  it('decodes welcome, push, error and goaway from the codec', () => {
    // A copy: the codec returns a Buffer view into a shared pool, k6 hands over an exact ArrayBuffer.
    const buf = (bytes: Uint8Array) => new Uint8Array(bytes).buffer;
    expect(decodeServerFrame(buf(encodeServerFrame({
      welcome: { apps: [{ accessId: 'a1', token: 't1', tokenSecret: 's1', resumed: false }], heartbeatIntervalMs: 120_000, nodeId: 'n', maxFrameBytes: 16384 },
    })))).toEqual({ kind: 'welcome', heartbeatIntervalMs: 120_000, apps: [{ accessId: 'a1', token: 't1', tokenSecret: 's1' }] });
    expect(decodeServerFrame(buf(encodeServerFrame({
      push: { messageId: '42', accessId: 'a1', token: 't1', type: MessageType.NOTIFY, title: 'Hi ✓', content: 'c', sentAt: 1_764_000_000_456, expiresAt: 1_765_000_000_000, pushId: '42' },
    })))).toEqual({ kind: 'push', messageId: '42', sentAt: 1_764_000_000_456 });
    expect(decodeServerFrame(buf(encodeServerFrame({ error: { code: 4103, message: 'bad key', retryable: false } }))))
      .toEqual({ kind: 'error', code: 4103, message: 'bad key' });
    expect(decodeServerFrame(buf(encodeServerFrame({ goaway: { reason: 'drain', reconnectAfterMs: 1500 } }))))
      .toEqual({ kind: 'goaway', reconnectAfterMs: 1500 });
  });

  it('k6 scripts type-check against @types/k6', async () => {
    const tsc = `${ROOT}node_modules/typescript/bin/tsc`;
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', 'loadtest/k6'], { cwd: ROOT }).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe('');
  }, 60_000);
});
