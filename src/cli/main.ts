// `homing` CLI: start | app create | app list | push. Config comes from
// HOMING_* variables; a few flags override them.
import { ConfigError } from '../errors.js';
import { loadConfig, SETTING_NAMES, type SettingName } from '../config.js';
import { UsageError, parseArgs, type ParsedArgs } from './args.js';
import { appCommand } from './app-commands.js';
import { pushCommand } from './push-command.js';
import { startCommand } from './start-command.js';
import { clusterCommand } from './cluster-command.js';

const HELP = `homing — self-hosted mobile push

usage:
  homing start [--port N] [--host H] [--data-dir DIR] [--log-level L]
               [--role all|gateway|router|api --nats nats://HOST:4222 --redis redis://HOST:6379]
                                     gateway, router and api alone form a cluster on NATS and Redis
  homing cluster [--gateways N] [--port N]
                                     a local cluster to try: nats-server, redis-server (from PATH),
                                     N gateways sharing --port, a router, an api on --port + 1
  homing app create --name NAME      create an app, print its credentials (JSON)
  homing app list                    list apps (no secrets)
  homing app credentials --app ACCESS_ID [--apns-key-file KEY.p8 --apns-key-id ID --team-id ID --bundle-id ID]
                         [--fcm-service-account FILE.json] [--remove apns|fcm]
                                     set an app's APNs/FCM credentials (prints ids only)
  homing push --app ACCESS_ID --token TOKEN --content TEXT [--title T] [--type notify|message]
              [--expire SECONDS] [--secret SECRET_KEY] [--url http://127.0.0.1:8080]

settings (environment): ${SETTING_NAMES.join(', ')}`;

const FLAG_SETTINGS: Record<string, SettingName> = {
  port: 'HOMING_PORT',
  host: 'HOMING_HOST',
  'data-dir': 'HOMING_DATA_DIR',
  'log-level': 'HOMING_LOG_LEVEL',
  role: 'HOMING_ROLE',
  nats: 'HOMING_NATS_URL',
  redis: 'HOMING_REDIS_URL',
};

function overrides(args: ParsedArgs): Partial<Record<SettingName, string>> {
  const result: Partial<Record<SettingName, string>> = {};
  for (const [flag, setting] of Object.entries(FLAG_SETTINGS)) {
    const v = args.flags.get(flag);
    if (v !== undefined) result[setting] = v;
  }
  return result;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const [command, sub] = args.positional;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (!command || command === 'help' || args.flags.has('help')) {
    out(HELP);
    return command ? 0 : 1;
  }
  const config = loadConfig(process.env, overrides(args));
  switch (command) {
    case 'start':
      await startCommand(config, args, out);
      return 0;
    case 'cluster':
      await clusterCommand(config, args, out);
      return 0;
    case 'app':
      await appCommand(config, args, out);
      return 0;
    case 'push':
      return (await pushCommand(config, args, out)) ? 0 : 1;
    default:
      throw new UsageError(`unknown command "${command}${sub ? ` ${sub}` : ''}"; run homing help`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // `start` keeps the process alive through its listen socket, `cluster` through its children; others end here.
    if (process.argv[2] !== 'start' && process.argv[2] !== 'cluster') process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof UsageError) {
      process.stderr.write(`homing: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`homing: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
