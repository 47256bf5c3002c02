// Apps in a Map. Records are copied in and out so a caller that mutates one
// cannot change what the store holds (the on-disk stores behave the same way).
import { compareAppsOldestFirst } from '../records.js';
import { StoreConflictError, type AppRecord, type AppStore } from '../types.js';

export class MemoryAppStore implements AppStore {
  private readonly apps = new Map<string, AppRecord>();

  async create(app: AppRecord): Promise<void> {
    if (this.apps.has(app.accessId)) throw new StoreConflictError(`app ${app.accessId} exists`);
    this.apps.set(app.accessId, { ...app });
  }

  async get(accessId: string): Promise<AppRecord | undefined> {
    const app = this.apps.get(accessId);
    return app && { ...app };
  }

  async list(): Promise<AppRecord[]> {
    return [...this.apps.values()].map((app) => ({ ...app })).sort(compareAppsOldestFirst);
  }
}
