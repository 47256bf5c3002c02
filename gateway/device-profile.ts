// A device changing its own tags and accounts over its socket (TagChange,
// AccountChange), answered by a Result with the request's id. The token is the
// one this socket holds for the named app (DeviceSession.tokenOf), so a device
// can only ever change itself. The same stores and limits serve the REST API,
// so a change is visible there as soon as its Result says 0.
//
// A bad request is answered, not punished: the Result carries the REST ret_code
// (10102 / 10103, 91 / 92 for the tag limits, 10100 when a store failed) and
// the socket stays open.
import { AccountOperation, encodeServerFrame, TagOperation, type DecodedClientFrame } from '../proto/codec.js';
import { RetCode, type RetCodeValue } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/metrics.js';
import {
  MAX_ACCOUNTS_PER_TOKEN,
  MAX_TAGS_PER_APP,
  MAX_TAGS_PER_TOKEN,
  accountProblem,
  isAccountType,
  tagProblem,
  type AccountOp,
  type AccountRef,
  type AccountStore,
  type TagOp,
  type TagStore,
} from '../src/stores/audience-types.js';
import type { DeviceSession } from './session.js';

export interface DeviceProfileDeps {
  tags: TagStore;
  accounts: AccountStore;
  /** After a tag change of this socket's token went through (its broadcast topics follow). */
  tagsChanged?: (session: DeviceSession, accessId: string) => void;
  log: Logger;
  metrics: Metrics;
}

/** Accounts one AccountChange may name to remove; bind and append are capped by what a token keeps. */
const MAX_ACCOUNTS_TO_REMOVE = 20;

class Refusal extends Error {
  constructor(
    readonly code: RetCodeValue,
    message: string,
  ) {
    super(message);
  }
}

export function resultFrame(requestId: number, code: number, message: string): Uint8Array {
  return encodeServerFrame({ result: { requestId, code, message } });
}

export class DeviceProfiles {
  private readonly log: Logger;

  constructor(private readonly deps: DeviceProfileDeps) {
    this.log = deps.log.child({ component: 'device-profile' });
  }

  /** For a ready session's tagChange or accountChange frame; everything is read from `frame` before the first await. */
  handle(session: DeviceSession, frame: DecodedClientFrame): void {
    const change = frame.tagChange ?? frame.accountChange;
    const requestId = change?.requestId ?? 0;
    let run: () => Promise<[RetCodeValue, string]>;
    try {
      const accessId = change?.accessId ?? '';
      const token = session.tokenOf(accessId);
      if (!token) throw new Refusal(RetCode.ILLEGAL_PARAMETER, `app "${accessId}" is not registered on this socket`);
      if (frame.tagChange) {
        const op = tagOp(token, frame.tagChange.operation ?? 0, frame.tagChange.tags ?? []);
        run = async () => {
          const answer = await this.changeTags(accessId, op);
          if (answer[0] === RetCode.OK) this.deps.tagsChanged?.(session, accessId);
          return answer;
        };
      } else {
        const op = accountOp(token, frame.accountChange!.operation ?? 0, frame.accountChange!.accounts ?? []);
        run = async () => (await this.deps.accounts.update(accessId, [op]), [RetCode.OK, '']);
      }
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      return this.answer(session, requestId, err.code, err.message);
    }
    run().then(
      ([code, message]) => this.answer(session, requestId, code, message),
      (err: unknown) => {
        this.log.error({ err }, 'tag or account change failed');
        this.answer(session, requestId, RetCode.BUSY, 'internal error, retry later');
      },
    );
  }

  private async changeTags(accessId: string, op: TagOp): Promise<[RetCodeValue, string]> {
    const outcome = await this.deps.tags.update(accessId, [op]);
    if (outcome.ok) return [RetCode.OK, ''];
    return outcome.limit === 'tags_per_token'
      ? [RetCode.TOO_MANY_TAGS_ON_DEVICE, `a device keeps at most ${MAX_TAGS_PER_TOKEN} tags; nothing was changed`]
      : [RetCode.TOO_MANY_TAGS_IN_APP, `the app has ${MAX_TAGS_PER_APP.toLocaleString('en-US')} tags; nothing was changed`];
  }

  private answer(session: DeviceSession, requestId: number, code: number, message: string): void {
    if (!session.isOpen) return;
    session.transport.cork(() => session.transport.send(resultFrame(requestId, code, message)));
    this.deps.metrics.framesOut.inc({ type: 'result' });
  }
}

function tagOp(token: string, operation: number, tags: string[]): TagOp {
  if (tags.length > MAX_TAGS_PER_TOKEN) throw new Refusal(RetCode.ILLEGAL_PARAMETER, `at most ${MAX_TAGS_PER_TOKEN} tags per change`);
  for (const tag of tags) {
    const problem = tagProblem(tag);
    if (problem) throw new Refusal(RetCode.ILLEGAL_PARAMETER, problem);
  }
  switch (operation) {
    case TagOperation.TAG_SET:
      return { kind: 'set', token, tags };
    case TagOperation.TAG_ADD:
    case TagOperation.TAG_REMOVE:
      if (tags.length === 0) throw new Refusal(RetCode.MISSING_PARAMETER, 'tags is empty');
      return { kind: operation === TagOperation.TAG_ADD ? 'add' : 'remove', token, tags };
    default:
      throw new Refusal(RetCode.ILLEGAL_PARAMETER, `unknown tag operation ${operation}`);
  }
}

function accountOp(token: string, operation: number, wire: Array<{ account?: string | null; accountType?: number | null }>): AccountOp {
  const accounts: AccountRef[] = wire.map((a) => {
    const problem = accountProblem(a.account ?? '');
    if (problem) throw new Refusal(RetCode.ILLEGAL_PARAMETER, problem);
    const accountType = a.accountType ?? 0;
    if (!isAccountType(accountType)) throw new Refusal(RetCode.ILLEGAL_PARAMETER, `account_type ${accountType} is not an XG account type`);
    return { account: a.account!, accountType };
  });
  const cap = operation === AccountOperation.ACCOUNT_REMOVE ? MAX_ACCOUNTS_TO_REMOVE : MAX_ACCOUNTS_PER_TOKEN;
  if (accounts.length > cap) throw new Refusal(RetCode.ILLEGAL_PARAMETER, `at most ${cap} accounts per change`);
  switch (operation) {
    case AccountOperation.ACCOUNT_BIND:
      return { kind: 'replace', token, accounts };
    case AccountOperation.ACCOUNT_APPEND:
    case AccountOperation.ACCOUNT_REMOVE:
      if (accounts.length === 0) throw new Refusal(RetCode.MISSING_PARAMETER, 'accounts is empty');
      return { kind: operation === AccountOperation.ACCOUNT_APPEND ? 'append' : 'remove', token, accounts };
    default:
      throw new Refusal(RetCode.ILLEGAL_PARAMETER, `unknown account operation ${operation}`);
  }
}
