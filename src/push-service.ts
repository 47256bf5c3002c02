// The contract between the REST layer (src/api) and the router: a validated
// push task goes in, an outcome per target comes out. The API parses and checks
// XG fields; the router resolves targets and picks each one's way out.
import type { AudienceType, PushContent, PushCounters, PushRecord } from './stores/types.js';

export type { PushContent };

export interface PushTask {
  accessId: string;
  audienceType: AudienceType;
  /** Targets, already length- and format-checked, duplicates removed. */
  tokens: string[];
  /**
   * token_list / account_list: a push_id returned by an earlier call whose content
   * is reused (XG: later calls with the same push_id). Then `content` is ignored.
   */
  reusePushId?: string;
  content: PushContent;
}

export type TargetStatus = 'online' | 'offline' | 'not_registered' | 'dropped_offline';

export interface PushOutcome {
  pushId: string;
  /** Same order as task.tokens. dropped_offline: expire_time 0 and the device was not connected. */
  targets: TargetStatus[];
}

export interface PushService {
  /**
   * Resolves when every target is either handed to a live socket or durably
   * stored offline (or failed). Throws ApiError(PUSH_TASK_NOT_FOUND) for an
   * unknown or foreign reusePushId.
   */
  push(task: PushTask): Promise<PushOutcome>;
  /** undefined when the push does not exist or belongs to another app. */
  record(accessId: string, pushId: string): Promise<{ record: PushRecord; counters: PushCounters } | undefined>;
  /** The app's pushes created in [fromMs, toMs), newest first. */
  list(accessId: string, fromMs: number, toMs: number, limit: number): Promise<PushRecord[]>;
}
