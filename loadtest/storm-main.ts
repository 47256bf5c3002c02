// `npm run loadtest -- --storm [--devices 15000] [--workers auto] [--rate 1500]
//   [--pushes 2] [--timeout 180] [--first-address 200] [--devices-per-address 5000]
//   [--data-dir DIR] [--compiled]`
//
// The reconnect storm (storm.ts): starts Homing itself, so it needs no --url or
// --app. Prints the figures; exit code 1 when the storm failed.
import { MAX_DEVICES_PER_WORKER } from './swarm.js';
import { formatStormReport } from './storm-report.js';
import { runStorm } from './storm.js';

/** Sockets per worker in a storm: a third of the cap, so the reconnect burst is spread over processes. */
const STORM_DEVICES_PER_WORKER = 5_000;

function count(flags: Map<string, string>, name: string, fallback: number, min = 0): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const v = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number of at least ${min}, got "${raw}"`);
  return v;
}

export async function stormMain(flags: Map<string, string>): Promise<number> {
  const devices = count(flags, 'devices', 15_000, 1);
  const workers = count(flags, 'workers', Math.ceil(devices / STORM_DEVICES_PER_WORKER), 1);
  if (Math.ceil(devices / workers) > MAX_DEVICES_PER_WORKER) throw new Error(`--workers ${workers} gives a worker more than ${MAX_DEVICES_PER_WORKER} devices`);
  const report = await runStorm({
    devices,
    workers,
    connectRate: count(flags, 'rate', 1500, 1),
    pushesPerDevice: count(flags, 'pushes', 2),
    timeoutMs: count(flags, 'timeout', 180, 1) * 1000,
    firstAddress: count(flags, 'first-address', 200, 1),
    devicesPerAddress: count(flags, 'devices-per-address', 5000, 1),
    dataDir: flags.get('data-dir'),
    compiled: flags.has('compiled'),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${formatStormReport(report)}\n`);
  return report.pass ? 0 : 1;
}
