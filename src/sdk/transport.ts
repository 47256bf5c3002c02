// The socket seam. The SDK speaks to the WebSocket API that browsers define
// (onopen/onmessage/onclose/onerror, send, close); Node's `ws` package and
// React Native implement the same shape, and tests pass an in-memory fake.

/** WebSocket readyState values, fixed by the WebSocket standard. */
export const SOCKET_OPEN = 1;

/** A close event as both browsers and `ws` deliver it. */
export interface SocketCloseEvent {
  code: number;
  reason: string;
}

/** The members of a WebSocket the client uses; handlers are set once per socket. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: SocketCloseEvent) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

/**
 * Anything `new`-able with a URL that yields a WebSocket: the browser's
 * `WebSocket`, `ws`'s `WebSocket`, or a fake. Their event types differ in
 * detail, so the constructor is typed loosely and the instance is read as a
 * WebSocketLike.
 */
export type WebSocketConstructor = new (url: string) => object;

let defaultConstructor: Promise<WebSocketConstructor> | undefined;

/**
 * The platform's WebSocket when it has one (browsers, Node ≥ 22, Deno, Bun),
 * otherwise the `ws` package. The import names its module through a variable
 * so that browser bundlers do not try to pull `ws` in.
 */
export function defaultWebSocket(): Promise<WebSocketConstructor> {
  defaultConstructor ??= (async () => {
    const native = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (typeof native === 'function') return native;
    const moduleName = 'ws';
    const mod = (await import(/* @vite-ignore */ moduleName)) as {
      WebSocket?: WebSocketConstructor;
      default?: WebSocketConstructor;
    };
    const ctor = mod.WebSocket ?? mod.default;
    if (typeof ctor !== 'function') throw new Error('no WebSocket implementation: pass options.WebSocket');
    return ctor;
  })();
  // A failed lookup (e.g. `ws` missing) may succeed later once installed; do not cache the failure.
  defaultConstructor.catch(() => (defaultConstructor = undefined));
  return defaultConstructor;
}

/** Opens a socket for binary protobuf frames. */
export function openSocket(ctor: WebSocketConstructor, url: string): WebSocketLike {
  const socket = new ctor(url) as WebSocketLike;
  // Blobs would need an async read per frame; ArrayBuffers decode at once, in order.
  socket.binaryType = 'arraybuffer';
  return socket;
}

/** Frame bytes from a message event's data, or undefined for a text frame. */
export function frameBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}
