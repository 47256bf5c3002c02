// Mutated REST requests over real HTTP (keep-alive, `concurrency` in flight).
// Every answer must be HTTP 200 JSON with a ret_code (XG) or retCode (TPNS);
// what else comes back is counted so the run can fail on it.
import { Pool } from 'undici';
import { fuzzRequest, type FuzzApp } from './bodies.js';
import { Random } from './random.js';

export interface RestFuzzOptions {
  httpUrl: string;
  app: FuzzApp;
  /** Registered tokens pushes may target. */
  tokens: readonly string[];
  bodies: number;
  seed: number;
  concurrency?: number;
  maxBodyBytes: number;
}

export interface RestFuzzReport {
  requests: number;
  /** HTTP status → count; anything but 200 is a finding. */
  statuses: Map<number, number>;
  /** ret_code (or retCode) → count. */
  retCodes: Map<number, number>;
  /** Answers that are not JSON with a numeric code, or requests that failed in transport. */
  malformed: string[];
  /** Bodies over the cap whose connection the server closed before the client finished writing. */
  closedUnread: number;
  /** push_ids of pushes the fuzz created (accepted input). */
  pushIds: Set<string>;
}

/** Codes whose answer carries the id of a push that was created. */
const CREATED = new Set([0, 10110, 10304, 10305]);

export async function fuzzRest(options: RestFuzzOptions): Promise<RestFuzzReport> {
  const report: RestFuzzReport = { requests: 0, statuses: new Map(), retCodes: new Map(), malformed: [], closedUnread: 0, pushIds: new Set() };
  const concurrency = options.concurrency ?? 16;
  // A request unanswered this long counts as malformed: a hang is a finding, not a wait.
  const pool = new Pool(options.httpUrl, { connections: concurrency, pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000 });
  let next = 0;
  const worker = async (w: number) => {
    const rnd = new Random(options.seed * 104_729 + w);
    while (next < options.bodies) {
      next++;
      const req = fuzzRequest(rnd, options.app, options.tokens, options.maxBodyBytes);
      report.requests++;
      let status: number;
      let text: string;
      try {
        const res = await pool.request({ method: req.method as 'POST', path: req.path, headers: req.headers, body: req.body });
        status = res.statusCode;
        text = await res.body.text();
      } catch (err) {
        // Over the cap the server answers 10117 without reading the body and closes the
        // connection (docs/rest-api.md); a client still writing sees the close instead.
        const code = (err as { code?: string }).code;
        if (req.body.length > options.maxBodyBytes && (code === 'EPIPE' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')) {
          report.closedUnread++;
          continue;
        }
        report.malformed.push(`${req.method} ${req.path}: ${(err as Error).message}`);
        continue;
      }
      report.statuses.set(status, (report.statuses.get(status) ?? 0) + 1);
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        report.malformed.push(`${req.method} ${req.path}: not JSON: ${text.slice(0, 80)}`);
        continue;
      }
      const code = json.ret_code ?? json.retCode;
      if (typeof code !== 'number') {
        report.malformed.push(`${req.method} ${req.path}: no ret_code: ${text.slice(0, 80)}`);
        continue;
      }
      report.retCodes.set(code, (report.retCodes.get(code) ?? 0) + 1);
      if (CREATED.has(code) && typeof json.push_id === 'string' && json.push_id !== '0') report.pushIds.add(json.push_id);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  } finally {
    await pool.close();
  }
  return report;
}
