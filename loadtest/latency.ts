// Latency histograms: workers record push-accepted → device-received in µs,
// ship them compressed, and the controller merges them. hdr-histogram keeps
// 3 significant digits at any magnitude, so p99 stays exact without keeping
// every sample.
import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

export function newHistogram(): Histogram {
  // Up to 10 minutes in µs; beyond that a delivery is lost in all but name.
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3, autoResize: true });
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

/** Sums encoded histograms into one; empty strings are skipped. */
export function mergeHistograms(encoded: readonly string[]): Histogram {
  const total = newHistogram();
  for (const text of encoded) {
    if (!text) continue;
    const h = hdr.decodeFromCompressedBase64(text);
    total.add(h);
  }
  return total;
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  meanMs: number;
}

const ms = (us: number) => Math.round(us) / 1000;

export function summarize(h: Histogram): LatencySummary {
  if (h.totalCount === 0) return { count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0, meanMs: 0 };
  return {
    count: h.totalCount,
    p50Ms: ms(h.getValueAtPercentile(50)),
    p90Ms: ms(h.getValueAtPercentile(90)),
    p99Ms: ms(h.getValueAtPercentile(99)),
    p999Ms: ms(h.getValueAtPercentile(99.9)),
    maxMs: ms(h.maxValue),
    meanMs: ms(h.mean),
  };
}

/** A small text histogram (percentile → ms with a bar) for terminals and the markdown report. */
export function renderHistogram(h: Histogram): string {
  if (h.totalCount === 0) return '(no samples)';
  const rows: Array<[string, number]> = [50, 75, 90, 95, 99, 99.9, 100].map((p) => [
    p === 100 ? 'max' : `p${p}`,
    p === 100 ? h.maxValue : h.getValueAtPercentile(p),
  ]);
  const top = Math.max(...rows.map(([, v]) => v), 1);
  return rows
    .map(([label, v]) => `${label.padStart(6)} ${(v / 1000).toFixed(3).padStart(10)} ms ${'#'.repeat(Math.max(1, Math.round((v / top) * 40)))}`)
    .join('\n');
}

/** Wall-clock ms with sub-ms precision, comparable across processes on one machine (Push.sentAt is Date.now()). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
