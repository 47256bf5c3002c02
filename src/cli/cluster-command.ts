// `homing cluster`: a local cluster to try the cluster mode on one machine:
// nats-server (JetStream) and redis-server (append-only file) from PATH with
// their data under the data dir, then N gateway processes sharing --port, one
// router and one api on --port + 1, each a `homing start --role ...` child.
// Ctrl-C stops the roles first (gateways drain), then the servers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { freePort } from '../free-port.js';
import { UsageError, allowOnly, type ParsedArgs } from './args.js';

const INSTALL_HINT = 'install them with: sudo apt-get install nats-server redis-server (Debian, Ubuntu), then run homing cluster again';
/** Debian puts nats-server in /usr/sbin, which is not on every user's PATH. */
const SBIN = '/usr/sbin';

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
}

/** Spawns `command` (from PATH, else /usr/sbin) and resolves once its output matches `ready`. */
function startChild(name: string, command: string, args: string[], ready: RegExp, out: (line: string) => void, fallback = true): Promise<Child> {
  return new Promise((resolve, reject) => {
    // The servers get a process group of their own, so a Ctrl-C in the terminal reaches
    // the roles (which drain) but not the servers they drain into; stopAll stops those after.
    const server = name === 'nats' || name === 'redis';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: server });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    let seen = '';
    let up = false;
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split('\n')) if (line.trim()) out(`[${name}] ${line}`);
      if (up) return;
      seen += text;
      if (ready.test(seen)) {
        up = true;
        resolve({ name, process: child, exited });
      }
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' && fallback) startChild(name, join(SBIN, command), args, ready, out, false).then(resolve, reject);
      else if (err.code === 'ENOENT') reject(new UsageError(`${command.split('/').pop()} not found; ${INSTALL_HINT}`));
      else reject(err);
    });
    child.once('exit', (code) => {
      if (!up) reject(new Error(`${name} exited with ${code} before it was ready`));
    });
  });
}

export async function clusterCommand(config: Config, args: ParsedArgs, out: (line: string) => void): Promise<void> {
  allowOnly(args.flags, ['gateways', 'port', 'host', 'data-dir', 'log-level']);
  const gateways = Number(args.flags.get('gateways') ?? 2);
  if (!Number.isInteger(gateways) || gateways < 1 || gateways > 64) throw new UsageError('--gateways must be 1-64');
  const devicePort = config.port;
  const apiPort = devicePort + 1;
  const dir = join(config.dataDir, 'cluster');
  mkdirSync(join(dir, 'nats'), { recursive: true });
  mkdirSync(join(dir, 'redis'), { recursive: true });
  const children: Child[] = [];
  const stopAll = async () => {
    // Roles first (gateways send goaway and store what is unacked), then the servers they write to.
    const roles = children.filter((c) => !['nats', 'redis'].includes(c.name));
    for (const c of roles) c.process.kill('SIGTERM');
    await Promise.all(roles.map((c) => c.exited));
    const servers = children.filter((c) => ['nats', 'redis'].includes(c.name));
    for (const c of servers) c.process.kill('SIGTERM');
    await Promise.all(servers.map((c) => c.exited));
  };
  try {
    const [natsPort, redisPort] = [await freePort(), await freePort()];
    children.push(await startChild('nats', 'nats-server', ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', join(dir, 'nats')], /Server is ready/, out));
    children.push(
      await startChild('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', join(dir, 'redis'), '--appendonly', 'yes', '--save', ''], /Ready to accept connections/, out),
    );
    const natsUrl = `nats://127.0.0.1:${natsPort}`;
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const cli = [...process.execArgv, process.argv[1]!];
    const role = (name: string, roleName: string, port: number) =>
      startChild(name, process.execPath, [...cli, 'start', '--role', roleName, '--nats', natsUrl, '--redis', redisUrl, '--port', String(port), '--host', config.host, '--log-level', config.logLevel], /listening on/, out);
    // The router first: the api and gateways find it at once.
    children.push(await role('router', 'router', 0));
    children.push(...(await Promise.all(Array.from({ length: gateways }, (_, i) => role(`gateway-${i + 1}`, 'gateway', devicePort)))));
    children.push(await role('api', 'api', apiPort));
    out('');
    out(`Homing cluster: ${gateways} gateway(s) sharing port ${devicePort}, 1 router, 1 api on port ${apiPort}; data in ${dir}`);
    out(`  REST:    http://127.0.0.1:${apiPort}/v3/...`);
    out(`  devices: ws://127.0.0.1:${devicePort}/device`);
    out(`  apps:    homing app create --name demo --nats ${natsUrl} --redis ${redisUrl}`);
    out('  Ctrl-C stops it all');
  } catch (err) {
    await stopAll();
    throw err;
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stopAll().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A role that dies by itself is reported; the rest keep running (that is what a cluster is for).
  for (const c of children) void c.exited.then(() => stopping || out(`[${c.name}] exited`));
}
