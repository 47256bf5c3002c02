// Decoding a /v3 request body once, and recovering `seq` exactly. XG echoes
// `seq` as an int64 (0 when the body is not JSON); JSON.parse rounds integers
// beyond 2^53, so an unsafe seq is re-read from the raw text of the top-level
// object and echoed as those digits.

export interface JsonBody {
  /** The parsed body; undefined when the body is not JSON. */
  value: unknown;
  parsed: boolean;
  /** Decimal text of the int64 to echo: "0" when absent, not JSON or invalid. */
  seq: string;
  /** false when `seq` is present but not an int64. */
  seqValid: boolean;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function parseJsonBody(body: Uint8Array): JsonBody {
  let text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  // Some Windows HTTP stacks prepend a BOM that JSON.parse rejects; it carries no data.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { value: undefined, parsed: false, seq: '0', seqValid: true };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { value, parsed: true, seq: '0', seqValid: true };
  }
  const seq = (value as Record<string, unknown>).seq;
  if (seq === undefined || seq === null) return { value, parsed: true, seq: '0', seqValid: true };
  if (typeof seq !== 'number' || !Number.isInteger(seq)) return { value, parsed: true, seq: '0', seqValid: false };
  if (Number.isSafeInteger(seq)) return { value, parsed: true, seq: String(seq), seqValid: true };
  const raw = topLevelRawValue(text, 'seq');
  if (raw === undefined || !/^-?\d+$/.test(raw)) return { value, parsed: true, seq: '0', seqValid: false };
  const big = BigInt(raw);
  if (big < INT64_MIN || big > INT64_MAX) return { value, parsed: true, seq: '0', seqValid: false };
  return { value, parsed: true, seq: big.toString(), seqValid: true };
}

/**
 * The raw text of `key`'s value in the top-level object of `text`, which must
 * be valid JSON (JSON.parse has accepted it). The last occurrence wins, as in
 * JSON.parse.
 */
export function topLevelRawValue(text: string, key: string): string | undefined {
  let i = text.indexOf('{') + 1;
  if (i === 0) return undefined;
  let found: string | undefined;
  for (;;) {
    i = skipSeparators(text, i);
    if (i >= text.length || text[i] === '}') return found;
    const keyEnd = endOfString(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSeparators(text, keyEnd);
    if (text[i] === ':') i = skipSeparators(text, i + 1);
    const valueEnd = endOfValue(text, i);
    if (name === key) found = text.slice(i, valueEnd);
    i = valueEnd;
  }
}

function skipSeparators(text: string, i: number): number {
  while (i < text.length && (text[i] === ',' || text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** `i` is at an opening quote; returns the index after the closing one. */
function endOfString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return i;
}

function endOfValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return endOfString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < text.length) {
      const d = text[i];
      if (d === '"') {
        i = endOfString(text, i);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') depth--;
      i++;
      if (depth === 0) return i;
    }
    return i;
  }
  while (i < text.length && !',}] \n\r\t'.includes(text[i])) i++;
  return i;
}
