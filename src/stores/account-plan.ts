// What an AccountStore.update does, written once over a small table interface
// that each implementation backs with its own storage. Two lists are kept in
// step: a token's accounts (oldest binding first, at most `perToken`, the oldest
// evicted) and an account's tokens (latest binding first, at most `perAccount`,
// the oldest evicted). Binding an account that is already bound refreshes it:
// that device becomes the account's latest.
import { MAX_ACCOUNTS_PER_TOKEN, MAX_TOKENS_PER_ACCOUNT, sameAccount, type AccountOp, type AccountRef } from './audience-types.js';

/** Arrays handed to set* are never changed afterwards, so a table may keep them. */
export interface AccountTables {
  accountsOf(token: string): readonly AccountRef[];
  tokensOf(account: AccountRef): readonly string[];
  /** [] removes the entry. */
  setAccounts(token: string, accounts: AccountRef[]): void;
  setTokens(account: AccountRef, tokens: string[]): void;
}

export interface AccountLimits {
  perToken: number;
  perAccount: number;
}

export const XG_ACCOUNT_LIMITS: AccountLimits = { perToken: MAX_ACCOUNTS_PER_TOKEN, perAccount: MAX_TOKENS_PER_ACCOUNT };

export function applyAccountOps(ops: readonly AccountOp[], tables: AccountTables, limits: AccountLimits = XG_ACCOUNT_LIMITS): void {
  const unbind = (token: string, account: AccountRef) => {
    tables.setAccounts(token, tables.accountsOf(token).filter((a) => !sameAccount(a, account)));
    tables.setTokens(account, tables.tokensOf(account).filter((t) => t !== token));
  };
  const bind = (token: string, account: AccountRef) => {
    const accounts = [...tables.accountsOf(token).filter((a) => !sameAccount(a, account)), { account: account.account, accountType: account.accountType }];
    const tokens = [token, ...tables.tokensOf(account).filter((t) => t !== token)];
    const evictedAccounts = accounts.splice(0, Math.max(0, accounts.length - limits.perToken));
    const evictedTokens = tokens.splice(limits.perAccount);
    tables.setAccounts(token, accounts);
    tables.setTokens(account, tokens);
    for (const a of evictedAccounts) tables.setTokens(a, tables.tokensOf(a).filter((t) => t !== token));
    for (const t of evictedTokens) tables.setAccounts(t, tables.accountsOf(t).filter((a) => !sameAccount(a, account)));
  };
  const clear = (token: string) => {
    for (const account of [...tables.accountsOf(token)]) unbind(token, account);
  };

  for (const op of ops) {
    switch (op.kind) {
      case 'append':
        for (const account of op.accounts) bind(op.token, account);
        break;
      case 'replace':
        clear(op.token);
        for (const account of op.accounts) bind(op.token, account);
        break;
      case 'remove':
        for (const account of op.accounts) unbind(op.token, account);
        break;
      case 'clear':
        clear(op.token);
        break;
      case 'drop':
        for (const token of [...tables.tokensOf(op.account)]) unbind(token, op.account);
        break;
      default: {
        const unknown: never = op;
        throw new Error(`unknown account op ${JSON.stringify(unknown)}`);
      }
    }
  }
}
