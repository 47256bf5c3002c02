// The contract between the REST layer (src/api) and the router: a validated
// push task goes in, an outcome per target comes out. The API parses and checks
// XG fields; the router resolves targets and picks each one's way out.
import type { AccountRef } from './stores/audience-types.js';
import type { TagExpression } from './stores/tag-expression.js';
import type { AudienceType, PushContent, PushCounters, PushRecord } from './stores/types.js';

export type { PushContent };

/**
 * Who a push is for when it does not name tokens: every device of the app, the
 * devices a tag expression matches, or the devices of accounts (pushType 0:
 * each account's latest bound device; 1: all of them). The router resolves it.
 */
export type Audience =
  | { kind: 'all' }
  | { kind: 'tag'; expression: TagExpression }
  | { kind: 'accounts'; accounts: AccountRef[]; pushType: 0 | 1 };

export interface PushTask {
  accessId: string;
  audienceType: AudienceType;
  /** token / token_list targets, already length- and format-checked, duplicates removed; [] with an audience. */
  tokens: string[];
  /** all, tag, account, account_list: resolved by the router; undefined for token pushes. */
  audience?: Audience;
  /**
   * token_list / account_list: a push_id returned by an earlier call whose content
   * is reused (XG: later calls with the same push_id). Then `content` is ignored.
   */
  reusePushId?: string;
  content: PushContent;
}

/** provider: handed to APNs or FCM after the log append; counted when the provider answers. */
export type TargetStatus = 'online' | 'offline' | 'not_registered' | 'dropped_offline' | 'provider';

export interface PushOutcome {
  pushId: string;
  /**
   * Same order as task.tokens. dropped_offline: expire_time 0 and the device was
   * not connected. [] for an audience task: XG lists no per-device status there.
   */
  targets: TargetStatus[];
  /** Audience tasks: the devices the audience resolved to when sent (statistics' targets). */
  targetCount?: number;
  /** Account audiences: the accounts, in request order, that reach no registered device. */
  accountsWithoutDevices?: AccountRef[];
}

export interface PushService {
  /**
   * Resolves when every target is either handed to a live socket or durably
   * stored offline (or failed). Throws ApiError(PUSH_TASK_NOT_FOUND) for an
   * unknown or foreign reusePushId. An audience that reaches no device is not
   * an error here (the push is created with no target); the API picks the code.
   */
  push(task: PushTask): Promise<PushOutcome>;
  /** undefined when the push does not exist or belongs to another app. */
  record(accessId: string, pushId: string): Promise<{ record: PushRecord; counters: PushCounters } | undefined>;
  /** The app's pushes created in [fromMs, toMs), newest first. */
  list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]>;
}
