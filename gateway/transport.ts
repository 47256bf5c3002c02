// The narrow view of a socket that the gateway core sees. gateway/uws
// implements it over uWebSockets.js; tests of the core use an in-memory one.

export const enum SendResult {
  /** Written to the kernel or queued within limits. */
  SENT = 0,
  /** Queued behind earlier data; the socket is building backpressure. */
  BUFFERED = 1,
  /** Not queued: the backpressure cap was reached. */
  DROPPED = 2,
}

export interface Transport {
  /**
   * Queues a frame. Past the backpressure cap it is DROPPED, unless `urgent`
   * (Error and Goaway frames before a close: small, and the last thing sent).
   */
  send(frame: Uint8Array, urgent?: boolean): SendResult;
  /** Sends a close frame with code and reason after queued data, then closes. */
  close(code: number, reason: string): void;
  /** Bytes queued and not yet written. */
  bufferedAmount(): number;
  /**
   * The peer's address as the socket sees it ('' when unknown): for the
   * per-address registration limit. Behind a proxy it is the proxy's.
   */
  remoteAddress?(): string;
  /** Runs `fn` with writes coalesced into one syscall (uWS cork); in-memory transports just call it. */
  cork(fn: () => void): void;
  /** Joins a broadcast topic: what is published to it reaches this socket (uWS native fan-out). */
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
}

/** Publishes one encoded frame to every socket subscribed to a topic on this node. */
export interface TopicPublisher {
  /** Resolves the number of sockets it reached on this node. */
  publish(topic: string, frame: Uint8Array): number;
}
