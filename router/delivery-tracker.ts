// Which accepted log entries still have targets in flight, so the checkpoint
// (where crash recovery starts replaying the push log) can move up to the
// oldest one that does. A target is in flight from the moment its entry is
// appended until it is settled: acked, stored offline (by the router for an
// unconnected device, by a gateway for a socket that closed or fell behind), or
// given up. Settled targets need no replay; unsettled ones are replayed.
//
// Memory: one small entry per log entry with unsettled targets; entries leave
// as soon as their last target settles (acks come back in milliseconds, and a
// gateway stores what stays unacked past its ack deadline).
import { compareMessageIds } from '../src/messages.js';

export class DeliveryTracker {
  /** seq → targets not yet settled. Insertion order is seq order (seqs only grow). */
  private readonly open = new Map<string, number>();
  /** The highest seq begun so far. */
  private highest: string | undefined;

  /**
   * A new log entry, open until its own append settles (one unit). Call in the
   * same synchronous step that allocated `seq`, so insertion order is seq order.
   */
  begin(seq: string): void {
    if (this.highest === undefined || compareMessageIds(seq, this.highest) > 0) this.highest = seq;
    this.open.set(seq, 1);
  }

  /** `count` more unsettled targets of an entry that is still open. */
  add(seq: string, count: number): void {
    const left = this.open.get(seq);
    if (left !== undefined && count > 0) this.open.set(seq, left + count);
  }

  /** `count` targets of `seq` settled. Unknown seqs (already settled, or recovered) are ignored. */
  settle(seq: string, count = 1): void {
    const left = this.open.get(seq);
    if (left === undefined) return;
    if (left <= count) this.open.delete(seq);
    else this.open.set(seq, left - count);
  }

  /**
   * Every entry at or below this seq is settled: one below the oldest open
   * entry, or the highest begun when none is open. undefined before any push.
   */
  checkpoint(): string | undefined {
    for (const seq of this.open.keys()) {
      // Seqs are positive decimal ids: the one below is seq - 1.
      return (BigInt(seq) - 1n).toString();
    }
    return this.highest;
  }

  /** After recovery: everything up to `seq` is settled, and later seqs are new. */
  restore(seq: string): void {
    if (this.highest === undefined || compareMessageIds(seq, this.highest) > 0) this.highest = seq;
  }

  /** Entries with unsettled targets (metrics, tests). */
  get openEntries(): number {
    return this.open.size;
  }
}

/**
 * Cluster mode's tracker: only the router's own appends, begun when a seq is
 * allocated and settled when the append is durable. Live targets are the
 * gateways' (their acks reach any router of the queue group, so counting them
 * here would leave entries open for good).
 */
export class OwnAppendsTracker extends DeliveryTracker {
  override add(): void {}
}
