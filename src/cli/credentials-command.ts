// `homing app credentials --app ID ...`: sets an app's APNs key and/or FCM
// service account from files, after checking them (a bad key changes
// nothing). Prints only ids (key id, team, bundle, project, client email):
// the secrets never leave the store except to the providers.
import { readFileSync } from 'node:fs';
import { CredentialError, checkApnsCredentials, credentialSummary, parseServiceAccount, type ApnsCredentials, type FcmServiceAccount } from '../provider-credentials.js';
import type { Stores } from '../stores/types.js';
import { UsageError, allowOnly, type ParsedArgs } from './args.js';

export const CREDENTIALS_USAGE =
  'homing app credentials --app ACCESS_ID [--apns-key-file KEY.p8 --apns-key-id ID --team-id ID --bundle-id ID] [--fcm-service-account FILE.json] [--remove apns|fcm]';

const APNS_FLAGS = ['apns-key-file', 'apns-key-id', 'team-id', 'bundle-id'] as const;

export async function credentialsCommand(stores: Stores, args: ParsedArgs, out: (line: string) => void): Promise<void> {
  allowOnly(args.flags, ['app', ...APNS_FLAGS, 'fcm-service-account', 'remove', 'data-dir', 'nats', 'redis']);
  const accessId = flag(args, 'app');
  if (!accessId) throw new UsageError(`usage: ${CREDENTIALS_USAGE}`);
  if (!(await stores.apps.get(accessId))) throw new UsageError(`app ${accessId} does not exist`);

  const remove = flag(args, 'remove');
  if (remove !== undefined) {
    if (remove !== 'apns' && remove !== 'fcm') throw new UsageError('--remove takes apns or fcm');
    await stores.credentials.remove(accessId, remove);
  }
  const update: { apns?: ApnsCredentials; fcm?: FcmServiceAccount } = {};
  try {
    if (APNS_FLAGS.some((f) => args.flags.has(f))) {
      const [keyFile, keyId, teamId, bundleId] = APNS_FLAGS.map((f) => {
        const v = flag(args, f);
        if (!v) throw new UsageError(`APNs credentials need all of ${APNS_FLAGS.map((n) => `--${n}`).join(', ')}`);
        return v;
      }) as [string, string, string, string];
      update.apns = checkApnsCredentials({ keyPem: readText(keyFile, '--apns-key-file'), keyId, teamId, bundleId });
    }
    const account = flag(args, 'fcm-service-account');
    if (account !== undefined) update.fcm = parseServiceAccount(readText(account, '--fcm-service-account'));
  } catch (err) {
    if (err instanceof CredentialError) throw new UsageError(err.message);
    throw err;
  }
  if (update.apns || update.fcm) await stores.credentials.set(accessId, update, Date.now());
  const stored = await stores.credentials.get(accessId);
  out(JSON.stringify({ access_id: accessId, ...credentialSummary(stored ?? {}) }, null, 2));
}

/** A flag's value; '' for a flag given without one (parseArgs records those as "true"). */
function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v === 'true' ? '' : v;
}

/** The file's text; errors name the flag and the OS reason, never any content. */
function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
