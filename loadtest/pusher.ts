// The app-server side of a load test: XG V3 pushes over keep-alive HTTP
// (undici's pool costs the client a fraction of what node:http does, which
// matters when the client shares two cores with the server it measures).
// Counts every answer by ret_code, because a push only counts as expected at
// the device when the server said ret_code 0.
import { Pool } from 'undici';
import { assertLoopback } from './swarm.js';

export interface PushCredentials {
  accessId: string;
  secretKey: string;
}

export interface PushReply {
  retCode: number;
  pushId: string;
  errMsg: string;
}

export interface RateRun {
  /** Pushes the schedule called for. */
  scheduled: number;
  sent: number;
  /** Answered ret_code 0: each one is a delivery the device must get. */
  accepted: number;
  /** Answered with another ret_code. */
  rejected: number;
  /** Transport failures and non-JSON answers. */
  failed: number;
  /** Not sent because maxInflight answers were outstanding: the server fell behind. */
  skipped: number;
  elapsedMs: number;
  lastProblem: string;
}

const MESSAGE = '"message_type":"notify","message":{"title":"bench","content":"hello from the load test"}';

export function tokenBody(tokens: readonly string[]): string {
  const audience = tokens.length === 1 ? 'token' : 'token_list';
  return `{"audience_type":"${audience}","token_list":${JSON.stringify(tokens)},${MESSAGE}}`;
}

export const ALL_BODY = `{"audience_type":"all",${MESSAGE}}`;

export class Pusher {
  private readonly pool: Pool;
  private readonly headers: Record<string, string>;
  /** The rate run in progress (live counters for a progress line), else the last one. */
  current: RateRun | undefined;
  /**
   * Called for every push answered ret_code 0, with its push_id and how many
   * targets it named: the bench's ledger of what the server owes the devices.
   */
  onAccepted: ((pushId: string, targets: number) => void) | undefined;

  constructor(baseUrl: string, credentials: PushCredentials, connections = 16) {
    assertLoopback(baseUrl);
    this.pool = new Pool(baseUrl, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
    const basic = Buffer.from(`${credentials.accessId}:${credentials.secretKey}`).toString('base64');
    this.headers = { 'content-type': 'application/json', authorization: `Basic ${basic}` };
  }

  /**
   * Throws on transport errors; any JSON answer resolves, whatever its ret_code.
   * `targets`: devices the body names (for onAccepted).
   */
  async push(body: string, targets = 1): Promise<PushReply> {
    const { status, json } = await this.post('/v3/push/app', body);
    const reply = {
      retCode: typeof json.ret_code === 'number' ? json.ret_code : -1,
      pushId: String(json.push_id ?? ''),
      errMsg: String(json.err_msg ?? `HTTP ${status}`),
    };
    if (reply.retCode === 0) this.onAccepted?.(reply.pushId, targets);
    return reply;
  }

  /** Any JSON API call with the app's Basic auth; throws on transport errors and non-JSON answers. */
  async post(path: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await this.pool.request({ path, method: 'POST', headers: this.headers, body });
    const text = await res.body.text();
    try {
      return { status: res.statusCode, json: JSON.parse(text) as Record<string, unknown> };
    } catch {
      throw new Error(`HTTP ${res.statusCode}, not JSON: ${text.slice(0, 120)}`);
    }
  }

  /**
   * Open-loop pushes at `rate` per second for `durationMs`, one token each,
   * round-robin over `tokens`; then waits (bounded) for the outstanding answers.
   */
  async runRate(opts: { rate: number; durationMs: number; tokens: readonly string[]; maxInflight?: number }): Promise<RateRun> {
    const { rate, durationMs, tokens } = opts;
    const maxInflight = opts.maxInflight ?? 1024;
    const bodies = tokens.map((t) => tokenBody([t]));
    const run: RateRun = { scheduled: 0, sent: 0, accepted: 0, rejected: 0, failed: 0, skipped: 0, elapsedMs: 0, lastProblem: '' };
    this.current = run;
    if (bodies.length === 0) return run;
    let inflight = 0;
    let next = 0;
    // Set once the schedule is done: resolves when the last outstanding answer is in.
    let onIdle: (() => void) | undefined;
    const start = performance.now();
    const fire = (body: string) => {
      inflight++;
      run.sent++;
      this.push(body).then(
        (reply) => {
          if (reply.retCode === 0) run.accepted++;
          else {
            run.rejected++;
            run.lastProblem = `ret_code ${reply.retCode}: ${reply.errMsg}`;
          }
        },
        (err: Error) => {
          run.failed++;
          run.lastProblem = err.message;
        },
      ).finally(() => {
        if (--inflight === 0) onIdle?.();
      });
    };
    while (true) {
      const elapsed = performance.now() - start;
      const due = Math.min(Math.floor((rate * Math.min(elapsed, durationMs)) / 1000), Math.floor((rate * durationMs) / 1000));
      for (; run.scheduled < due; run.scheduled++) {
        if (inflight >= maxInflight) run.skipped++;
        else fire(bodies[next++ % bodies.length]!);
      }
      if (elapsed >= durationMs) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    if (inflight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        onIdle = resolve;
        timer = setTimeout(resolve, 15_000);
      });
      clearTimeout(timer);
    }
    run.elapsedMs = performance.now() - start;
    return run;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
