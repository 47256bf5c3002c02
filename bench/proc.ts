// What the kernel says a set of server processes costs: resident memory from
// /proc/PID/status and CPU time (user + system, all threads) from
// /proc/PID/stat. Read from outside, so Homing and the baseline are measured
// the same way and neither needs instrumenting.
import { readFileSync } from 'node:fs';

/** USER_HZ: /proc/PID/stat counts CPU in clock ticks of 10 ms on Linux. */
const TICK_MS = 10;

export interface ProcSample {
  /** Epoch ms when sampled. */
  at: number;
  /** Sum over processes, bytes. */
  rss: number;
  /** Anonymous part of RSS (heap, stacks, socket buffers), bytes; file-backed pages (code, LMDB maps) excluded. */
  rssAnon: number;
  /** User + system CPU, ms, summed over processes and their threads. */
  cpuMs: number;
}

function statusKb(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the full line, 12 and 13 after "(comm) ".
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Sums RSS and CPU over `pids`; a process that already exited counts as zero. */
export function sample(pids: readonly number[]): ProcSample {
  let rss = 0;
  let rssAnon = 0;
  let cpuMs = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rss += statusKb(status, 'VmRSS');
      rssAnon += statusKb(status, 'RssAnon');
      cpuMs += cpuMsOf(pid);
    } catch {
      // gone: nothing to add
    }
  }
  return { at: Date.now(), rss, rssAnon, cpuMs };
}

export interface ProcDelta {
  wallMs: number;
  rss: number;
  rssAnon: number;
  cpuMs: number;
}

export function delta(before: ProcSample, after: ProcSample): ProcDelta {
  return { wallMs: after.at - before.at, rss: after.rss - before.rss, rssAnon: after.rssAnon - before.rssAnon, cpuMs: after.cpuMs - before.cpuMs };
}

export function machine(): { cpus: number; cpuModel: string; memGiB: number; kernel: string; node: string } {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  const cpus = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  return { cpus, cpuModel: model, memGiB: Math.round(memKb / 1024 / 1024), kernel, node: process.version };
}
