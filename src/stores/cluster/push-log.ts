// The cluster's push log: one JetStream stream (file storage) holds the log
// entries, and a Redis sorted set indexes them by our log position (seq).
//
//   stream HOMING_PUSH_LOG, subject homing.push-log (subjects.ts)
//       one message per entry: { seq, pushId, tokens } packed with src/codec.ts,
//       Nats-Msg-Id = seq, so a publish retried within the duplicate window
//       is stored once
//   push-log:{push-log}:index   zset, score 0, member idMember(seq) + ' ' + stream seq
//
// Why an index: seqs are push ids, and several api processes allocate them
// from blocks of their own, so the stream's arrival order is not seq order.
// entriesAfter(after, limit) is one ZRANGEBYLEX from `after` (byte order of the
// members is seq order) and one direct read per entry by stream sequence; it
// never scans the stream.
//
// An append is durable when JetStream acked the publish (the message is in the
// stream's files; R3 survives the loss of a server too) and the index entry is
// in Redis. A process that dies in between leaves a stream message without an
// index entry: its push was never answered ret_code 0.
//
// Retention: entries older than maxAgeMs leave the stream (by default longer
// than any push may live, XG's 72 h, so recovery, which skips expired pushes,
// never misses one); index entries whose message is gone are dropped when a
// read meets them, and by trim() (PushHistoryExpiry), which also drops those
// at or before the checkpoint.
import type { Redis } from 'ioredis';
import { DiscardPolicy, ErrorCode, nanos, RetentionPolicy, StorageType, type JetStreamClient, type PubAck, type JetStreamManager, type NatsConnection, type NatsError, type StreamConfig } from 'nats';
import { subjects } from '../../bus/subjects.js';
import { decode, encode } from '../../codec.js';
import type { PushLogEntry } from '../types.js';
import { afterIdBound, idMember, keys } from '../redis/keys.js';
import type { PendingWrites } from '../redis/pending-writes.js';

/** 4 days: longer than any push lives (expire_time is at most 72 h). */
export const DEFAULT_PUSH_LOG_MAX_AGE_MS = 4 * 24 * 3_600_000;
/** How long a retried publish of one seq is recognised as a duplicate (JetStream's default). */
const DUPLICATE_WINDOW_MS = 120_000;
/** An append waits this long for JetStream's ack: a nats-server restart fits in it. */
export const DEFAULT_PUBLISH_TIMEOUT_MS = 10_000;
/**
 * One publish attempt's wait for the ack. A publish issued while the client
 * reconnects can go unanswered (tried: nats-server 2.9 after a kill -9), so it
 * is sent again, with the same Nats-Msg-Id (stored once), until the deadline.
 */
const ATTEMPT_TIMEOUT_MS = 2_000;
const RETRY_PAUSE_MS = 100;
/** JetStream API error code of "no message found" (a message aged out or deleted). */
const NOT_FOUND = 404;

export interface PushLogOptions {
  /** Keeps several clusters (or tests) on one NATS apart: stream HOMING_PUSH_LOG_<namespace>. */
  namespace?: string;
  maxAgeMs?: number;
  /** Stream replicas (1, or 3 on a NATS cluster: survives a server's loss). */
  replicas?: number;
  /** How long an append waits for JetStream's ack (NATS down, or reconnecting) before it fails. */
  publishTimeoutMs?: number;
}

interface StoredEntry {
  seq: string;
  pushId: string;
  tokens: string[];
}

export class JetStreamPushLog {
  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly redis: Redis,
    private readonly writes: PendingWrites,
    private readonly stream: string,
    private readonly subject: string,
    private readonly publishTimeoutMs: number,
  ) {}

  /** Creates the stream, or brings an existing one's retention and replicas to `options`. */
  static async open(nc: NatsConnection, redis: Redis, writes: PendingWrites, options: PushLogOptions = {}): Promise<JetStreamPushLog> {
    const stream = subjects.pushLogStream(options.namespace);
    const subject = subjects.pushLog(options.namespace);
    const wanted: Partial<StreamConfig> & { name: string } = {
      name: stream,
      subjects: [subject],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_age: nanos(options.maxAgeMs ?? DEFAULT_PUSH_LOG_MAX_AGE_MS),
      num_replicas: options.replicas ?? 1,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    };
    const jsm = await nc.jetstreamManager();
    const current = await jsm.streams.info(stream).catch((err: NatsError) => {
      if (err.api_error?.code === NOT_FOUND) return undefined;
      throw err;
    });
    if (!current) await jsm.streams.add(wanted);
    else if (current.config.max_age !== wanted.max_age || current.config.num_replicas !== wanted.num_replicas) {
      await jsm.streams.update(stream, { ...current.config, max_age: wanted.max_age, num_replicas: wanted.num_replicas });
    }
    return new JetStreamPushLog(nc.jetstream(), jsm, redis, writes, stream, subject, options.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS);
  }

  /** Durable when it resolves: acked by JetStream, indexed in Redis. */
  append(entry: PushLogEntry): Promise<void> {
    return this.writes.track(
      (async () => {
        const stored: StoredEntry = { seq: entry.seq, pushId: entry.pushId, tokens: [...entry.tokens] };
        const ack = await this.publish(entry.seq, encode(stored));
        await this.redis.zadd(keys.pushLogIndex, 0, `${idMember(entry.seq)} ${ack.seq}`);
      })(),
    );
  }

  /** Entries with seq > after (all when undefined), in seq order, at most `limit`. */
  async entriesAfter(after: string | undefined, limit: number): Promise<PushLogEntry[]> {
    const out: PushLogEntry[] = [];
    let from = afterIdBound(after);
    // A page whose every message aged out is skipped, not taken for the end of the log.
    while (out.length === 0 && limit > 0) {
      const members = await this.redis.zrangebylex(keys.pushLogIndex, from, '+', 'LIMIT', 0, limit);
      if (members.length === 0) break;
      const read = await Promise.all(members.map((m) => this.read(Number(m.slice(m.indexOf(' ') + 1)))));
      const gone: string[] = [];
      read.forEach((entry, i) => (entry ? out.push(entry) : gone.push(members[i]!)));
      if (gone.length > 0) await this.redis.zrem(keys.pushLogIndex, ...gone);
      from = `(${members.at(-1)!}`;
    }
    return out;
  }

  /**
   * Drops up to `limit` index entries from the front of the index that recovery
   * will not read: at or before `checkpoint`, or whose message aged out (its
   * stream seq is below the stream's first). Unlike entriesAfter's clean-up,
   * this reaches entries nothing reads again (routers in cluster mode replay
   * nothing), so the index stays as long as the stream. Resolves with how many.
   */
  async trim(checkpoint: string | undefined, limit: number): Promise<number> {
    if (limit <= 0) return 0;
    const members = await this.redis.zrangebylex(keys.pushLogIndex, '-', '+', 'LIMIT', 0, limit);
    if (members.length === 0) return 0;
    const firstKept = (await this.jsm.streams.info(this.stream)).state.first_seq;
    const settledBelow = checkpoint === undefined ? undefined : afterIdBound(checkpoint).slice(1);
    const gone = members.filter((m) => (settledBelow !== undefined && m < settledBelow) || Number(m.slice(m.indexOf(' ') + 1)) < firstKept);
    if (gone.length > 0) await this.writes.track(this.redis.zrem(keys.pushLogIndex, ...gone));
    return gone.length;
  }

  private async publish(msgID: string, data: Uint8Array): Promise<PubAck> {
    const deadline = Date.now() + this.publishTimeoutMs;
    for (;;) {
      const timeout = Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now());
      try {
        return await this.js.publish(this.subject, data, { msgID, expect: { streamName: this.stream }, timeout });
      } catch (err) {
        // Unanswered, or JetStream not up yet (503): worth another attempt. Anything else (too large, wrong stream) is final.
        const code = (err as NatsError).code;
        if ((code !== ErrorCode.Timeout && code !== ErrorCode.NoResponders) || Date.now() + RETRY_PAUSE_MS >= deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      }
    }
  }

  private async read(streamSeq: number): Promise<PushLogEntry | undefined> {
    try {
      const message = await this.jsm.streams.getMessage(this.stream, { seq: streamSeq });
      const { seq, pushId, tokens } = decode<StoredEntry>(message.data);
      return { seq, pushId, tokens };
    } catch (err) {
      if ((err as NatsError).api_error?.code === NOT_FOUND) return undefined;
      throw err;
    }
  }
}
