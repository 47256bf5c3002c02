// Resolves a push's audience (all, a tag expression, accounts) to the app's
// registered tokens, each once. The router then delivers to them exactly as to
// a token_list push.
//
// Contract: every token returned is a registered device of the app when read
// (tag and account bindings can outlive a device between expiry sweeps, so
// they are checked against the device store), and no token appears twice (a
// device matching several tags, or bound to several accounts, gets one copy).
//
// Cost: `all`, and a tag expression whose result is a complement (`NOT vip`),
// read the app's tokens from the stores' per-app index (DeviceStore.tokensOfApp),
// not its device records: a page of keys per step, the app's devices only.
import type { Audience } from '../src/push-service.js';
import type { AccountRef, AccountStore, TagStore } from '../src/stores/audience-types.js';
import { resolveTagExpression } from '../src/stores/tag-expression.js';
import type { DeviceStore } from '../src/stores/types.js';

/** Tokens read per index step: big enough to amortise a store round trip, small enough to stay light on memory. */
export const SCAN_PAGE = 1000;

export interface ResolvedAudience {
  /** Registered tokens of the app, each once. */
  tokens: string[];
  /** Account audiences: the accounts (request order) that reach no registered device. */
  accountsWithoutDevices?: AccountRef[];
}

export interface AudienceResolverDeps {
  devices: DeviceStore;
  tags: Pick<TagStore, 'tokensOf'>;
  accounts: Pick<AccountStore, 'tokensOf'>;
  scanPage?: number;
}

export class AudienceResolver {
  private readonly scanPage: number;

  constructor(private readonly deps: AudienceResolverDeps) {
    this.scanPage = deps.scanPage ?? SCAN_PAGE;
  }

  async resolve(accessId: string, audience: Audience): Promise<ResolvedAudience> {
    switch (audience.kind) {
      case 'all':
        return { tokens: await this.allTokens(accessId) };
      case 'tag': {
        // A complement reads the app's index, whose tokens are registered (in Redis, but for a rare
        // leftover of a crash); checking them again is cheap next to it.
        const matched = await resolveTagExpression(audience.expression, this.deps.tags, accessId, () => this.allTokens(accessId));
        return { tokens: await this.registered(accessId, [...matched]) };
      }
      case 'accounts':
        return this.accounts(accessId, audience.accounts, audience.pushType);
    }
  }

  /** Every registered token of the app, in the index's order. */
  private async allTokens(accessId: string): Promise<string[]> {
    // A Set: a Redis SSCAN may show a token twice.
    const tokens = new Set<string>();
    let cursor = '';
    do {
      const page = await this.deps.devices.tokensOfApp(accessId, cursor, this.scanPage);
      for (const token of page.tokens) tokens.add(token);
      cursor = page.cursor;
    } while (cursor !== '');
    return [...tokens];
  }

  /** `tokens` that are registered devices of the app, order kept. */
  private async registered(accessId: string, tokens: string[]): Promise<string[]> {
    if (tokens.length === 0) return [];
    const records = await this.deps.devices.getMany(tokens);
    return tokens.filter((_, i) => records[i]?.accessId === accessId);
  }

  /**
   * pushType 0: each account's most recently bound registered device (a stale
   * latest binding falls through to the next); 1: all its registered devices.
   */
  private async accounts(accessId: string, accounts: readonly AccountRef[], pushType: 0 | 1): Promise<ResolvedAudience> {
    const unique = [...new Map(accounts.map((a) => [`${a.accountType} ${a.account}`, a])).values()];
    const bound = await Promise.all(unique.map((account) => this.deps.accounts.tokensOf(accessId, account)));
    const live = new Set(await this.registered(accessId, [...new Set(bound.flat())]));
    const tokens = new Set<string>();
    const accountsWithoutDevices: AccountRef[] = [];
    unique.forEach((account, i) => {
      const reachable = bound[i]!.filter((token) => live.has(token));
      if (reachable.length === 0) accountsWithoutDevices.push(account);
      for (const token of pushType === 0 ? reachable.slice(0, 1) : reachable) tokens.add(token);
    });
    return { tokens: [...tokens], accountsWithoutDevices };
  }
}
