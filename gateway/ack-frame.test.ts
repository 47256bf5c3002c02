import { describe, expect, it } from 'vitest';
import { decodeClientFrame, encodeClientFrame } from '../proto/codec.js';
import { singleAckId } from './ack-frame.js';

describe('singleAckId', () => {
  it('reads the id of a one-id ack exactly as protobufjs does', () => {
    for (const id of ['1', '1795974428433329', '9'.repeat(40), '0'.repeat(125)]) {
      const bytes = encodeClientFrame({ ack: { messageIds: [id] } });
      expect(singleAckId(bytes)).toBe(id);
      expect(decodeClientFrame(bytes).ack?.messageIds).toEqual([id]);
    }
  });

  it('returns the likely id itself when the frame names it, and reads any other id from the bytes', () => {
    const likely = String(1795974428433329);
    const same = singleAckId(encodeClientFrame({ ack: { messageIds: ['1795974428433329'] } }), likely);
    expect(same).toBe(likely);
    // Same length, one digit apart (first, middle, last), and other lengths: read from the bytes.
    for (const id of ['2795974428433329', '1795974408433329', '1795974428433320', '179597442843332', '17959744284333290']) {
      expect(singleAckId(encodeClientFrame({ ack: { messageIds: [id] } }), likely)).toBe(id);
    }
    // A likely id is no reason to accept a frame of another shape.
    expect(singleAckId(encodeClientFrame({ ack: { messageIds: [likely, likely] } }), likely)).toBeUndefined();
  });

  it('leaves every other frame to protobufjs', () => {
    const others = [
      encodeClientFrame({ ack: { messageIds: ['1', '2'] } }), // several ids
      encodeClientFrame({ ack: { messageIds: [] } }),
      encodeClientFrame({ ack: { messageIds: ['abc'] } }), // not a push id
      encodeClientFrame({ ack: { messageIds: ['1'.repeat(126)] } }), // a two-byte length
      encodeClientFrame({ ack: { messageIds: ['1'.repeat(300)] } }),
      encodeClientFrame({ ping: { clientTime: 5 } }),
      encodeClientFrame({ click: { accessId: '1500000001', messageId: '12' } }),
      encodeClientFrame({ hello: { apps: [] } }),
      new Uint8Array([]),
      new Uint8Array([0x1a, 0x03, 0x0a, 0x01, 0x31, 0x00]), // trailing byte
      new Uint8Array([0x1a, 0x03, 0x0a, 0x01]), // cut short
      new Uint8Array([0x1a, 0x03, 0x0a, 0x02, 0x31]), // inner length beyond the frame
    ];
    for (const bytes of others) expect(singleAckId(bytes)).toBeUndefined();
  });

  it('answers like protobufjs for every byte sequence of a one-id ack\'s shape it accepts', () => {
    // Random frames of the accepted shape and near it: whenever singleAckId answers, protobufjs agrees.
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const idLength = 1 + (i % 20);
      const bytes = new Uint8Array(4 + idLength);
      bytes.set([0x1a, idLength + 2 + (i % 7 === 0 ? 1 : 0), 0x0a, idLength]);
      for (let j = 4; j < bytes.length; j++) bytes[j] = i % 11 === 0 ? (i * 31 + j) & 0xff : 0x30 + ((i * 7 + j) % 10);
      const id = singleAckId(bytes);
      if (id === undefined) continue;
      accepted++;
      expect(decodeClientFrame(bytes).ack?.messageIds).toEqual([id]);
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});
