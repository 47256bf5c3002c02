// Every NATS subject and queue group Homing uses, named in one place. A new
// kind of bus message (broadcast to all gateways, push jobs) adds its subject
// here and nowhere else.
//
//   homing.node.<node>   commands for exactly one gateway node
//   homing.gateways      commands for every gateway node (broadcast pushes)
//   homing.receipts      gateway → routers, taken by one member of ROUTERS_QUEUE
//   homing.presence      gateway → every router: "alive" every few seconds, "leaving"
//   homing.push-jobs     api → routers, request/reply, taken by one member of ROUTERS_QUEUE
//   homing.push-log[.<ns>]  the push log, JetStream stream HOMING_PUSH_LOG[_<ns>]
//                        (src/stores/cluster/push-log.ts)
//
// Subjects are dot-separated tokens. Node ids (see HOMING_NODE_ID) may contain
// dots, such as a host name, so a node id becomes one token with each '.'
// replaced by '~', a character node ids never contain: distinct ids stay
// distinct and a node never spans several tokens (where a wildcard on
// `homing.node.*` would miss it).

export const SUBJECT_PREFIX = 'homing';

/** Routers share receipt batches and push jobs as one NATS queue group. */
export const ROUTERS_QUEUE = 'homing-routers';

const NODE_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** A push log namespace: one token of a subject and part of a stream name. */
const NAMESPACE = /^[A-Za-z0-9_-]{1,32}$/;

function checkNamespace(namespace: string): string {
  if (namespace !== '' && !NAMESPACE.test(namespace)) throw new RangeError(`bad push log namespace "${namespace}": 1-32 letters, digits, '_', '-'`);
  return namespace;
}

export const subjects = {
  /** Commands for one gateway node. Throws on an id HOMING_NODE_ID would refuse. */
  node(nodeId: string): string {
    if (!NODE_ID.test(nodeId)) throw new RangeError(`bad node id "${nodeId}": 1-64 letters, digits, '_', '.', '-'`);
    return `${SUBJECT_PREFIX}.node.${nodeId.replaceAll('.', '~')}`;
  },
  /** Commands every gateway node takes (no queue group: each gets one copy). */
  gateways: `${SUBJECT_PREFIX}.gateways`,
  /** Receipt batches from gateways, for the routers' queue group. */
  receipts: `${SUBJECT_PREFIX}.receipts`,
  /** Gateway nodes' liveness announcements, for every router (no queue group). */
  presence: `${SUBJECT_PREFIX}.presence`,
  /** Push jobs, api → routers: a request one router of ROUTERS_QUEUE answers with the outcome. */
  pushJobs: `${SUBJECT_PREFIX}.push-jobs`,
  /**
   * The push log's subject, the one subject of its JetStream stream. A
   * namespace keeps several clusters (or tests) on one NATS apart; '' = none.
   */
  pushLog(namespace = ''): string {
    return checkNamespace(namespace) ? `${SUBJECT_PREFIX}.push-log.${namespace}` : `${SUBJECT_PREFIX}.push-log`;
  },
  /** The push log's JetStream stream name (no dots allowed there). */
  pushLogStream(namespace = ''): string {
    return checkNamespace(namespace) ? `HOMING_PUSH_LOG_${namespace}` : 'HOMING_PUSH_LOG';
  },
} as const;
