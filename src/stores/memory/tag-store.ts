// Tags in Maps, both directions per app. An update is planned (tag-plan.ts) and
// applied synchronously, so it is atomic by construction.
import { compareCodePoints, type TagOp, type TagStore, type TagUpdateResult } from '../audience-types.js';
import { planTagUpdate } from '../tag-plan.js';

interface AppTags {
  byToken: Map<string, Set<string>>;
  byTag: Map<string, Set<string>>;
}

const NONE: ReadonlySet<string> = new Set();

export class MemoryTagStore implements TagStore {
  private readonly apps = new Map<string, AppTags>();

  async update(accessId: string, ops: readonly TagOp[]): Promise<TagUpdateResult> {
    const app = this.app(accessId);
    const planned = planTagUpdate(ops, {
      tagsOf: (token) => app.byToken.get(token) ?? NONE,
      tokenCount: (tag) => app.byTag.get(tag)?.size ?? 0,
      tagCount: () => app.byTag.size,
    });
    if (!planned.ok) return planned;
    for (const change of planned.plan.tokens) {
      if (change.after.size === 0) app.byToken.delete(change.token);
      else app.byToken.set(change.token, new Set(change.after));
      for (const tag of change.added) this.bind(app, tag, change.token);
      for (const tag of change.removed) this.unbind(app, tag, change.token);
    }
    return { ok: true };
  }

  async deleteTags(accessId: string, tags: readonly string[]): Promise<number> {
    const app = this.apps.get(accessId);
    if (!app) return 0;
    let removed = 0;
    for (const tag of new Set(tags)) {
      for (const token of app.byTag.get(tag) ?? []) {
        const own = app.byToken.get(token)!;
        own.delete(tag);
        if (own.size === 0) app.byToken.delete(token);
        removed++;
      }
      app.byTag.delete(tag);
    }
    return removed;
  }

  async tagsOf(accessId: string, token: string): Promise<string[]> {
    return [...(this.apps.get(accessId)?.byToken.get(token) ?? [])].sort(compareCodePoints);
  }

  async tokensOf(accessId: string, tag: string): Promise<string[]> {
    return [...(this.apps.get(accessId)?.byTag.get(tag) ?? [])].sort(compareCodePoints);
  }

  async tokenCount(accessId: string, tag: string): Promise<number> {
    return this.apps.get(accessId)?.byTag.get(tag)?.size ?? 0;
  }

  async tagCount(accessId: string): Promise<number> {
    return this.apps.get(accessId)?.byTag.size ?? 0;
  }

  async listTags(accessId: string, start: number, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const tags = [...(this.apps.get(accessId)?.byTag.keys() ?? [])].sort(compareCodePoints);
    return tags.slice(Math.max(0, start), Math.max(0, start) + limit);
  }

  private app(accessId: string): AppTags {
    let app = this.apps.get(accessId);
    if (!app) this.apps.set(accessId, (app = { byToken: new Map(), byTag: new Map() }));
    return app;
  }

  private bind(app: AppTags, tag: string, token: string): void {
    let tokens = app.byTag.get(tag);
    if (!tokens) app.byTag.set(tag, (tokens = new Set()));
    tokens.add(token);
  }

  private unbind(app: AppTags, tag: string, token: string): void {
    const tokens = app.byTag.get(tag);
    if (!tokens) return;
    tokens.delete(token);
    if (tokens.size === 0) app.byTag.delete(tag);
  }
}
