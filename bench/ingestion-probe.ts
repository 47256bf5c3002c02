// The ingestion scenario alone, repeated, against one server: for A/B work on
// the REST path (a setting, a build) without the whole bench. Each round prints
// the scenario's figures: requests/s, latency, the server's CPU per request
// (main thread and the rest), the clients' CPU per request and how busy the
// machine was. Settings reach the server through the environment:
//
//   npm run bench:ingestion -- [--target homing|baseline|relay] [--devices 1000]
//     [--ingestion-seconds 8] [--rounds 3] [--first-address 2]
//   HOMING_DURABILITY=nosync npm run bench:ingestion
//
// Exits 1 when a request was refused or a delivery lost or duplicated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pusher } from '../loadtest/pusher.js';
import { allowOnly, parseArgs } from '../src/cli/args.js';
import { planFrom } from './plan.js';
import { ingestion, type IngestionFigures } from './scenarios/ingestion.js';
import { connectIdle } from './scenarios/idle.js';
import { startServer, type Target } from './servers.js';

const argv = process.argv.slice(2);
const { flags } = parseArgs(argv);
allowOnly(flags, ['target', 'rounds', 'devices', 'ingestion-seconds', 'first-address']);
const target = (flags.get('target') ?? 'homing') as Target;
if (!['homing', 'baseline', 'relay'].includes(target)) throw new Error('--target is homing, baseline or relay');
const rounds = Number(flags.get('rounds') ?? 3);
if (!(Number.isInteger(rounds) && rounds >= 1)) throw new Error('--rounds must be a whole number of at least 1');
// The swarm's source addresses start at 127.0.0.<first-address> (tests pick their own block).
const firstAddress = Number(flags.get('first-address') ?? 2);
if (!(Number.isInteger(firstAddress) && firstAddress >= 2 && firstAddress <= 254)) throw new Error('--first-address must be 2–254');
// The bench's plan with this probe's defaults; the flags given win (later ones override).
const plan = planFrom(['--devices', '1000', '--ingestion-seconds', '8', ...argv]);
const log = (line: string) => process.stderr.write(`${line}\n`);

const dataDir = mkdtempSync(join(tmpdir(), `homing-ingestion-${target}-`));
const results: IngestionFigures[] = [];
const server = await startServer({ target, processes: 1, dataDir, label: 'ingestion' });
try {
  const idle = await connectIdle(server, plan, plan.devices, 1, firstAddress, log);
  const pusher = new Pusher(server.httpUrl, server.app, plan.pushConnections);
  const tokens = (await idle.swarm.tokens()).filter(Boolean);
  for (let round = 1; round <= rounds; round++) {
    log(`${target}: ingestion round ${round} of ${rounds}, ${plan.ingestion.seconds} s`);
    results.push(await ingestion({ plan, server, swarm: idle.swarm, tokens, pusher, log }));
  }
  await idle.swarm.stop();
  await pusher.close();
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
const bad = results.filter((f) => f.rejected > 0 || f.errors > 0 || f.lost > 0 || f.dups > 0);
process.exit(bad.length > 0 ? 1 : 0);
