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
import type { DeliveryTrace, TraceStep } from './delivery-trace.js';

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

type StoredStep = Omit<TraceStep, 'pushId' | 'token' | 'targets' | 'expiresAt'>;

interface PushTrace {
  keepUntil: number;
  /**
   * The first traced delivery, held in plain fields: most pushes are token
   * pushes with one delivery, and a Map for each would be most of what the
   * trace keeps in memory. Later deliveries of the push go to `more`.
   */
  token: string;
  steps: StoredStep[];
  more: Map<string, StoredStep[]> | undefined;
}

function stepsOf(push: PushTrace, token: string): StoredStep[] | undefined {
  return push.token === token ? push.steps : push.more?.get(token);
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
    const steps = push && stepsOf(push, step.token);
    if (!steps) return; // not traced: sampled out, evicted, or from before this process
    const kept: StoredStep = compact(step);
    if (steps.length >= MAX_STEPS_PER_DELIVERY) steps[steps.length - 1] = kept;
    else steps.push(kept);
  }

  steps(pushId: string, token: string): TraceStep[] | undefined {
    const push = this.pushes.get(pushId);
    if (!push || push.keepUntil < this.now()) return undefined;
    const steps = stepsOf(push, token);
    if (!steps) return undefined;
    // Stable: steps with the same millisecond stay in the order they were recorded.
    return steps.map((s) => ({ pushId, token, ...s })).sort((a, b) => a.at - b.at);
  }

  private start(step: TraceStep): void {
    if (this.opts.maxDeliveries <= 0 || !this.sampled(step.token, step.targets ?? 1)) return;
    const keepUntil = Math.max(step.at, step.expiresAt ?? 0) + this.opts.retentionMs;
    const push = this.pushes.get(step.pushId);
    if (push) {
      if (keepUntil > push.keepUntil) push.keepUntil = keepUntil; // a later token_list call of the same push
      if (stepsOf(push, step.token)) return;
    }
    this.makeRoom(step.pushId);
    // One push larger than the whole budget: its first deliveries stay traced, the rest not.
    if (this.count >= this.opts.maxDeliveries) return;
    this.count++;
    if (push) {
      (push.more ??= new Map()).set(step.token, [compact(step)]);
      return;
    }
    this.pushes.set(step.pushId, { keepUntil, token: step.token, steps: [compact(step)], more: undefined });
    this.order.push(step.pushId);
  }

  /** Drops expired traces at the old end, then the oldest until one more fits; never the push being traced. */
  private makeRoom(current: string): void {
    const now = this.now();
    while (this.head < this.order.length) {
      const pushId = this.order[this.head]!;
      if (pushId === current) break;
      const push = this.pushes.get(pushId)!;
      if (this.count < this.opts.maxDeliveries && push.keepUntil >= now) break;
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

function compact(step: TraceStep): StoredStep {
  const kept: StoredStep = { step: step.step, at: step.at };
  if (step.node !== undefined) kept.node = step.node;
  if (step.channel !== undefined) kept.channel = step.channel;
  if (step.reason !== undefined) kept.reason = step.reason;
  return kept;
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
