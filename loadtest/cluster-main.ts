// `npm run loadtest -- --cluster [--gateways 7] [--devices 100000]
//   [--steps 10000,50000] [--rate 1000] [--push-rate 1000] [--push-seconds 20]
//   [--timeout 300] [--first-address 20] [--devices-per-address 10000]
//   [--data-dir DIR] [--compiled]`
//
// The cluster load test (cluster-load.ts): starts `homing cluster` itself, so it
// needs no --url or --app. Prints a table; exit code 1 when a device did not
// connect or a push was lost or duplicated. Ctrl-C stops the swarm and the cluster.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countFlag } from './count-flag.js';
import { formatClusterLoad, runClusterLoad } from './cluster-load.js';
import type { ClusterProcess } from './cluster-process.js';
import { SwarmGroup } from './swarm-group.js';

/** Each gateway holds at most ~19,000 sockets here (20,000 open files), so 100,000 devices need 6 or more. */
const DEFAULT_GATEWAYS = 7;

export async function clusterMain(flags: Map<string, string>): Promise<number> {
  const devices = countFlag(flags, 'devices', 100_000, 1);
  const gateways = countFlag(flags, 'gateways', DEFAULT_GATEWAYS, 1);
  const rawSteps = flags.get('steps')?.split(',').map((s) => Number(s.replace(/_/g, ''))) ?? [10_000, 50_000];
  if (rawSteps.some((s) => !Number.isInteger(s) || s < 1)) throw new Error(`--steps wants whole numbers, comma-separated, got "${flags.get('steps')}"`);
  const steps = [...new Set([...rawSteps.filter((s) => s < devices), devices])].sort((a, b) => a - b);
  const dataDir = flags.get('data-dir') ?? mkdtempSync(join(tmpdir(), 'homing-cluster-load-'));
  const group = new SwarmGroup();
  let cluster: ClusterProcess | undefined;
  const cleanUp = async () => {
    await group.stop();
    await cluster?.stop();
    if (!flags.has('data-dir')) rmSync(dataDir, { recursive: true, force: true });
  };
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    process.stderr.write('\ninterrupted: stopping the swarm and the cluster\n');
    void cleanUp().finally(() => process.exit(130));
  });
  try {
    const report = await runClusterLoad({
      gateways, steps,
      connectRate: countFlag(flags, 'rate', 1000, 1),
      pushRate: countFlag(flags, 'push-rate', 1000, 1),
      pushSeconds: countFlag(flags, 'push-seconds', 20, 1),
      firstAddress: countFlag(flags, 'first-address', 20, 1),
      devicesPerAddress: countFlag(flags, 'devices-per-address', 10_000, 1),
      timeoutMs: countFlag(flags, 'timeout', 300, 1) * 1000,
      dataDir,
      compiled: flags.has('compiled'),
      log: (line) => process.stderr.write(`${line}\n`),
    }, group, (c) => (cluster = c));
    process.stdout.write(`${formatClusterLoad(report)}\n`);
    return report.pass ? 0 : 1;
  } catch (err) {
    // After Ctrl-C the run fails as the cluster goes away; the interrupt handler ends the process once all is stopped.
    if (interrupted) await new Promise(() => undefined);
    throw err;
  } finally {
    if (!interrupted) await cleanUp();
  }
}
