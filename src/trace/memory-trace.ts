// The embedded DeliveryTrace: steps in memory, bounded three ways.
// - Retention: a push's traces are kept until its expiry plus `retentionMs`
//   (a push without expiry: from its acceptance).
// - Budget: at most `maxDeliveries` traced deliveries in all; past it the
//   oldest pushes' traces go first (pushes are kept in the order first traced).
// - Sampling: a call with more than `fullTraceTargets` targets traces about
//   that many of them, chosen by a hash of the token, so token and token_list
//   pushes (1,000 tokens at most) are traced in full and a broadcast costs no
//   more than one full token_list call.
// Traces live in this process only: a restart starts them anew, and in a
// cluster each process knows the steps it took part in.
import type { DeliveryTrace, TraceStep, TraceStepKind } from './delivery-trace.js';

/** XG's token_list limit: every delivery of a token or token_list call is traced. */
export const FULL_TRACE_TARGETS = 1000;
/** A delivery sent again and again (reconnect loops) keeps its first steps and its latest. */
export const MAX_STEPS_PER_DELIVERY = 24;

export interface MemoryTraceOptions {
  maxDeliveries: number;
  retentionMs: number;
  fullTraceTargets?: number;
  now?: () => number;
}

/**
 * One step, linked to the delivery's next one. A fixed shape with every field
 * and the time as ms after the push's first step (a small integer, where an
 * epoch ms is a boxed double), chained instead of held in an array: the trace
 * keeps 10,000 deliveries by default, and object literals grown field by field
 * plus a growable array per delivery made it ~5 MiB of heap.
 */
class StoredStep {
  next: StoredStep | undefined = undefined;

  constructor(
    readonly step: TraceStepKind,
    readonly dt: number,
    readonly node: string | undefined,
    readonly channel: string | undefined,
    readonly reason: string | undefined,
  ) {}
}

/**
 * A push's traces. It is also the head of its first delivery's chain: that
 * delivery's `accepted` step is implied (at `base`, with nothing else to keep)
 * and `next` holds the steps after it.
 */
interface PushTrace {
  /** Kept until base + keepFor (ms after base: a small integer, where an epoch ms is a boxed double). */
  keepFor: number;
  /** ms since epoch of the push's first traced step; steps hold their time relative to it. */
  base: number;
  /**
   * The first traced delivery, held in plain fields: most pushes are token
   * pushes with one delivery, and a Map for each would be most of what the
   * trace keeps in memory. Later deliveries of the push go to `more`, each
   * chain headed by its own `accepted` step.
   */
  token: string;
  next: StoredStep | undefined;
  more: Map<string, StoredStep> | undefined;
}

/** The head of a delivery's chain: the push itself for its first delivery, else the delivery's accepted step. */
function headOf(push: PushTrace, token: string): PushTrace | StoredStep | undefined {
  return push.token === token ? push : push.more?.get(token);
}

function keptUntil(push: PushTrace): number {
  return push.base + push.keepFor;
}

function deliveriesOf(push: PushTrace): number {
  return 1 + (push.more?.size ?? 0);
}

export class MemoryDeliveryTrace implements DeliveryTrace {
  private readonly pushes = new Map<string, PushTrace>();
  /**
   * Push ids in the order first traced, from `head` on. Eviction walks this,
   * not the Map: a Map's iteration from its start steps over every entry
   * deleted since its last rehash, which made each eviction cost thousands of
   * steps once the budget was reached (18 µs per push).
   */
  private order: string[] = [];
  private head = 0;
  private count = 0;
  private readonly now: () => number;
  private readonly fullTargets: number;

  constructor(private readonly opts: MemoryTraceOptions) {
    this.now = opts.now ?? Date.now;
    this.fullTargets = opts.fullTraceTargets ?? FULL_TRACE_TARGETS;
  }

  /** Traced deliveries held now. */
  get size(): number {
    return this.count;
  }

  record(step: TraceStep): void {
    if (step.step === 'accepted') return this.start(step);
    const push = this.pushes.get(step.pushId);
    const head = push && headOf(push, step.token);
    if (!push || !head) return; // not traced: sampled out, evicted, or from before this process
    const kept = stored(step, push.base);
    // Steps so far, the (possibly implied) accepted one included.
    let n = 1;
    let last: { next: StoredStep | undefined } = head;
    let beforeLast: { next: StoredStep | undefined } | undefined;
    while (last.next) {
      beforeLast = last;
      last = last.next;
      n++;
    }
    // Full: the newest step replaces the last one kept (the first steps stay).
    if (n >= MAX_STEPS_PER_DELIVERY && beforeLast) beforeLast.next = kept;
    else last.next = kept;
  }

  steps(pushId: string, token: string): TraceStep[] | undefined {
    const push = this.pushes.get(pushId);
    if (!push || keptUntil(push) < this.now()) return undefined;
    const head = headOf(push, token);
    if (!head) return undefined;
    const out: TraceStep[] = [];
    if (head === push) out.push({ pushId, token, step: 'accepted', at: push.base });
    for (let s = head === push ? push.next : (head as StoredStep); s; s = s.next) {
      const step: TraceStep = { pushId, token, step: s.step, at: push.base + s.dt };
      if (s.node !== undefined) step.node = s.node;
      if (s.channel !== undefined) step.channel = s.channel;
      if (s.reason !== undefined) step.reason = s.reason;
      out.push(step);
    }
    // Stable: steps with the same millisecond stay in the order they were recorded.
    return out.sort((a, b) => a.at - b.at);
  }

  private start(step: TraceStep): void {
    if (this.opts.maxDeliveries <= 0 || !this.sampled(step.token, step.targets ?? 1)) return;
    const keepUntil = Math.max(step.at, step.expiresAt ?? 0) + this.opts.retentionMs;
    const push = this.pushes.get(step.pushId);
    if (push) {
      // A later token_list call of the same push.
      if (keepUntil > keptUntil(push)) push.keepFor = keepUntil - push.base;
      if (headOf(push, step.token)) return;
    }
    this.makeRoom(step.pushId);
    // One push larger than the whole budget: its first deliveries stay traced, the rest not.
    if (this.count >= this.opts.maxDeliveries) return;
    this.count++;
    if (push) {
      (push.more ??= new Map()).set(step.token, stored(step, push.base));
      return;
    }
    this.pushes.set(step.pushId, { keepFor: keepUntil - step.at, base: step.at, token: step.token, next: undefined, more: undefined });
    this.order.push(step.pushId);
  }

  /** Drops expired traces at the old end, then the oldest until one more fits; never the push being traced. */
  private makeRoom(current: string): void {
    const now = this.now();
    while (this.head < this.order.length) {
      const pushId = this.order[this.head]!;
      if (pushId === current) break;
      const push = this.pushes.get(pushId)!;
      if (this.count < this.opts.maxDeliveries && keptUntil(push) >= now) break;
      this.pushes.delete(pushId);
      this.count -= deliveriesOf(push);
      this.head++;
    }
    // Drop the evicted prefix once it is most of the array, so the array stays bounded.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  private sampled(token: string, targets: number): boolean {
    if (targets <= this.fullTargets) return true;
    return fnv1a(token) < (this.fullTargets / targets) * 0x1_0000_0000;
  }
}

function stored(step: TraceStep, base: number): StoredStep {
  return new StoredStep(step.step, step.at - base, step.node, step.channel, step.reason);
}

/** 32-bit FNV-1a: cheap and well spread over token characters. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
