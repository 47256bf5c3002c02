// The report: one JSON file with every figure, and a markdown summary that
// puts Homing beside the baseline as figure and ratio, judges the targets and,
// when profiles were taken, says where the time went.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from './plan.js';
import type { ProfileSummary } from './profile.js';
import type { machine } from './proc.js';
import type { Accounting } from './accounting.js';
import { commonUnicastRate, judge, lossByScenario, ratio, type TargetResult, type Verdict } from './verdicts.js';

export interface BenchReport {
  startedAt: string;
  seconds: number;
  command: string;
  machine: ReturnType<typeof machine>;
  plan: Plan;
  results: { homing?: TargetResult; baseline?: TargetResult; relay?: TargetResult };
  verdicts: Verdict[];
  profileDir: string | null;
  profiles: ProfileSummary[];
}

const fmt = (n: number | null | undefined, digits = 0): string =>
  n == null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

interface Row {
  scenario: string;
  figure: string;
  h: number | null | undefined;
  b: number | null | undefined;
  /** The plain relay's figure, for the rows it runs (idle, connect, unicast, ingestion). */
  r?: number | null | undefined;
  digits?: number;
  /** Overrides Homing's cell (e.g. "not available yet"). */
  hText?: string;
}

const MiB = 1048576;
const pct = (share: number | undefined): number | undefined => (share === undefined ? undefined : Math.round(share * 100));
const mib = (bytes: number | undefined): number | undefined => (bytes === undefined ? undefined : Math.round((bytes / MiB) * 10) / 10);

function figureRows(h: TargetResult | undefined, b: TargetResult | undefined, rl: TargetResult | undefined): Row[] {
  const hb = h?.broadcast;
  const common = commonUnicastRate(h?.unicast, b?.unicast);
  const withRelay = commonUnicastRate(h?.unicast, rl?.unicast);
  const na = hb && !hb.available ? 'not available yet' : undefined;
  const hm = h?.memory;
  const bm = b?.memory;
  const m = hm ?? bm;
  const stream = m ? `stream ${fmt(m.rate)}/s × ${m.streamSeconds} s, then ${m.idleSeconds} s quiet` : 'push stream';
  return [
    { scenario: `idle, N = ${fmt(h?.idle?.devices ?? b?.idle?.devices)}`, figure: 'resident memory per connected device (B)', h: h?.idle?.bytesPerDevice, b: b?.idle?.bytesPerDevice, r: rl?.idle?.bytesPerDevice },
    { scenario: `idle, N = ${fmt(h?.idleBig?.devices ?? b?.idleBig?.devices)} (${h?.idleBig?.processes ?? b?.idleBig?.processes ?? '?'} processes, one port)`, figure: 'resident memory per connected device (B)', h: h?.idleBig?.bytesPerDevice, b: b?.idleBig?.bytesPerDevice },
    { scenario: `idle, N = ${fmt(h?.idleBig?.devices ?? b?.idleBig?.devices)}`, figure: 'VmRSS sum per device (B; shared pages counted per process)', h: h?.idleBig?.rssBytesPerDevice, b: b?.idleBig?.rssBytesPerDevice },
    { scenario: 'connect', figure: 'devices/s (hello → welcome)', h: h?.idle?.connectsPerSec, b: b?.idle?.connectsPerSec, r: rl?.idle?.connectsPerSec },
    { scenario: 'connect', figure: 'server CPU per connect (µs)', h: h?.idle?.cpuUsPerConnect, b: b?.idle?.cpuUsPerConnect, r: rl?.idle?.cpuUsPerConnect, digits: 1 },
    { scenario: 'unicast (token → device)', figure: 'top sustained rate (pushes/s)', h: h?.unicast?.topRate, b: b?.unicast?.topRate, r: rl?.unicast?.topRate },
    { scenario: 'unicast', figure: 'server CPU per message, each at its top rate (µs)', h: h?.unicast?.cpuUsPerMessage, b: b?.unicast?.cpuUsPerMessage, r: rl?.unicast?.cpuUsPerMessage, digits: 1 },
    { scenario: `unicast at ${fmt(common?.rate)}/s (Homing and baseline)`, figure: 'server CPU per message (µs)', h: common?.homing, b: common?.baseline, digits: 1 },
    { scenario: `unicast at ${fmt(withRelay?.rate)}/s (Homing and relay)`, figure: 'server CPU per message (µs)', h: withRelay?.homing, b: undefined, r: withRelay?.baseline ?? null, digits: 1 },
    { scenario: `unicast at half the top rate`, figure: 'p50 latency (ms)', h: h?.unicast?.latency?.p50Ms, b: b?.unicast?.latency?.p50Ms, r: rl?.unicast?.latency?.p50Ms, digits: 2 },
    { scenario: `unicast at half the top rate`, figure: 'p99 latency (ms)', h: h?.unicast?.latency?.p99Ms, b: b?.unicast?.latency?.p99Ms, r: rl?.unicast?.latency?.p99Ms, digits: 2 },
    { scenario: 'unicast steps, before → after (after a GC)', figure: 'anonymous RSS before (MiB)', h: mib(h?.unicast?.memBefore.anon), b: mib(b?.unicast?.memBefore.anon), r: mib(rl?.unicast?.memBefore.anon), digits: 1 },
    { scenario: 'unicast steps, before → after (after a GC)', figure: 'anonymous RSS after (MiB)', h: mib(h?.unicast?.memAfter.anon), b: mib(b?.unicast?.memAfter.anon), r: mib(rl?.unicast?.memAfter.anon), digits: 1 },
    { scenario: 'unicast steps, before → after (after a GC)', figure: 'file-backed RSS before (MiB)', h: mib(h?.unicast?.memBefore.file), b: mib(b?.unicast?.memBefore.file), r: mib(rl?.unicast?.memBefore.file), digits: 1 },
    { scenario: 'unicast steps, before → after (after a GC)', figure: 'file-backed RSS after (MiB)', h: mib(h?.unicast?.memAfter.file), b: mib(b?.unicast?.memAfter.file), r: mib(rl?.unicast?.memAfter.file), digits: 1 },
    { scenario: stream, figure: 'anonymous RSS at idle, devices connected (MiB)', h: mib(hm?.idleAnonBytes), b: mib(bm?.idleAnonBytes), digits: 1 },
    { scenario: stream, figure: 'anonymous RSS, highest during the stream (MiB)', h: mib(hm?.peakAnonBytes), b: mib(bm?.peakAnonBytes), digits: 1 },
    { scenario: stream, figure: `anonymous RSS ${m?.idleSeconds ?? '?'} s after the stream (MiB)`, h: mib(hm?.afterAnonBytes), b: mib(bm?.afterAnonBytes), digits: 1 },
    { scenario: stream, figure: 'anonymous RSS after ÷ idle', h: hm?.anonRatio, b: bm?.anonRatio, digits: 3 },
    { scenario: stream, figure: 'file-backed RSS at idle (MiB)', h: mib(hm?.idleFileBytes), b: mib(bm?.idleFileBytes), digits: 1 },
    { scenario: stream, figure: `file-backed RSS ${m?.idleSeconds ?? '?'} s after the stream (MiB)`, h: mib(hm?.afterFileBytes), b: mib(bm?.afterFileBytes), digits: 1 },
    { scenario: stream, figure: 'server CPU per message (µs)', h: hm?.cpuUsPerMessage, b: bm?.cpuUsPerMessage, digits: 1 },
    { scenario: 'token_list × 1,000', figure: 'deliveries/s', h: h?.tokenList?.deliveriesPerSec, b: b?.tokenList?.deliveriesPerSec },
    { scenario: 'token_list × 1,000', figure: 'server CPU per delivery (µs)', h: h?.tokenList?.cpuUsPerDelivery, b: b?.tokenList?.cpuUsPerDelivery, digits: 1 },
    { scenario: `broadcast to ${fmt(b?.broadcast?.devices || h?.idle?.devices)}`, figure: 'call → last device (ms, median)', h: hb?.medianMs, b: b?.broadcast?.medianMs, digits: 1, hText: na },
    { scenario: 'broadcast', figure: 'server CPU per delivery (µs)', h: hb?.cpuUsPerDelivery, b: b?.broadcast?.cpuUsPerDelivery, digits: 2, hText: na },
    { scenario: 'REST ingestion (autocannon, 32 conns)', figure: 'token push requests/s', h: h?.ingestion?.requestsPerSec, b: b?.ingestion?.requestsPerSec, r: rl?.ingestion?.requestsPerSec },
    { scenario: 'REST ingestion', figure: 'server CPU per request (µs)', h: h?.ingestion?.cpuUsPerRequest, b: b?.ingestion?.cpuUsPerRequest, r: rl?.ingestion?.cpuUsPerRequest, digits: 1 },
    { scenario: 'REST ingestion', figure: 'autocannon CPU per request (µs)', h: h?.ingestion?.loadCpuUsPerRequest, b: b?.ingestion?.loadCpuUsPerRequest, r: rl?.ingestion?.loadCpuUsPerRequest, digits: 1 },
    { scenario: 'REST ingestion', figure: 'device swarm CPU per request (µs)', h: h?.ingestion?.swarmCpuUsPerRequest, b: b?.ingestion?.swarmCpuUsPerRequest, r: rl?.ingestion?.swarmCpuUsPerRequest, digits: 1 },
    { scenario: 'REST ingestion', figure: `machine busy (% of its ${h?.ingestion?.cpus ?? b?.ingestion?.cpus ?? '?'} CPUs)`, h: pct(h?.ingestion?.machineBusy), b: pct(b?.ingestion?.machineBusy), r: pct(rl?.ingestion?.machineBusy) },
    { scenario: 'REST ingestion', figure: 'p50 latency (ms)', h: h?.ingestion?.p50Ms, b: b?.ingestion?.p50Ms, r: rl?.ingestion?.p50Ms, digits: 2 },
    { scenario: 'REST ingestion', figure: 'p99 latency (ms)', h: h?.ingestion?.p99Ms, b: b?.ingestion?.p99Ms, r: rl?.ingestion?.p99Ms, digits: 2 },
  ];
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function arrivalsCell(a: Accounting): string {
  if (!a.arrivals) return '—';
  const { arrived, expected, checked, sampled } = a.arrivals;
  return `${fmt(arrived)} / ${fmt(expected)} over ${fmt(checked)}${sampled ? ` of ${fmt(a.pushes)} pushes (sampled)` : ' pushes (all)'}`;
}

function accountingRows(r: BenchReport): Array<Array<string | number>> {
  return (['homing', 'baseline', 'relay'] as const).flatMap((t) => (r.results[t]?.accounting ?? []).map((a) => [
    t, a.scenario, fmt(a.pushes), fmt(a.expected) + (a.slack ? ` (+≤${a.slack})` : ''), fmt(a.received), fmt(a.dups), fmt(a.lost),
    fmt(a.acksSent), fmt(a.acksCounted), arrivalsCell(a), fmt(a.offlineDepth),
    a.problems.length === 0 ? 'balanced' : `**${a.problems.join('; ')}**`,
  ]));
}

export function renderMarkdown(r: BenchReport): string {
  const { homing: h, baseline: b, relay: rl } = r.results;
  const m = r.machine;
  const out: string[] = [
    `# Homing bench — ${r.startedAt}`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Linux ${m.kernel}, Node ${m.node}. Run took ${fmt(r.seconds)} s.`,
    `Command: \`${r.command}\`${r.plan.smoke ? ' (smoke: scaled down, figures are not comparable to a full run)' : ''}`,
    '',
    'Ratio = Homing ÷ baseline (bare uWebSockets.js doing the same observable work in the same run). For costs (bytes, µs, ms) lower is better; for rates higher is better.'
      + ' The relay is a second unicast baseline (HTTP POST in, `ws.send` out, no protocol); ÷ relay = Homing ÷ relay.',
    '',
    table(['scenario', 'figure', 'Homing', 'baseline', 'ratio', 'relay', '÷ relay'], figureRows(h, b, rl).map((row) => [
      row.scenario, row.figure, row.hText ?? fmt(row.h, row.digits), fmt(row.b, row.digits),
      row.hText !== undefined ? '—' : fmt(ratio(row.h, row.b), 2),
      row.r === undefined ? '' : fmt(row.r, row.digits),
      row.r === undefined || row.hText !== undefined ? '' : fmt(ratio(row.h, row.r), 2),
    ])),
    '',
    '## Targets',
    '',
    table(['target', 'Homing', 'baseline', 'ratio', 'limit', 'verdict', 'note'], r.verdicts.map((v) => [
      v.target, fmt(v.homing, 2), fmt(v.baseline, 2), fmt(v.ratio, 2), v.limit,
      v.pass === null ? 'n/a' : v.pass ? '**pass**' : '**MISS**', v.note,
    ])),
    '',
    '## Lost and duplicate deliveries',
    '',
    table(['server', 'scenario', 'expected', 'lost', 'duplicate'], (['homing', 'baseline', 'relay'] as const).flatMap((t) =>
      lossByScenario(r.results[t]).map((x) => [t, x.scenario, fmt(x.expected), fmt(x.lost), fmt(x.dups)]))),
    '',
    '## Accounting: what went in, what came out',
    '',
    'Per scenario: pushes answered ret_code 0 and the deliveries they owe; push frames the swarm received (duplicates included), duplicates and'
      + ' deliveries still missing; message ids the swarm acked; the growth of `homing_acks_total` (/metrics); `homingCounters.arrived` from'
      + ' /v3/statistics/get_push_task_stat_channel summed over the checked pushes against what they owe; `homing_offline_queue_depth` after the'
      + ' scenario. Only Homing counts, so the baselines show the swarm\'s side. Any difference fails the bench.',
    '',
    table(['server', 'scenario', 'pushes', 'owed', 'received', 'dups', 'lost', 'acks sent', 'homing_acks_total', 'arrived / owed', 'offline depth', 'result'],
      accountingRows(r)),
  ];
  for (const t of ['homing', 'baseline', 'relay'] as const) {
    const steps = r.results[t]?.unicast?.steps ?? [];
    if (steps.length === 0) continue;
    out.push('', `## Unicast steps — ${t}`, '', table(
      ['rate/s', 'accepted', 'delivered', 'lost', 'dups', 'µs CPU/msg', 'of which main thread', 'p50 ms', 'p99 ms', 'max ms', 'anon RSS MiB', 'file RSS MiB', 'sustained'],
      steps.map((s) => [fmt(s.rate), fmt(s.accepted), fmt(s.delivered), s.lost, s.dups, fmt(s.cpuUsPerMessage, 1), fmt(s.mainCpuUsPerMessage, 1), s.p50Ms, s.p99Ms, s.maxMs,
        fmt(mib(s.rssAnonBytes), 1), fmt(mib(s.rssFileBytes), 1), s.sustained ? 'yes' : `no: ${s.why}`]),
    ));
  }
  const probes = (['homing', 'baseline'] as const).filter((t) => r.results[t]?.sharedPort);
  if (probes.length > 0) {
    out.push('', '## Several processes on one port (informational, not judged)', '',
      'Token pushes sent over many connections to the multi-process run: the kernel spreads requests and device sockets over the processes independently, so most pushes arrive at a process that does not hold the device\'s socket.', '',
      table(['server', 'processes', 'accepted', 'delivered live within 3 s', '%'], probes.map((t) => {
        const p = r.results[t]!.sharedPort!;
        return [t, p.processes, fmt(p.accepted), fmt(p.delivered), p.deliveredPercent];
      })));
  }
  const failures = (['homing', 'baseline', 'relay'] as const).flatMap((t) => (r.results[t]?.failures ?? []).map((f) => `- ${t}: ${f}`));
  if (failures.length > 0) out.push('', '## Scenario failures', '', ...failures);
  const missed = r.verdicts.filter((v) => v.pass === false);
  out.push('', '## Profiles', '');
  if (r.profileDir === null) {
    out.push(missed.length > 0
      ? `${missed.length} target(s) missed. Rerun with \`npm run bench -- --cpu-prof\` to profile the server processes.`
      : 'Not profiled (`--cpu-prof` was not given).');
  } else {
    out.push(`CPU profiles of every server process (whole lifetime, all scenarios) are in \`${r.profileDir}\`;`
      + ' open them in Chrome DevTools (Performance → Load profile) or VS Code. Figures taken under --cpu-prof are inflated by the sampling.');
    // Processes of one multi-process run look alike: the first stands for them.
    for (const p of r.profiles.filter((x) => !/-[1-9]\d*\/[^/]+$/.test(x.file))) {
      out.push('', `### ${p.file.split('/').slice(-2).join('/')} — main thread, ${fmt(p.busyMs)} ms busy`, '',
        `Areas: ${p.areas.slice(0, 8).map((a) => `${a.area} ${a.percent}%`).join(', ')}`, '',
        table(['self time %', 'function'], p.top.slice(0, 12).map((f) => [f.percent, `\`${f.fn}\``])));
    }
  }
  return `${out.join('\n')}\n`;
}

/** Writes <stamp>.json, <stamp>.md and latest.md; returns the markdown path. */
export function writeReport(outDir: string, stamp: string, report: Omit<BenchReport, 'verdicts'>): { mdPath: string; jsonPath: string; report: BenchReport } {
  mkdirSync(outDir, { recursive: true });
  const full: BenchReport = { ...report, verdicts: judge(report.results.homing, report.results.baseline, report.results.relay) };
  const md = renderMarkdown(full);
  const jsonPath = join(outDir, `${stamp}.json`);
  const mdPath = join(outDir, `${stamp}.md`);
  writeFileSync(jsonPath, `${JSON.stringify(full, null, 2)}\n`);
  writeFileSync(mdPath, md);
  writeFileSync(join(outDir, 'latest.md'), md);
  return { mdPath, jsonPath, report: full };
}
