// What the kernel says a set of server processes costs: resident memory from
// /proc/PID/status (and /proc/PID/smaps, to count shared file pages once) and
// CPU time (user + system, all threads) from /proc/PID/stat. Read from outside, so Homing and the baseline are measured
// the same way and neither needs instrumenting.
import { readFileSync } from 'node:fs';

/** USER_HZ: /proc/PID/stat counts CPU in clock ticks of 10 ms on Linux. */
const TICK_MS = 10;

export interface ProcSample {
  /** Epoch ms when sampled. */
  at: number;
  /** VmRSS summed over processes, bytes: a file page mapped by 4 processes counts 4 times. */
  rss: number;
  /**
   * Resident bytes with shared file pages counted once: anonymous memory summed
   * over processes, plus per mapped file the largest resident part any one
   * process has (from /proc/PID/smaps). Several gateways mapping one LMDB file
   * hold its pages once in physical memory; this is what they cost together.
   */
  resident: number;
  /** Anonymous part of RSS (heap, stacks, socket buffers), bytes; file-backed pages (code, LMDB maps) excluded. */
  rssAnon: number;
  /**
   * File-backed part of RSS (RssFile + RssShmem of /proc/PID/status, summed
   * over processes): code and mapped data files such as LMDB's. The kernel can
   * drop these pages under pressure and read them back; anonymous pages it cannot.
   */
  rssFile: number;
  /** User + system CPU, ms, summed over processes and their threads. */
  cpuMs: number;
  /** The part of cpuMs spent on the processes' main (JavaScript) threads; the rest is helper threads (LMDB writer, GC, libuv pool). */
  mainCpuMs: number;
}

function statusKb(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

function cpuMsOf(pid: number, task?: number): number {
  const stat = readFileSync(task === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${task}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the full line, 12 and 13 after "(comm) ".
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Adds one process's mappings from /proc/PID/smaps: anonymous kB to the total, file kB per path (max). */
function addSmaps(pid: number, files: Map<string, number>): number {
  let anonKb = 0;
  let path = '';
  let rssKb = 0;
  const flush = () => {
    if (path.startsWith('/') && rssKb > 0) files.set(path, Math.max(files.get(path) ?? 0, rssKb));
  };
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) {
      flush();
      path = header[1] ?? '';
      rssKb = 0;
    } else if (line.startsWith('Rss:')) {
      rssKb = Number(line.slice(4).trim().split(' ')[0]);
    } else if (line.startsWith('Anonymous:')) {
      const kb = Number(line.slice(10).trim().split(' ')[0]);
      anonKb += kb;
      rssKb -= kb; // private copies of file pages are anonymous, counted above
    }
  }
  flush();
  return anonKb;
}

/** Sums memory and CPU over `pids`; a process that already exited counts as zero. */
export function sample(pids: readonly number[]): ProcSample {
  let rss = 0;
  let rssAnon = 0;
  let rssFile = 0;
  let cpuMs = 0;
  let mainCpuMs = 0;
  let anonKb = 0;
  const files = new Map<string, number>();
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rss += statusKb(status, 'VmRSS');
      rssAnon += statusKb(status, 'RssAnon');
      rssFile += statusKb(status, 'RssFile') + statusKb(status, 'RssShmem');
      cpuMs += cpuMsOf(pid);
      mainCpuMs += cpuMsOf(pid, pid);
      anonKb += addSmaps(pid, files);
    } catch {
      // gone: nothing to add
    }
  }
  let fileKb = 0;
  for (const kb of files.values()) fileKb += kb;
  return { at: Date.now(), rss, resident: (anonKb + fileKb) * 1024, rssAnon, rssFile, cpuMs, mainCpuMs };
}

export interface RssSplit {
  /** Bytes, summed over processes, as in ProcSample. */
  anon: number;
  file: number;
}

/** Just the RSS split, from /proc/PID/status only: cheap enough to poll once a second under load. */
export function rssSplit(pids: readonly number[]): RssSplit {
  let anon = 0;
  let file = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      anon += statusKb(status, 'RssAnon');
      file += statusKb(status, 'RssFile') + statusKb(status, 'RssShmem');
    } catch {
      // gone: nothing to add
    }
  }
  return { anon, file };
}

export interface ProcDelta {
  wallMs: number;
  rss: number;
  resident: number;
  rssAnon: number;
  cpuMs: number;
  mainCpuMs: number;
}

export function delta(before: ProcSample, after: ProcSample): ProcDelta {
  return { wallMs: after.at - before.at, rss: after.rss - before.rss, resident: after.resident - before.resident, rssAnon: after.rssAnon - before.rssAnon, cpuMs: after.cpuMs - before.cpuMs, mainCpuMs: after.mainCpuMs - before.mainCpuMs };
}

/** Busy and total jiffies over all CPUs, from the first line of /proc/stat (idle and iowait count as not busy). */
export function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

export function machine(): { cpus: number; cpuModel: string; memGiB: number; kernel: string; node: string } {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  const cpus = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  return { cpus, cpuModel: model, memGiB: Math.round(memKb / 1024 / 1024), kernel, node: process.version };
}
