// Tokens grouped by the gateway node that holds each, from a route lookup in
// the same order: one bus message per node, never one per token.
export function groupByNode(tokens: readonly string[], routes: ReadonlyArray<string | undefined>): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  tokens.forEach((token, i) => {
    const node = routes[i];
    if (!node) return;
    const list = byNode.get(node);
    if (list) list.push(token);
    else byNode.set(node, [token]);
  });
  return byNode;
}
