// Tag changes made through the REST API reach the gateway node that holds each
// token, so its socket joins or leaves the tag's broadcast topic at once. A
// TagStore decorator: the API writes tags as before; after a change commits,
// the nodes of the tokens it touched get a `retag` command. Tokens with no
// route are offline: their next hello joins the right topics.
import type { NodeBus } from '../src/bus/node-bus.js';
import type { Logger } from '../src/log.js';
import type { TagOp, TagStore } from '../src/stores/audience-types.js';
import type { RouteRegistry } from '../src/stores/types.js';
import { groupByNode } from './by-node.js';

export function announcingTagChanges(tags: TagStore, routes: Pick<RouteRegistry, 'lookup'>, bus: NodeBus, log: Logger): TagStore {
  const announce = async (accessId: string, tokens: readonly string[]) => {
    const unique = [...new Set(tokens)];
    const nodes = await routes.lookup(unique);
    for (const [node, list] of groupByNode(unique, nodes)) bus.sendToNode(node, { kind: 'retag', accessId, tokens: list });
  };
  const quietly = (accessId: string, tokens: readonly string[]) => {
    announce(accessId, tokens).catch((err) => log.error({ err }, 'announcing tag changes failed'));
  };
  return {
    async update(accessId: string, ops: readonly TagOp[]) {
      const result = await tags.update(accessId, ops);
      if (result.ok) quietly(accessId, ops.map((op) => op.token));
      return result;
    },
    async deleteTags(accessId: string, removed: readonly string[]) {
      const touched = (await Promise.all(removed.map((tag) => tags.tokensOf(accessId, tag)))).flat();
      const n = await tags.deleteTags(accessId, removed);
      quietly(accessId, touched);
      return n;
    },
    tagsOf: (accessId, token) => tags.tagsOf(accessId, token),
    tokensOf: (accessId, tag) => tags.tokensOf(accessId, tag),
    tokenCount: (accessId, tag) => tags.tokenCount(accessId, tag),
    tagCount: (accessId) => tags.tagCount(accessId),
    listTags: (accessId, start, limit) => tags.listTags(accessId, start, limit),
  };
}
