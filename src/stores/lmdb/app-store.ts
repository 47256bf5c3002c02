// Apps in the `apps` sub-database, keyed by access id. Creation is a
// conditional write (ifNoExists), checked inside LMDB's write transaction, so
// two creates of one id (even from two processes on the data dir) cannot both win.
import type { Database } from 'lmdb';
import { compareAppsOldestFirst } from '../records.js';
import { StoreConflictError, type AppRecord, type AppStore } from '../types.js';

export class LmdbAppStore implements AppStore {
  constructor(private readonly db: Database<AppRecord, string>) {}

  async create(app: AppRecord): Promise<void> {
    const created = await this.db.ifNoExists(app.accessId, () => {
      void this.db.put(app.accessId, app);
    });
    if (!created) throw new StoreConflictError(`app ${app.accessId} exists`);
  }

  async get(accessId: string): Promise<AppRecord | undefined> {
    return this.db.get(accessId);
  }

  async list(): Promise<AppRecord[]> {
    // Apps are few (one per mobile app): a full scan and a sort are cheaper than an index.
    return Array.from(this.db.getRange(), ({ value }) => value).sort(compareAppsOldestFirst);
  }
}
