import perfHooks from 'node:perf_hooks';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_LOOP_SAMPLE_MS, Metrics } from './metrics.js';

function series(text: string, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}\\{\\w+="([^"]+)"\\} (\\d+)$`).exec(line);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

describe('Metrics: per-frame counts folded in at scrape', () => {
  it('shows each label\'s count once, however often scraped', async () => {
    const m = new Metrics();
    m.frameIn('ack').inc();
    m.frameIn('ack').inc(2);
    m.frameIn('ping').inc();
    m.frameOut('push').inc(5);
    m.deliveredVia('long_connection').inc(4);
    const first = await m.registry.metrics();
    expect(series(first, 'homing_frames_in_total')).toEqual({ ack: 3, ping: 1 });
    expect(series(first, 'homing_frames_out_total')).toEqual({ push: 5 });
    expect(series(first, 'homing_deliveries_total')).toEqual({ long_connection: 4 });
    // A second scrape with nothing new reads the same values, not twice them.
    expect(series(await m.registry.metrics(), 'homing_frames_in_total')).toEqual({ ack: 3, ping: 1 });
    m.frameIn('ack').inc();
    m.framesOut.inc({ type: 'welcome' }); // counted straight into prom-client, alongside the folded ones
    const third = await m.registry.metrics();
    expect(series(third, 'homing_frames_in_total')).toEqual({ ack: 4, ping: 1 });
    expect(series(third, 'homing_frames_out_total')).toEqual({ push: 5, welcome: 1 });
  });
});

describe('Metrics: open file descriptors', () => {
  it.runIf(process.platform === 'linux')('counts this process\'s fds without blocking the event loop', async () => {
    const m = new Metrics();
    const read = async () => Number(/^homing_process_open_fds (\d+)$/m.exec(await m.registry.metrics())?.[1]);
    const before = await read();
    expect(before).toBeGreaterThan(2);
    const { openSync, closeSync } = await import('node:fs');
    const fds = Array.from({ length: 5 }, () => openSync('/dev/null', 'r'));
    try {
      expect(await read()).toBe(before + 5);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  });
});

describe('Metrics: REST answers and accepted pushes', () => {
  it('folds per-path, per-ret_code counts and accepted pushes into their series', async () => {
    const m = new Metrics();
    m.restAnswer('/v3/push/app', 0).inc();
    m.restAnswer('/v3/push/app', 0).inc();
    m.restAnswer('/v3/push/app', 10101).inc();
    m.restAnswer('/v3/device/tag', 0).inc();
    m.pushAccepted('token').inc();
    m.pushAccepted('all').inc(2);
    const byLabels = async (c: { get(): Promise<{ values: Array<{ labels: object; value: number }> }> }) =>
      (await c.get()).values.map((v) => ({ ...v.labels, value: v.value }));
    expect(await byLabels(m.restRequests)).toEqual(expect.arrayContaining([
      { path: '/v3/push/app', ret_code: '0', value: 2 },
      { path: '/v3/push/app', ret_code: '10101', value: 1 },
      { path: '/v3/device/tag', ret_code: '0', value: 1 },
    ]));
    expect(await byLabels(m.pushesAccepted)).toEqual(expect.arrayContaining([{ audience_type: 'token', value: 1 }, { audience_type: 'all', value: 2 }]));
    expect(await byLabels(m.restRequests)).toHaveLength(3);
  });
});

describe('Metrics: event loop lag', () => {
  it(`samples every ${EVENT_LOOP_SAMPLE_MS} ms, not prom-client's 10 ms, and still reports the lag series`, async () => {
    const monitor = vi.spyOn(perfHooks, 'monitorEventLoopDelay');
    const m = new Metrics();
    expect(monitor).toHaveBeenCalledWith({ resolution: EVENT_LOOP_SAMPLE_MS });
    monitor.mockRestore();
    const text = await m.registry.metrics();
    for (const name of ['homing_nodejs_eventloop_lag_seconds', 'homing_nodejs_eventloop_lag_p99_seconds']) {
      expect(text).toMatch(new RegExp(`^${name} \\d`, 'm'));
    }
  });
});
