// Tags and accounts: the stores an audience resolves through. Both are per app
// (every call names the access id), and both are written by the REST API and by
// the device itself over its socket. The limits are XG's (XG-API.md §4–§5); the
// stores enforce the ones that need the current state, inside the same atomic
// step as the write, so two racing calls cannot both pass a limit.

/** XG: at most 100 tags on one device. */
export const MAX_TAGS_PER_TOKEN = 100;
/** XG: at most 10,000 distinct tags in one app. */
export const MAX_TAGS_PER_APP = 10_000;
/** XG: a tag is at most 50 characters. */
export const MAX_TAG_CHARS = 50;
/** XG client SDK: appendAccount keeps at most 3 accounts per token, evicting the oldest. */
export const MAX_ACCOUNTS_PER_TOKEN = 3;
/** XG: an account reaches at most 100 devices; binding one more unbinds its oldest. */
export const MAX_TOKENS_PER_ACCOUNT = 100;
/** XG: an account is longer than 1 character; 100 is XG's cap in account packages. */
export const MIN_ACCOUNT_CHARS = 2;
export const MAX_ACCOUNT_CHARS = 100;

/** One change to one token's tags. Changes of one update apply in order. */
export type TagOp =
  | { kind: 'add'; token: string; tags: readonly string[] }
  | { kind: 'remove'; token: string; tags: readonly string[] }
  | { kind: 'clear'; token: string }
  /**
   * Replace the token's tags (XG operator 6). TPNS rule: when every new tag is
   * written `class:value`, only the token's tags of those classes are replaced.
   */
  | { kind: 'set'; token: string; tags: readonly string[] };

export type TagUpdateResult =
  | { ok: true }
  /** Nothing was written. */
  | { ok: false; limit: 'tags_per_token'; token: string }
  | { ok: false; limit: 'tags_per_app' };

export interface TagStore {
  /**
   * Applies every op, in order, as one atomic step, or nothing when a limit
   * would be passed (a change that does not grow an over-limit count is allowed).
   * Tokens are not checked here; the caller knows which ones exist.
   */
  update(accessId: string, ops: readonly TagOp[]): Promise<TagUpdateResult>;
  /** Removes these tags from every token of the app; resolves with the bindings removed. */
  deleteTags(accessId: string, tags: readonly string[]): Promise<number>;
  /** The token's tags, sorted (code point order). */
  tagsOf(accessId: string, token: string): Promise<string[]>;
  /** The tag's tokens, sorted (code point order); [] for an unknown tag. */
  tokensOf(accessId: string, tag: string): Promise<string[]>;
  /** Tokens bound to the tag. */
  tokenCount(accessId: string, tag: string): Promise<number>;
  /** Distinct tags of the app (tags with at least one token). */
  tagCount(accessId: string): Promise<number>;
  /** The app's tags in code point order, from index `start`, at most `limit`. */
  listTags(accessId: string, start: number, limit: number): Promise<string[]>;
}

/** An account as the app server names it: the account type is part of its identity (XG). */
export interface AccountRef {
  account: string;
  accountType: number;
}

/** Account changes. Ops of one update apply in order, as one atomic step. */
export type AccountOp =
  /** XG batchoperate 1, device appendAccount: bind more accounts; over the per-token cap the oldest go. */
  | { kind: 'append'; token: string; accounts: readonly AccountRef[] }
  /** XG batchoperate 2, device bindAccount: the token's accounts become exactly these. */
  | { kind: 'replace'; token: string; accounts: readonly AccountRef[] }
  /** XG batchoperate 3, device delAccount. */
  | { kind: 'remove'; token: string; accounts: readonly AccountRef[] }
  /** XG batchoperate 4: the token leaves every account. */
  | { kind: 'clear'; token: string }
  /** XG batchoperate 5: the account leaves every token. */
  | { kind: 'drop'; account: AccountRef };

export interface AccountStore {
  update(accessId: string, ops: readonly AccountOp[]): Promise<void>;
  /**
   * The account's tokens, the most recently bound first: [0] is the device an
   * account push with account_push_type 0 goes to. [] for an unknown account.
   */
  tokensOf(accessId: string, account: AccountRef): Promise<string[]>;
  /** The token's accounts, oldest binding first. */
  accountsOf(accessId: string, token: string): Promise<AccountRef[]>;
}

/** XG account types: 0 unknown, 1 phone, 2 e-mail, 1000–1011 social ids, 1999 other, 2000 guest, ≥ 2001 app-defined. */
export function isAccountType(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return false;
  return value === 0 || value === 1 || value === 2 || (value >= 1000 && value <= 1011) || value === 1999 || value >= 2000;
}

/** Why `tag` is not a valid tag, or undefined when it is. */
export function tagProblem(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag === '') return 'a tag must be a non-empty string';
  if ([...tag].length > MAX_TAG_CHARS) return `tag "${tag.slice(0, 60)}" is longer than ${MAX_TAG_CHARS} characters`;
  // Spaces are XG's rule; control characters would be invisible in every listing.
  if (/[\s\p{Cc}]/u.test(tag)) return `tag "${tag}" contains a space or a control character`;
  return undefined;
}

/** Why `account` is not a valid account name, or undefined when it is. */
export function accountProblem(account: unknown): string | undefined {
  if (typeof account !== 'string') return 'an account must be a string';
  const chars = [...account].length;
  if (chars < MIN_ACCOUNT_CHARS || chars > MAX_ACCOUNT_CHARS) {
    return `account "${account.slice(0, 110)}" must be ${MIN_ACCOUNT_CHARS}–${MAX_ACCOUNT_CHARS} characters`;
  }
  if (/\p{Cc}/u.test(account)) return `account "${account}" contains a control character`;
  return undefined;
}

/** Code point order, which is also LMDB's (UTF-8 byte) order of string keys. */
export function compareCodePoints(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function sameAccount(a: AccountRef, b: AccountRef): boolean {
  return a.account === b.account && a.accountType === b.accountType;
}
