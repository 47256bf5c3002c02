// Routes of live sockets in this process. Also the embedded mode's registry:
// a route names a socket, so it must not outlive the process that holds it.
import type { RouteRegistry } from '../types.js';

export class MemoryRouteRegistry implements RouteRegistry {
  private readonly routes = new Map<string, string>();

  async set(tokens: readonly string[], nodeId: string): Promise<void> {
    for (const token of tokens) this.routes.set(token, nodeId);
  }

  async lookup(tokens: readonly string[]): Promise<Array<string | undefined>> {
    return tokens.map((token) => this.routes.get(token));
  }

  async remove(tokens: readonly string[], nodeId: string): Promise<void> {
    // A socket closing on an old node must not erase the route a newer connect set.
    for (const token of tokens) {
      if (this.routes.get(token) === nodeId) this.routes.delete(token);
    }
  }
}
