// What Homing says it counted, read the way an operator reads it: the
// Prometheus text of /metrics (homing_acks_total, homing_offline_queue_depth)
// and the statistics API (`homingCounters.arrived` of one push). The baseline
// and the relay count nothing, so only Homing has a probe.
import type { Pusher } from '../loadtest/pusher.js';

export interface CountsProbe {
  /** homing_acks_total: acks the server counted since it started. */
  acks(): Promise<number>;
  /** homing_offline_queue_depth: offline refs waiting in storage now. */
  offlineDepth(): Promise<number>;
  /** homingCounters.arrived of one push, from /v3/statistics/get_push_task_stat_channel. */
  arrived(pushId: string): Promise<number>;
}

/** The value of an unlabelled sample `name` in Prometheus text; throws when absent. */
export function metricValue(text: string, name: string): number {
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!m) throw new Error(`/metrics has no ${name}`);
  const n = Number(m[1]);
  if (!Number.isFinite(n)) throw new Error(`/metrics: ${name} is "${m[1]}"`);
  return n;
}

export function homingProbe(httpUrl: string, pusher: Pusher): CountsProbe {
  const metrics = async (): Promise<string> => {
    const res = await fetch(`${httpUrl}/metrics`);
    if (!res.ok) throw new Error(`GET /metrics: HTTP ${res.status}`);
    return res.text();
  };
  return {
    acks: async () => metricValue(await metrics(), 'homing_acks_total'),
    offlineDepth: async () => metricValue(await metrics(), 'homing_offline_queue_depth'),
    async arrived(pushId) {
      const { json } = await pusher.post('/v3/statistics/get_push_task_stat_channel', JSON.stringify({ pushId }));
      const counters = json.homingCounters as { arrived?: unknown } | undefined;
      if (json.retCode !== 0 || typeof counters?.arrived !== 'number') {
        throw new Error(`statistics of push ${pushId}: ${JSON.stringify(json).slice(0, 200)}`);
      }
      return counters.arrived;
    },
  };
}
