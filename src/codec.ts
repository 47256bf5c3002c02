// The one codec for node-bus messages and store values in cluster mode
// (msgpackr). Plain MessagePack without msgpackr's record extension: records
// share structure definitions that live in one process's memory, while these
// bytes are read by other processes, other versions of Homing, and Redis
// scripts. The embedded LMDB store packs its values through lmdb-js itself.
import { Packr } from 'msgpackr';

const packr = new Packr({ useRecords: false, moreTypes: false });

export class CodecError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CodecError';
  }
}

/** Packs a value. The bytes stay valid after later calls (each gets its own slice). */
export function encode(value: unknown): Buffer {
  return packr.pack(value);
}

/** Unpacks what `encode` packed; throws CodecError on bytes that are not one MessagePack value. */
export function decode<T>(bytes: Uint8Array): T {
  try {
    return packr.unpack(bytes) as T;
  } catch (err) {
    throw new CodecError(`not a MessagePack value (${bytes.length} bytes)`, { cause: err });
  }
}
