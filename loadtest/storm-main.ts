// `npm run loadtest -- --storm [--devices 15000] [--workers auto] [--rate 1500]
//   [--pushes 2] [--timeout 180] [--first-address 200] [--devices-per-address 5000]
//   [--data-dir DIR] [--compiled]`
//
// The reconnect storm (storm.ts): starts Homing itself, so it needs no --url or
// --app. Prints the figures; exit code 1 when the storm failed.
import { countFlag } from './count-flag.js';
import { MAX_DEVICES_PER_WORKER } from './swarm.js';
import { formatStormReport } from './storm-report.js';
import { runStorm } from './storm.js';

/** Sockets per worker in a storm: a third of the cap, so the reconnect burst is spread over processes. */
const STORM_DEVICES_PER_WORKER = 5_000;

export async function stormMain(flags: Map<string, string>): Promise<number> {
  const devices = countFlag(flags, 'devices', 15_000, 1);
  const workers = countFlag(flags, 'workers', Math.ceil(devices / STORM_DEVICES_PER_WORKER), 1);
  if (Math.ceil(devices / workers) > MAX_DEVICES_PER_WORKER) throw new Error(`--workers ${workers} gives a worker more than ${MAX_DEVICES_PER_WORKER} devices`);
  const report = await runStorm({
    devices,
    workers,
    connectRate: countFlag(flags, 'rate', 1500, 1),
    pushesPerDevice: countFlag(flags, 'pushes', 2),
    timeoutMs: countFlag(flags, 'timeout', 180, 1) * 1000,
    firstAddress: countFlag(flags, 'first-address', 200, 1),
    devicesPerAddress: countFlag(flags, 'devices-per-address', 5000, 1),
    dataDir: flags.get('data-dir'),
    compiled: flags.has('compiled'),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${formatStormReport(report)}\n`);
  return report.pass ? 0 : 1;
}
