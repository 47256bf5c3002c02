// Reads the .cpuprofile files that `--cpu-prof` server processes write on exit
// and says where their time went: self time per function and per area of the
// code, so a missed target in the report comes with its cause beside it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileSummary {
  file: string;
  /** Sampled time excluding (idle), ms. */
  busyMs: number;
  /** Share of busy time by code area, percent, largest first. */
  areas: Array<{ area: string; percent: number }>;
  /** Functions by self time, percent of busy time, largest first. */
  top: Array<{ fn: string; percent: number }>;
}

// First match wins; paths are matched inside the script URL.
const AREAS: Array<[string, RegExp]> = [
  ['gateway/', /\/gateway\//],
  ['router/', /\/router\//],
  ['src/api', /\/src\/api\//],
  ['src/stores', /\/src\/stores\//],
  ['src/bus', /\/src\/bus\//],
  ['src/ other', /\/src\//],
  ['proto/ + protobufjs', /\/proto\/|protobufjs/],
  ['lmdb / msgpackr', /lmdb|msgpackr/],
  ['pino', /pino|sonic-boom|thread-stream/],
  ['prom-client', /prom-client/],
  ['bench baseline', /\/bench\//],
  ['uWS / node internals', /^node:|^internal|uWebSockets|^$/],
];

function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return 'native (uWS, V8, syscalls)';
  for (const [name, re] of AREAS) if (re.test(url)) return name;
  return 'other dependencies';
}

function shorten(url: string): string {
  const i = url.search(/\/(gateway|router|src|proto|bench|node_modules)\//);
  return i >= 0 ? url.slice(i + 1) : url.replace(/^file:\/\//, '');
}

export function summarizeProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const totalHits = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / totalHits;
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0 || node.callFrame.functionName === '(idle)') continue;
    busy += hits;
    const area = areaOf(node);
    byArea.set(area, (byArea.get(area) ?? 0) + hits);
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = `${functionName || '(anonymous)'}${url ? ` ${shorten(url)}:${lineNumber + 1}` : ''}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + hits);
  }
  const pct = (hits: number) => Math.round((hits / Math.max(1, busy)) * 1000) / 10;
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    file,
    busyMs: Math.round(busy * msPerHit),
    areas: sorted(byArea).map(([area, hits]) => ({ area, percent: pct(hits) })),
    top: sorted(byFn).slice(0, 15).map(([fn, hits]) => ({ fn, percent: pct(hits) })),
  };
}

function profilesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/**
 * One summary per server process: `dir` holds a folder per process, each with
 * a profile per thread; the busiest is the main thread (the others are the
 * module loader's and V8's helpers), and that is the one summarized.
 */
export function summarizeProfiles(dir: string): ProfileSummary[] {
  let folders: string[];
  try {
    folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
  return folders.flatMap((folder) => {
    const summaries = profilesIn(join(dir, folder)).map(summarizeProfile).sort((a, b) => b.busyMs - a.busyMs);
    return summaries.length > 0 ? [summaries[0]!] : [];
  });
}
