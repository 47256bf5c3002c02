// The frame devices send most: ClientFrame{ack: Ack{message_ids: [one id]}},
// read straight from its bytes. protobufjs builds a ClientFrame, an Ack and an
// array for it, and its oneof getter walks the field names: per ack that was
// most of the gateway's JavaScript work for a broadcast's acks, and garbage
// for the GC. Anything else (several ids, other fields, ids that are not
// decimal digits, long varints) returns undefined and goes to protobufjs.
//
// Wire format (docs/protocol.md): 0x1a = field 3 (ack), length-delimited;
// 0x0a = Ack field 1 (message_ids), length-delimited. Lengths below 128 are
// one varint byte. Message ids are decimal push ids.

/**
 * The one message id of a single-id ack frame; undefined for any other frame.
 * `likely` (the broadcast acked last) is returned itself when the id is the
 * same: a broadcast's acks all name one id, and building the string from the
 * bytes costs ~3× the comparison.
 */
export function singleAckId(bytes: Uint8Array, likely?: string): string | undefined {
  const n = bytes.length;
  if (n < 5 || bytes[0] !== 0x1a || bytes[2] !== 0x0a) return undefined;
  const idLength = bytes[3]!;
  // Both lengths one byte (< 128), and they account for the whole frame.
  if (bytes[1] !== idLength + 2 || idLength + 4 !== n || idLength >= 126 || idLength === 0) return undefined;
  for (let i = 4; i < n; i++) {
    const c = bytes[i]!;
    if (c < 0x30 || c > 0x39) return undefined;
  }
  if (likely !== undefined && likely.length === idLength) {
    let i = 4;
    while (i < n && likely.charCodeAt(i - 4) === bytes[i]) i++;
    if (i === n) return likely;
  }
  return String.fromCharCode.apply(null, bytes.subarray(4) as unknown as number[]);
}
