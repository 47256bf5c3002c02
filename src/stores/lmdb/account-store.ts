// Accounts on disk, in two sub-databases written together:
//
//   account-tokens   [accessId, accountType, account] → string[]   latest binding first (≤ 100)
//   token-accounts   [accessId, token] → AccountRef[]             oldest binding first (≤ 3)
//
// Both lists are short, so each is one value. An update runs account-plan.ts
// over tables that read committed values and keep writes in memory, then
// writes what changed in one event turn (one transaction); Serial orders the
// updates so each reads what the previous one committed.
import type { Database } from 'lmdb';
import type { AccountOp, AccountRef, AccountStore } from '../audience-types.js';
import { applyAccountOps } from '../account-plan.js';
import { Serial } from './serial.js';

export type AccountTokensKey = [accessId: string, accountType: number, account: string];
export type TokenAccountsKey = [accessId: string, token: string];

export interface AccountDatabases {
  accountTokens: Database<string[], AccountTokensKey>;
  tokenAccounts: Database<AccountRef[], TokenAccountsKey>;
}

export class LmdbAccountStore implements AccountStore {
  private readonly serial = new Serial();

  constructor(private readonly db: AccountDatabases) {}

  update(accessId: string, ops: readonly AccountOp[]): Promise<void> {
    return this.serial.run(async () => {
      const { accountTokens, tokenAccounts } = this.db;
      const byToken = new Map<string, AccountRef[]>();
      const byAccount = new Map<string, { account: AccountRef; tokens: string[] }>();
      const accountKey = (a: AccountRef): AccountTokensKey => [accessId, a.accountType, a.account];
      const cacheKey = (a: AccountRef) => `${a.accountType}:${a.account}`;
      applyAccountOps(ops, {
        accountsOf: (token) => byToken.get(token) ?? tokenAccounts.get([accessId, token]) ?? [],
        tokensOf: (account) => byAccount.get(cacheKey(account))?.tokens ?? accountTokens.get(accountKey(account)) ?? [],
        setAccounts: (token, accounts) => void byToken.set(token, accounts),
        setTokens: (account, tokens) => void byAccount.set(cacheKey(account), { account, tokens }),
      });
      let last: Promise<boolean> | undefined;
      for (const [token, accounts] of byToken) {
        last = accounts.length ? tokenAccounts.put([accessId, token], accounts) : tokenAccounts.remove([accessId, token]);
      }
      for (const { account, tokens } of byAccount.values()) {
        last = tokens.length ? accountTokens.put(accountKey(account), tokens) : accountTokens.remove(accountKey(account));
      }
      // Write promises resolve at commit, in order: the last one covers the step.
      await last;
    });
  }

  async tokensOf(accessId: string, account: AccountRef): Promise<string[]> {
    return [...(this.db.accountTokens.get([accessId, account.accountType, account.account]) ?? [])];
  }

  async accountsOf(accessId: string, token: string): Promise<AccountRef[]> {
    return (this.db.tokenAccounts.get([accessId, token]) ?? []).map((a) => ({ account: a.account, accountType: a.accountType }));
  }
}
