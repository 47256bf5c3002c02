// `homing start`: run this process's role (HOMING_ROLE / --role; every role by
// default, on the embedded engines unless --nats and --redis are given) and
// stop gracefully on SIGTERM/SIGINT.
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { startAlone } from '../roles/index.js';
import { startHoming } from '../server.js';
import { allowOnly, type ParsedArgs } from './args.js';
import { describeListen } from './listen-address.js';

/** A server URL as it may be printed: without its password. */
function shown(urls: string): string {
  return urls.replace(/\/\/([^:@/]*):[^@/]*@/g, '//$1:***@');
}

export async function startCommand(config: Config, args: ParsedArgs, out: (line: string) => void): Promise<void> {
  allowOnly(args.flags, ['port', 'host', 'data-dir', 'log-level', 'role', 'nats', 'redis']);
  const log = createLogger(config.logLevel);
  const server = config.role === 'all'
    ? await startHoming(config, { log }).then((s) => ({ port: s.port as number | undefined, consoleEnabled: s.console.enabled, stop: () => s.stop() }))
    : await startAlone(config, { log });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    server.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Announced only now: whoever waits for this line may signal at once, and must get a graceful stop.
  const storage = config.natsUrl ? `NATS ${shown(config.natsUrl)}, Redis ${shown(config.redisUrl ?? '')}` : `data in ${config.dataDir}`;
  if (server.port === undefined) {
    out(`Homing ${config.nodeId} (router) listening on NATS for push jobs and receipts; ${storage}`);
  } else {
    out(describeListen({ nodeId: config.role === 'all' ? config.nodeId : `${config.nodeId} (${config.role})`, host: config.host, port: server.port, tls: config.tls !== undefined, dataDir: config.dataDir, storage, role: config.role === 'router' ? undefined : config.role }));
  }
  if (config.role === 'all' || config.role === 'api') {
    out(server.consoleEnabled
      ? `  console: /console/ on the URLs above (sign in with HOMING_ADMIN_TOKEN, HOMING_OPERATOR_TOKEN or HOMING_VIEWER_TOKEN)`
      : '  console: off. To use /console/, set a sign-in token and restart, e.g. HOMING_ADMIN_TOKEN=$(openssl rand -hex 24) npm start');
  }
  log.info({ port: server.port, host: config.host, role: config.role, tls: config.tls !== undefined }, 'homing started');
}
