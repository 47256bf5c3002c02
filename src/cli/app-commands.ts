// `homing app create|list|credentials`: manage apps in the local data dir (LMDB
// allows several processes, so this works while the server runs), or in the
// cluster's Redis with --nats and --redis (HOMING_NATS_URL, HOMING_REDIS_URL).
import { randomBytes, randomInt } from 'node:crypto';
import type { Config } from '../config.js';
import { openConfiguredStores } from '../roles/engines.js';
import type { AppRecord } from '../stores/types.js';
import { UsageError, allowOnly, type ParsedArgs } from './args.js';
import { CREDENTIALS_USAGE, credentialsCommand } from './credentials-command.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** XG-shaped credentials: a 10-digit access id, a 12-char access key starting with "A", a 32-hex secret. */
export function newCredentials(): Pick<AppRecord, 'accessId' | 'accessKey' | 'secretKey'> {
  const accessId = `15${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  let accessKey = 'A';
  for (let i = 0; i < 11; i++) accessKey += ALNUM[randomInt(0, ALNUM.length)];
  return { accessId, accessKey, secretKey: randomBytes(16).toString('hex') };
}

export async function appCommand(config: Config, args: ParsedArgs, out: (line: string) => void): Promise<void> {
  const [, sub] = args.positional;
  const stores = await openConfiguredStores(config);
  try {
    if (sub === 'create') {
      allowOnly(args.flags, ['name', 'data-dir', 'nats', 'redis']);
      const name = args.flags.get('name');
      if (!name || name === 'true') throw new UsageError('app create needs --name NAME');
      if (name.length > 100) throw new UsageError('--name must be at most 100 characters');
      for (let attempt = 0; ; attempt++) {
        const app: AppRecord = { ...newCredentials(), name, createdAt: Date.now() };
        try {
          await stores.apps.create(app);
          out(JSON.stringify({ access_id: app.accessId, access_key: app.accessKey, secret_key: app.secretKey, name }, null, 2));
          return;
        } catch (err) {
          if (attempt >= 5) throw err; // access id collision, retried with fresh ids
        }
      }
    }
    if (sub === 'list') {
      allowOnly(args.flags, ['data-dir', 'nats', 'redis']);
      const apps = await stores.apps.list();
      out(JSON.stringify(apps.map((a) => ({ access_id: a.accessId, name: a.name, created_at: new Date(a.createdAt).toISOString() })), null, 2));
      return;
    }
    if (sub === 'credentials') return await credentialsCommand(stores, args, out);
    throw new UsageError(`usage: homing app create --name NAME | homing app list | ${CREDENTIALS_USAGE}`);
  } finally {
    await stores.close();
  }
}
