// A device's own tags and accounts for one app (XG's setTag / addTags /
// deleteTags and bindAccount / appendAccount / delAccount): each call sends a
// TagChange or AccountChange frame and resolves when the gateway's Result says
// it is applied (the app server sees it through the REST API from then on).
//
// A call needs a connected client: it rejects at once when there is no socket,
// and rejects when the socket closes before the Result. Then `code` is
// undefined and the change may or may not have been applied; every change is
// idempotent, so calling again after the next 'connected' event is safe.
import { AccountOperation, encodeClientFrame, TagOperation, type ResultFrame } from '../../proto/codec.js';

export interface Account {
  account: string;
  /** XG account type: 0 unknown (default), 1 phone, 2 e-mail, 1000–1011 social ids, ≥ 2001 your own. */
  accountType?: number;
}

/** The gateway refused the change (`code` is its REST ret_code), or the answer never came (`code` undefined). */
export class ProfileChangeError extends Error {
  constructor(
    readonly code: number | undefined,
    message: string,
  ) {
    super(code === undefined ? message : `${message} (${code})`);
    this.name = 'ProfileChangeError';
  }
}

/** One socket (the SDK's Connection): sends a frame, false when it is not welcomed or has ended. */
export interface FrameChannel {
  request(frame: Uint8Array): boolean;
}

/** Request ids are uint32 on the wire. */
const MAX_REQUEST_ID = 0xffff_ffff;

/** The changes in flight on one client, matched to their Results by request id. */
export class ProfileRequests {
  private lastId = 0;
  private readonly pending = new Map<number, { channel: FrameChannel; resolve: () => void; reject: (err: Error) => void }>();

  send(channel: FrameChannel | undefined, build: (requestId: number) => Uint8Array): Promise<void> {
    this.lastId = this.lastId >= MAX_REQUEST_ID ? 1 : this.lastId + 1;
    const requestId = this.lastId;
    return new Promise<void>((resolve, reject) => {
      if (!channel?.request(build(requestId))) {
        reject(new ProfileChangeError(undefined, 'not connected'));
        return;
      }
      this.pending.set(requestId, { channel, resolve, reject });
    });
  }

  settle(result: ResultFrame): void {
    const requestId = result.requestId ?? 0;
    const waiter = this.pending.get(requestId);
    if (!waiter) return;
    this.pending.delete(requestId);
    const code = result.code ?? 0;
    if (code === 0) waiter.resolve();
    else waiter.reject(new ProfileChangeError(code, result.message || 'change refused'));
  }

  /** `channel` closed: what was sent on it will not be answered. */
  closed(channel: FrameChannel, reason: string): void {
    for (const [requestId, w] of this.pending) {
      if (w.channel !== channel) continue;
      this.pending.delete(requestId);
      w.reject(new ProfileChangeError(undefined, `connection closed before the result: ${reason}`));
    }
  }
}

export class DeviceProfile {
  constructor(
    readonly accessId: string,
    private readonly requests: ProfileRequests,
    /** The client's current socket, if any. */
    private readonly channel: () => FrameChannel | undefined,
  ) {}

  /** The token's tags become exactly `tags` ([] clears them). A tag is 1–50 characters without spaces; a device keeps 100. */
  setTags(tags: readonly string[]): Promise<void> {
    return this.tags(TagOperation.TAG_SET, tags);
  }

  addTags(tags: readonly string[]): Promise<void> {
    return this.tags(TagOperation.TAG_ADD, tags);
  }

  removeTags(tags: readonly string[]): Promise<void> {
    return this.tags(TagOperation.TAG_REMOVE, tags);
  }

  /** The token's accounts become exactly these (at most 3; [] unbinds all): call it at login. */
  bindAccounts(accounts: ReadonlyArray<Account | string>): Promise<void> {
    return this.accounts(AccountOperation.ACCOUNT_BIND, accounts);
  }

  /** Binds more accounts; a token keeps 3, so the oldest binding goes. */
  appendAccounts(accounts: ReadonlyArray<Account | string>): Promise<void> {
    return this.accounts(AccountOperation.ACCOUNT_APPEND, accounts);
  }

  removeAccounts(accounts: ReadonlyArray<Account | string>): Promise<void> {
    return this.accounts(AccountOperation.ACCOUNT_REMOVE, accounts);
  }

  private tags(operation: TagOperation, tags: readonly string[]): Promise<void> {
    const { accessId } = this;
    return this.requests.send(this.channel(), (requestId) => encodeClientFrame({ tagChange: { requestId, accessId, operation, tags: [...tags] } }));
  }

  private accounts(operation: AccountOperation, accounts: ReadonlyArray<Account | string>): Promise<void> {
    const { accessId } = this;
    const wire = accounts.map((a) => (typeof a === 'string' ? { account: a, accountType: 0 } : { account: a.account, accountType: a.accountType ?? 0 }));
    return this.requests.send(this.channel(), (requestId) => encodeClientFrame({ accountChange: { requestId, accessId, operation, accounts: wire } }));
  }
}
