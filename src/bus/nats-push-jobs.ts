// Push jobs over NATS request/reply, api → routers (cluster mode). The api
// sends each validated PushTask as a request on subjects.pushJobs; one router
// of the ROUTERS_QUEUE group runs it (its push-log append is the JetStream
// publish, durable before it replies) and answers with the outcome or the
// ApiError it threw. The api answers ret_code 0 only on that reply: no router,
// a timeout or a dead connection is "busy, retry" (10100), never 0.
//
// A request that timed out may still complete on its router (the app server
// then retries and the push goes out twice); a router that dies mid-job never
// replies, so nothing it did is reported as accepted.
import { connect, type Msg, type NatsConnection, type Subscription } from 'nats';
import { decode, encode } from '../codec.js';
import { ApiError, RetCode, type RetCodeValue } from '../errors.js';
import type { Logger } from '../log.js';
import type { PushOutcome, PushService, PushTask } from '../push-service.js';
import type { Unsubscribe } from './node-bus.js';
import { ROUTERS_QUEUE, subjects } from './subjects.js';

/**
 * How long the api waits for a router's reply. A token push takes milliseconds;
 * an audience of millions is resolved and logged in well under this. Past it
 * the app server is told to retry rather than kept waiting.
 */
export const DEFAULT_PUSH_JOB_TIMEOUT_MS = 30_000;
const RECONNECT_FOREVER = -1;
const RECONNECT_WAIT_MS = 250;

type JobReply = { outcome: PushOutcome } | { retCode: RetCodeValue; message: string };

export interface PushJobOptions {
  /** Shown in nats-server's connection list. */
  name?: string;
  log?: Logger;
  timeoutMs?: number;
}

export class NatsPushJobs {
  private closing: Promise<void> | undefined;
  private readonly serving = new Set<Subscription>();
  /** Jobs taken and not yet answered: close() lets them reply first. */
  private readonly running = new Set<Promise<void>>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
    private readonly log?: Logger,
  ) {}

  static async connect(url: string, options: PushJobOptions = {}): Promise<NatsPushJobs> {
    const nc = await connect({ servers: url.split(','), name: options.name, maxReconnectAttempts: RECONNECT_FOREVER, reconnectTimeWait: RECONNECT_WAIT_MS });
    return new NatsPushJobs(nc, options.timeoutMs ?? DEFAULT_PUSH_JOB_TIMEOUT_MS, options.log?.child({ component: 'push-jobs' }));
  }

  /** api side: runs `task` on one router; throws ApiError (BUSY when no router answered in time). */
  async push(task: PushTask): Promise<PushOutcome> {
    let msg: Msg;
    try {
      msg = await this.nc.request(subjects.pushJobs, encode(task), { timeout: this.timeoutMs });
    } catch (err) {
      // 503 (no responders: no router subscribed), TIMEOUT, or a closed connection.
      this.log?.warn({ err, audience: task.audienceType }, 'push job got no router reply');
      throw new ApiError(RetCode.BUSY, 'no router answered in time; retry later');
    }
    const reply = decode<JobReply>(msg.data);
    if ('outcome' in reply) return reply.outcome;
    throw new ApiError(reply.retCode, reply.message);
  }

  /** router side: takes jobs as one member of the routers' queue group. */
  serve(service: Pick<PushService, 'push'>): Unsubscribe {
    const sub: Subscription = this.nc.subscribe(subjects.pushJobs, {
      queue: ROUTERS_QUEUE,
      callback: (err, msg) => {
        if (err) {
          this.log?.error({ err }, 'push job subscription failed');
          return;
        }
        const job = this.run(service, msg);
        this.running.add(job);
        void job.finally(() => this.running.delete(job));
      },
    });
    this.serving.add(sub);
    return () => {
      this.serving.delete(sub);
      sub.unsubscribe();
    };
  }

  /** Resolves once the queue subscription is live on the server. */
  flush(): Promise<void> {
    return this.nc.flush();
  }

  /** Takes no more jobs, lets the running ones reply, then closes the connection. */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      for (const sub of this.serving) sub.unsubscribe();
      this.serving.clear();
      await Promise.allSettled([...this.running]);
      if (!this.nc.isClosed()) await this.nc.drain();
    })());
  }

  private async run(service: Pick<PushService, 'push'>, msg: Msg): Promise<void> {
    let reply: JobReply;
    try {
      reply = { outcome: await service.push(decode<PushTask>(msg.data)) };
    } catch (err) {
      if (err instanceof ApiError) reply = { retCode: err.retCode, message: err.message };
      else {
        this.log?.error({ err }, 'push job failed');
        reply = { retCode: RetCode.BUSY, message: 'system busy, retry later' };
      }
    }
    try {
      msg.respond(encode(reply));
    } catch (err) {
      this.log?.error({ err }, 'push job reply not sent');
    }
  }
}
