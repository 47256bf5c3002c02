// `homing start`: run every role in this process on the embedded default and
// stop gracefully on SIGTERM/SIGINT.
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { startHoming } from '../server.js';
import { allowOnly, type ParsedArgs } from './args.js';
import { describeListen } from './listen-address.js';

export async function startCommand(config: Config, args: ParsedArgs, out: (line: string) => void): Promise<void> {
  allowOnly(args.flags, ['port', 'host', 'data-dir', 'log-level']);
  const log = createLogger(config.logLevel);
  const server = await startHoming(config, { log });
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
  out(describeListen({ nodeId: config.nodeId, host: config.host, port: server.port, tls: config.tls !== undefined, dataDir: config.dataDir }));
  out(server.console.enabled
    ? `  console: /console/ on the URLs above (sign in with HOMING_ADMIN_TOKEN, HOMING_OPERATOR_TOKEN or HOMING_VIEWER_TOKEN)`
    : '  console: off. To use /console/, set a sign-in token and restart, e.g. HOMING_ADMIN_TOKEN=$(openssl rand -hex 24) npm start');
  log.info({ port: server.port, host: config.host, tls: config.tls !== undefined, dataDir: config.dataDir }, 'homing started');
}
