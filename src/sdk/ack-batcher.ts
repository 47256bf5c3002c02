// Collects acks and sends them as few Ack frames as possible.
//
// Contract: an id passed to add() is sent within `delayMs` (one timer per
// batch, started by the batch's first id), or at once when the batch would
// otherwise outgrow the gateway's max frame size, in the order added. Each
// frame handed to `send` encodes to at most `maxFrameBytes`. discard() drops
// what is pending: it is called when the socket is gone, and the gateway puts
// unacked pushes back in the device's offline queue, so they come again and
// are acked then.
//
// `beforeSend`, when given, runs before each frame is handed to `send`; when it
// returns a promise the frame waits for it (the client saves the seen ids
// there, so that an id is stored before its ack can reach the gateway).

/** A few ms gathers a burst (an offline queue drains in one go) into one frame. */
export const DEFAULT_ACK_DELAY_MS = 5;
/** The gateway's default limit until Welcome announces the real one. */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024;

export interface AckBatcherOptions {
  /** Sends one Ack frame's worth of ids. */
  send: (messageIds: string[]) => void;
  delayMs?: number;
  maxFrameBytes?: number;
  beforeSend?: () => Promise<void> | void;
}

export class AckBatcher {
  private readonly sendFrame: (messageIds: string[]) => void;
  private readonly delayMs: number;
  private readonly beforeSend: (() => Promise<void> | void) | undefined;
  private maxFrameBytes: number;
  private batch: string[] = [];
  /** Encoded size of `batch` as the repeated field inside Ack. */
  private batchBytes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: AckBatcherOptions) {
    this.sendFrame = options.send;
    this.delayMs = options.delayMs ?? DEFAULT_ACK_DELAY_MS;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.beforeSend = options.beforeSend;
  }

  get pending(): number {
    return this.batch.length;
  }

  /** Welcome announces the gateway's limit; later batches respect it. */
  setMaxFrameBytes(bytes: number): void {
    if (bytes > 0) this.maxFrameBytes = bytes;
  }

  add(messageId: string): void {
    const fieldBytes = repeatedStringFieldBytes(messageId);
    if (this.batch.length > 0 && ackFrameBytes(this.batchBytes + fieldBytes) > this.maxFrameBytes) {
      this.flush();
    }
    this.batch.push(messageId);
    this.batchBytes += fieldBytes;
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Sends whatever is pending now (before a graceful close, for example). */
  flush(): void {
    this.clearTimer();
    if (this.batch.length === 0) return;
    const ids = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    const gate = this.beforeSend?.();
    if (gate) void gate.then(() => this.sendFrame(ids), () => this.sendFrame(ids));
    else this.sendFrame(ids);
  }

  discard(): void {
    this.clearTimer();
    this.batch = [];
    this.batchBytes = 0;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Bytes of one `repeated string message_ids = 1` entry: tag, length, UTF-8 bytes. */
export function repeatedStringFieldBytes(value: string): number {
  const len = utf8Length(value);
  return 1 + varintLength(len) + len;
}

/** Bytes of ClientFrame{ack = 3: Ack{...}} whose Ack body is `ackBodyBytes` long. */
export function ackFrameBytes(ackBodyBytes: number): number {
  return 1 + varintLength(ackBodyBytes) + ackBodyBytes;
}

function varintLength(n: number): number {
  let bytes = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    bytes++;
  }
  return bytes;
}

function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair is one 4-byte code point.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
