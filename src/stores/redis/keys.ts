// Every Redis key the stores use, in one place. The client adds a prefix
// (`homing:` by default, see openRedisStores), so several Homing clusters, or
// several tests, can share one Redis.
//
//   {apps}                       hash    accessId → AppRecord
//   device:{<token>}             string  DeviceRecord
//   app-devices:{app:<accessId>}  set    the app's tokens (device-store.ts)
//   app-devices:{app-devices}:built  string  set once the index covers the devices from before it
//   route:{<token>}              string  gateway node id, with a TTL (PX)
//   push:{<pushId>}              string  PushRecord
//   counters:{<pushId>}          hash    counter name → n, `failed:<reason>` → n
//   pushes-by-app:{<accessId>}   zset    score createdAt, member byAppMember(pushId)
//   {ids}                        string  end (exclusive) of the last reserved id block
//   offline:{<token>}            zset    the token's offline refs, score 0, member idMember(pushId)
//   offline-refs:{<token>}       hash    pushId → packed ref (offline-store.ts)
//   offline:{offline}:expiry     zset    score expiresAt, member `<pushId> <token>` (every token)
//   offline:{offline}:depth      string  refs stored across all tokens
//   push-log:{push-log}:index    zset    score 0, member `idMember(seq) <stream seq>` (../cluster/push-log.ts)
//   push-log:{push-log}:checkpoint  string  DeliveryProgress.checkpoint
//   push-log:{push-log}:acked    zset    score 0, member `idMember(seq) <token>`: ack marks
//   credentials:{app:<accessId>}  string  ProviderCredentials (+ `:v`, its version)
//   broadcasts:{app:<accessId>}  zset + hash  the app's broadcast log (broadcast-log.ts)
//   broadcasts:{broadcasts}:expiry  zset  broadcast entries by expiry, for prune
//   tags:{app:<accessId>}:...    tags, one slot per app (see tag-store.ts)
//   accounts:{app:<accessId>}:...  accounts, one slot per app (see account-store.ts)
//
// Redis Cluster hashes only the part inside the first {...} of a key, so every
// key of one token (device, route, and the offline index to come) lands in one
// slot and can be read or written together, atomically, by one script; likewise
// a push's record and counters. Keys for different tokens spread over the slots.
// Values are packed with src/codec.ts, except counters (HINCRBY needs integers)
// and routes (a node id is already a short string).

export const DEFAULT_KEY_PREFIX = 'homing:';

export const keys = {
  apps: '{apps}',
  device: (token: string) => `device:{${token}}`,
  appDevices: (accessId: string) => `app-devices:{app:${accessId}}`,
  appDevicesBuilt: 'app-devices:{app-devices}:built',
  route: (token: string) => `route:{${token}}`,
  push: (pushId: string) => `push:{${pushId}}`,
  counters: (pushId: string) => `counters:{${pushId}}`,
  pushesByApp: (accessId: string) => `pushes-by-app:{${accessId}}`,
  ids: '{ids}',
  offline: (token: string) => `offline:{${token}}`,
  offlineRefs: (token: string) => `offline-refs:{${token}}`,
  offlineExpiry: 'offline:{offline}:expiry',
  offlineDepth: 'offline:{offline}:depth',
  pushLogIndex: 'push-log:{push-log}:index',
  checkpoint: 'push-log:{push-log}:checkpoint',
  ackMarks: 'push-log:{push-log}:acked',
  credentials: (accessId: string) => `credentials:{app:${accessId}}`,
  credentialsVersion: (accessId: string) => `credentials:{app:${accessId}}:v`,
} as const;

/**
 * A decimal id as a sorted-set member whose byte order is compareMessageIds'
 * order: the id's length (3 digits) first, since shorter ids are smaller.
 * Members of a set scored all 0 sort bytewise, so ZRANGE BYLEX pages by id.
 */
export const idMember = byAppMember;

/** ZRANGE BYLEX lower bound: every member whose id sorts after `id`, whatever follows the id. */
export function afterIdBound(id: string | undefined): string {
  // Members are idMember(id) followed by nothing or by ' ' and more; '!' sorts
  // just above ' ', so this bound excludes every member for `id` itself.
  return id === undefined ? '-' : `(${idMember(id)}!`;
}

/**
 * A push's member in its app's by-time index. Members with the same score
 * (createdAt) sort bytewise; prefixing the id's length (3 digits) makes that
 * order compareMessageIds' order: shorter decimal ids are smaller.
 */
export function byAppMember(pushId: string): string {
  return String(pushId.length).padStart(3, '0') + pushId;
}

export function pushIdOfMember(member: string): string {
  return member.slice(3);
}

/** The part of a key Redis Cluster hashes: the first non-empty {...}, else the whole key. */
export function hashTag(key: string): string {
  const open = key.indexOf('{');
  if (open < 0) return key;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}
