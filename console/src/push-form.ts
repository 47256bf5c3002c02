// The send form's state turned into the JSON /v3/push/app takes, and the curl
// line an app server would use for it. Pure: the preview and the send use
// the same body.
export interface PushFormState {
  audienceType: 'all' | 'tag' | 'token' | 'token_list' | 'account' | 'account_list';
  /** Tokens, tags or accounts, one per line or comma-separated. */
  targets: string;
  tagOperator: 'OR' | 'AND';
  accountType: string;
  messageType: 'notify' | 'message';
  title: string;
  content: string;
  custom: Array<{ key: string; value: string }>;
  /** Seconds; '' = the server's default. */
  expireTime: string;
}

export function pushBody(s: PushFormState): Record<string, unknown> {
  const list = s.targets.split(/[\n,]/).map((t) => t.trim()).filter(Boolean);
  const body: Record<string, unknown> = { audience_type: s.audienceType };
  if (s.audienceType === 'token' || s.audienceType === 'token_list') body.token_list = list;
  if (s.audienceType === 'tag') body.tag_list = { tags: list, op: s.tagOperator };
  if (s.audienceType === 'account' || s.audienceType === 'account_list') {
    body.account_list = list;
    if (s.accountType !== '' && s.accountType !== '0') body.account_type = Number(s.accountType);
  }
  body.message_type = s.messageType;
  const message: Record<string, unknown> = { title: s.title, content: s.content };
  const custom = s.custom.filter((kv) => kv.key !== '');
  if (custom.length > 0) message.custom_content = Object.fromEntries(custom.map((kv) => [kv.key, kv.value]));
  body.message = message;
  if (s.expireTime !== '') body.expire_time = Number(s.expireTime);
  return body;
}

/** Shell-quoted with single quotes, so the body is passed as typed. */
export function curlLine(origin: string, accessId: string, body: unknown): string {
  const json = JSON.stringify(body).replace(/'/g, `'\\''`);
  return `curl -s ${origin}/v3/push/app -u ${accessId}:<secret_key> -H 'content-type: application/json' -d '${json}'`;
}
