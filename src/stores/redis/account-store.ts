// Accounts on Redis. All of one app's account data shares one hash tag,
// {app:<id>}, so an update (which may evict bindings on both sides) is one
// atomic script on one Cluster slot:
//
//   accounts:{app:<id>}:v                         version (versioned-write.ts)
//   accounts:{app:<id>}:token:<t>                 the token's accounts, oldest first (codec)
//   accounts:{app:<id>}:account:<type>:<name>     the account's tokens, latest first (codec)
//
// The rules are account-plan.ts, shared with the other implementations. It
// reads lists as it goes, so the plan runs over what is fetched so far; a list
// it asks for that is not fetched yet is fetched and the plan runs again, until
// it needs nothing more. Each list is at most 100 entries.
import type { Redis } from 'ioredis';
import { decode, encode } from '../../codec.js';
import type { AccountOp, AccountRef, AccountStore } from '../audience-types.js';
import { applyAccountOps } from '../account-plan.js';
import type { VersionedWriter, Write } from './versioned-write.js';

const keysOf = (accessId: string) => {
  const base = `accounts:{app:${accessId}}`;
  return {
    version: `${base}:v`,
    token: (token: string) => `${base}:token:${token}`,
    account: (a: AccountRef) => `${base}:account:${a.accountType}:${a.account}`,
  };
};

export class RedisAccountStore implements AccountStore {
  constructor(
    private readonly redis: Redis,
    private readonly versioned: VersionedWriter,
  ) {}

  async update(accessId: string, ops: readonly AccountOp[]): Promise<void> {
    const k = keysOf(accessId);
    await this.versioned.update('account update', k.version, async () => {
      const fetched = new Map<string, unknown[]>();
      for (;;) {
        const missing = new Set<string>();
        const written = new Map<string, unknown[]>();
        const read = <T>(key: string): T[] => {
          const list = written.get(key) ?? fetched.get(key);
          if (!list) missing.add(key);
          return (list ?? []) as T[];
        };
        applyAccountOps(ops, {
          accountsOf: (token) => read<AccountRef>(k.token(token)),
          tokensOf: (account) => read<string>(k.account(account)),
          setAccounts: (token, accounts) => written.set(k.token(token), accounts),
          setTokens: (account, tokens) => written.set(k.account(account), tokens),
        });
        if (missing.size === 0) {
          const writes: Write[] = [...written].map(([key, list]) => (list.length ? { op: 'SET', key, value: encode(list) } : { op: 'DEL', key }));
          return { result: undefined, writes };
        }
        const keys = [...missing];
        const values = await Promise.all(keys.map((key) => this.redis.getBuffer(key)));
        keys.forEach((key, i) => fetched.set(key, values[i] ? decode<unknown[]>(values[i]!) : []));
      }
    });
  }

  async tokensOf(accessId: string, account: AccountRef): Promise<string[]> {
    const bytes = await this.redis.getBuffer(keysOf(accessId).account(account));
    return bytes ? decode<string[]>(bytes) : [];
  }

  async accountsOf(accessId: string, token: string): Promise<AccountRef[]> {
    const bytes = await this.redis.getBuffer(keysOf(accessId).token(token));
    return bytes ? decode<AccountRef[]>(bytes) : [];
  }
}
