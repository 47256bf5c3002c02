// `homing push`: a quick token push from a terminal, through the REST API
// exactly as an app server would call it.
import type { Config } from '../config.js';
import { openStores } from '../stores/index.js';
import { UsageError, allowOnly, type ParsedArgs } from './args.js';

export async function pushCommand(config: Config, args: ParsedArgs, out: (line: string) => void): Promise<boolean> {
  allowOnly(args.flags, ['app', 'secret', 'token', 'title', 'content', 'type', 'expire', 'url', 'data-dir']);
  const need = (name: string) => {
    const v = args.flags.get(name);
    if (!v || v === 'true') throw new UsageError(`push needs --${name}`);
    return v;
  };
  const accessId = need('app');
  const token = need('token');
  const content = need('content');
  let secret = args.flags.get('secret');
  if (!secret) {
    // Convenience on the server's own machine: read the secret from the local data dir.
    const stores = await openStores('embedded', config.dataDir);
    try {
      secret = (await stores.apps.get(accessId))?.secretKey;
    } finally {
      await stores.close();
    }
    if (!secret) throw new UsageError(`app ${accessId} is not in ${config.dataDir}; pass --secret SECRET_KEY`);
  }
  const type = args.flags.get('type') ?? 'notify';
  if (type !== 'notify' && type !== 'message') throw new UsageError('--type is notify or message');
  const base = args.flags.get('url') ?? `http://127.0.0.1:${config.port}`;
  const body: Record<string, unknown> = {
    audience_type: 'token',
    token_list: [token],
    message_type: type,
    message: { title: args.flags.get('title') ?? '', content },
  };
  if (args.flags.has('expire')) body.expire_time = Number(args.flags.get('expire'));
  const res = await fetch(new URL('/v3/push/app', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${accessId}:${secret}`).toString('base64')}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  out(text);
  try {
    return (JSON.parse(text) as { ret_code?: number }).ret_code === 0;
  } catch {
    return false;
  }
}
