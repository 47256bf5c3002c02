// Several swarms as one: the cluster load test adds devices in steps (10k,
// then 50k, then 100k) and measures memory between steps, so each step is a
// swarm of its own (its own workers, source addresses and device ids), and
// the pushes afterwards count over all of them.
import type { WorkerStats } from './ipc.js';
import { newHistogram } from './latency.js';
import { Swarm, type SwarmCollected, type SwarmOptions } from './swarm.js';

export class SwarmGroup {
  private readonly swarms: Swarm[] = [];

  add(options: SwarmOptions): Swarm {
    const swarm = Swarm.start(options);
    this.swarms.push(swarm);
    return swarm;
  }

  get stats(): WorkerStats & { workersAlive: number } {
    const parts = this.swarms.map((s) => s.stats);
    const sum = (k: 'ready' | 'welcomed' | 'connecting' | 'closes' | 'reconnects' | 'errors' | 'gaveUp' | 'received' | 'unique' | 'dups' | 'acked' | 'opens' | 'workersAlive') =>
      parts.reduce((n, p) => n + p[k], 0);
    return {
      ready: sum('ready'), welcomed: sum('welcomed'), connecting: sum('connecting'), opens: sum('opens'), closes: sum('closes'),
      reconnects: sum('reconnects'), errors: sum('errors'), gaveUp: sum('gaveUp'), received: sum('received'), unique: sum('unique'),
      dups: sum('dups'), acked: sum('acked'), workersAlive: sum('workersAlive'),
      lastError: parts.map((p) => p.lastError).find(Boolean) ?? '',
      firstWelcomeAt: Math.min(...parts.map((p) => p.firstWelcomeAt || Infinity)),
      lastWelcomeAt: Math.max(0, ...parts.map((p) => p.lastWelcomeAt)),
    };
  }

  /** Polls the summed counters until `done` holds or the time is up; resolves whether it held. */
  async waitUntil(done: (s: WorkerStats) => boolean, timeoutMs: number, pollMs = 100): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const s = this.stats;
      if (done(s)) return true;
      if (s.workersAlive === 0) return false;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    return done(this.stats);
  }

  async tokens(): Promise<string[]> {
    return (await Promise.all(this.swarms.map((s) => s.tokens()))).flat();
  }

  async reset(): Promise<void> {
    await Promise.all(this.swarms.map((s) => s.reset()));
  }

  async collect(): Promise<SwarmCollected> {
    const parts = await Promise.all(this.swarms.map((s) => s.collect()));
    const firsts = parts.map((p) => p.firstAt).filter((t) => t > 0);
    const histogram = newHistogram();
    for (const p of parts) histogram.add(p.histogram);
    const total = (k: 'received' | 'unique' | 'dups' | 'acked' | 'receivedTotal' | 'ackedTotal') => parts.reduce((n, p) => n + p[k], 0);
    return {
      received: total('received'), unique: total('unique'), dups: total('dups'), acked: total('acked'),
      receivedTotal: total('receivedTotal'), ackedTotal: total('ackedTotal'),
      firstAt: firsts.length ? Math.min(...firsts) : 0,
      lastAt: Math.max(0, ...parts.map((p) => p.lastAt)),
      histogram,
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.swarms.map((s) => s.stop()));
  }
}
