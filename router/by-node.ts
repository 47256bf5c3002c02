// Tokens grouped by the gateway node that holds each, from a route lookup in
// the same order: one bus message per node, never one per token. Most groups
// are one node (a token push, any push in the embedded mode), so the first
// node's tokens are gathered without a Map; one is made only for a second node.
export function groupByNode(tokens: readonly string[], routes: ReadonlyArray<string | undefined>): Array<[node: string, tokens: string[]]> {
  let first: [node: string, tokens: string[]] | undefined;
  let others: Map<string, string[]> | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const node = routes[i];
    if (!node) continue;
    const token = tokens[i]!;
    if (first === undefined) first = [node, [token]];
    else if (node === first[0]) first[1].push(token);
    else {
      others ??= new Map();
      const list = others.get(node);
      if (list) list.push(token);
      else others.set(node, [token]);
    }
  }
  if (first === undefined) return [];
  return others ? [first, ...others] : [first];
}
