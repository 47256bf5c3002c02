// Accounts in Maps, both directions per app; updates run synchronously over
// account-plan.ts, so each is atomic.
import type { AccountOp, AccountRef, AccountStore } from '../audience-types.js';
import { applyAccountOps } from '../account-plan.js';

interface AppAccounts {
  byToken: Map<string, AccountRef[]>;
  /** Keyed by accountKey(). */
  byAccount: Map<string, string[]>;
}

function accountKey(a: AccountRef): string {
  return `${a.accountType}:${a.account}`;
}

export class MemoryAccountStore implements AccountStore {
  private readonly apps = new Map<string, AppAccounts>();

  async update(accessId: string, ops: readonly AccountOp[]): Promise<void> {
    let app = this.apps.get(accessId);
    if (!app) this.apps.set(accessId, (app = { byToken: new Map(), byAccount: new Map() }));
    const { byToken, byAccount } = app;
    applyAccountOps(ops, {
      accountsOf: (token) => byToken.get(token) ?? [],
      tokensOf: (account) => byAccount.get(accountKey(account)) ?? [],
      setAccounts: (token, accounts) => (accounts.length ? byToken.set(token, accounts) : byToken.delete(token)),
      setTokens: (account, tokens) => (tokens.length ? byAccount.set(accountKey(account), tokens) : byAccount.delete(accountKey(account))),
    });
  }

  async tokensOf(accessId: string, account: AccountRef): Promise<string[]> {
    return [...(this.apps.get(accessId)?.byAccount.get(accountKey(account)) ?? [])];
  }

  async accountsOf(accessId: string, token: string): Promise<AccountRef[]> {
    return (this.apps.get(accessId)?.byToken.get(token) ?? []).map((a) => ({ ...a }));
  }
}
