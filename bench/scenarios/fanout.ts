// Fan-out: one REST call, many deliveries.
// - token_list: pushes of 1,000 tokens each (XG's limit), two in flight at a
//   time; deliveries per second from the first call to the last receipt.
// - broadcast (`all`): one push at a time to every connected device; the time
//   from the call to the last device's receipt, and CPU per delivery. A server
//   that answers `all` with ret_code ≠ 0 is reported as not available.
import { ALL_BODY, tokenBody } from '../../loadtest/pusher.js';
import { nowMs } from '../../loadtest/latency.js';
import { delta } from '../proc.js';
import { latencyOf, settle, usPer, type DeliveryCount, type ScenarioContext } from './context.js';

export interface TokenListFigures extends DeliveryCount {
  listSize: number;
  pushes: number;
  rejected: number;
  seconds: number;
  deliveriesPerSec: number;
  cpuUsPerDelivery: number;
  p50Ms: number;
  p99Ms: number;
}

export async function tokenList(ctx: ScenarioContext): Promise<TokenListFigures> {
  const { swarm, server, pusher, tokens, plan } = ctx;
  const size = Math.min(plan.tokenList.size, tokens.length);
  const lists = Array.from({ length: plan.tokenList.pushes }, (_, i) => {
    const from = (i * size) % tokens.length;
    const list = tokens.slice(from, from + size);
    return list.length === size ? list : [...list, ...tokens.slice(0, size - list.length)];
  });
  await swarm.reset();
  const before = server.sample();
  const t0 = nowMs();
  let accepted = 0;
  let rejected = 0;
  let next = 0;
  const lane = async () => {
    while (next < lists.length) {
      const list = lists[next++]!;
      const reply = await pusher.push(tokenBody(list), list.length).catch((err: Error) => ({ retCode: -1, errMsg: err.message }));
      if (reply.retCode === 0) accepted += list.length;
      else rejected++;
    }
  };
  await Promise.all(Array.from({ length: plan.tokenList.concurrency }, lane));
  const { collected, count } = await settle(swarm, accepted, 20_000);
  const cpu = delta(before, server.sample());
  const seconds = Math.max(0.001, ((collected.lastAt || nowMs()) - t0) / 1000);
  const l = latencyOf(collected);
  const f: TokenListFigures = {
    listSize: size, pushes: lists.length, rejected, ...count, seconds: Math.round(seconds * 1000) / 1000,
    deliveriesPerSec: Math.round(count.delivered / seconds), cpuUsPerDelivery: usPer(cpu.cpuMs, count.delivered),
    p50Ms: l.p50Ms, p99Ms: l.p99Ms,
  };
  ctx.log(`  ${f.pushes} × ${size} tokens: ${f.delivered}/${f.expected} delivered in ${f.seconds} s = ${f.deliveriesPerSec}/s,`
    + ` ${f.cpuUsPerDelivery} µs CPU/delivery, lost ${f.lost}, dups ${f.dups}${rejected ? `, ${rejected} pushes refused` : ''}`);
  return f;
}

export interface BroadcastFigures extends DeliveryCount {
  available: boolean;
  /** Why not, when not available (the server's ret_code and err_msg). */
  reason: string;
  devices: number;
  pushes: number;
  /** Per push: call → last device's receipt, ms. */
  timesMs: number[];
  medianMs: number;
  maxMs: number;
  cpuUsPerDelivery: number;
  /** Server CPU of each push, ms (from its call until its last delivery was counted). */
  cpuMsEach: number[];
}

export async function broadcast(ctx: ScenarioContext): Promise<BroadcastFigures> {
  const { swarm, server, pusher, plan } = ctx;
  const f: BroadcastFigures = {
    available: true, reason: '', devices: 0, pushes: 0, timesMs: [], medianMs: 0, maxMs: 0, cpuUsPerDelivery: 0, cpuMsEach: [],
    expected: 0, delivered: 0, lost: 0, dups: 0,
  };
  const before = server.sample();
  for (let i = 0; i < plan.broadcast.pushes; i++) {
    await swarm.reset();
    const devices = (await swarm.tokens()).length;
    const t0 = nowMs();
    const cpu0 = server.sample();
    const reply = await pusher.push(ALL_BODY, devices).catch((err: Error) => ({ retCode: -1, errMsg: err.message }));
    if (reply.retCode !== 0) {
      Object.assign(f, { available: false, reason: `ret_code ${reply.retCode}: ${reply.errMsg}` });
      break;
    }
    const { collected, count } = await settle(swarm, devices, plan.broadcast.timeoutMs);
    f.devices = devices;
    f.pushes++;
    f.expected += count.expected;
    f.delivered += count.delivered;
    f.lost += count.lost;
    f.dups += count.dups;
    f.timesMs.push(Math.round((collected.lastAt - t0) * 10) / 10);
    f.cpuMsEach.push(delta(cpu0, server.sample()).cpuMs);
  }
  if (f.available) {
    const sorted = [...f.timesMs].sort((a, b) => a - b);
    f.medianMs = sorted[Math.floor(sorted.length / 2)] ?? 0;
    f.maxMs = sorted[sorted.length - 1] ?? 0;
    f.cpuUsPerDelivery = usPer(delta(before, server.sample()).cpuMs, f.delivered);
    ctx.log(`  ${f.pushes} broadcasts to ${f.devices} devices: last device after ${f.medianMs} ms (median; max ${f.maxMs}),`
      + ` ${f.cpuUsPerDelivery} µs CPU/delivery (ms each: ${f.cpuMsEach.join(' ')}), lost ${f.lost}, dups ${f.dups}`);
  } else {
    ctx.log(`  broadcast not available: ${f.reason}`);
  }
  return f;
}
