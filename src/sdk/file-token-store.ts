// Tokens and seen message ids in one JSON file, for Node devices, kiosks and
// tests. Node only: browser bundles import token-store.ts.
//
// File: { "tokens": { accessId: { token, tokenSecret, lastBroadcastId? } }, "seen": [[id, until], ...] }.
// A file of the first version (the tokens object alone) is still read.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SeenEntry } from './dedup.js';
import { parseSeen, parseStoredToken, serializeSeen, storedToken, type StoredToken, type TokenStore } from './token-store.js';

interface FileState {
  tokens: Map<string, StoredToken>;
  seen: SeenEntry[];
}

/**
 * Reads the file once, then serves from memory. Writes go through one queue
 * (no two writers race on the temporary file) and replace the file by rename,
 * so a crash leaves the old or the new file, never half of one. The file holds
 * token secrets: it is created readable by its owner only.
 */
export class FileTokenStore implements TokenStore {
  private state: FileState | undefined;
  private loading: Promise<FileState> | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async get(accessId: string): Promise<StoredToken | undefined> {
    const value = (await this.load()).tokens.get(accessId);
    return value && { ...value };
  }

  async set(accessId: string, value: StoredToken): Promise<void> {
    const state = await this.load();
    state.tokens.set(accessId, storedToken(value));
    await this.save(state);
  }

  async delete(accessId: string): Promise<void> {
    const state = await this.load();
    if (state.tokens.delete(accessId)) await this.save(state);
  }

  async getSeen(): Promise<SeenEntry[]> {
    return (await this.load()).seen.map((e) => ({ ...e }));
  }

  async setSeen(entries: SeenEntry[]): Promise<void> {
    const state = await this.load();
    state.seen = entries.map(({ id, until }) => ({ id, until }));
    await this.save(state);
  }

  private load(): Promise<FileState> {
    if (this.state) return Promise.resolve(this.state);
    this.loading ??= this.read().then((state) => (this.state = state));
    return this.loading;
  }

  private async read(): Promise<FileState> {
    const state: FileState = { tokens: new Map(), seen: [] };
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return state;
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A damaged file means new tokens, not a device that can never connect.
      return state;
    }
    if (typeof parsed !== 'object' || parsed === null) return state;
    const file = parsed as Record<string, unknown>;
    const versioned = typeof file.tokens === 'object' && file.tokens !== null;
    const tokens = versioned ? (file.tokens as Record<string, unknown>) : file;
    for (const [accessId, raw] of Object.entries(tokens)) {
      const value = parseStoredToken(raw);
      if (value) state.tokens.set(accessId, value);
    }
    if (versioned) state.seen = parseSeen(file.seen);
    return state;
  }

  private save(state: FileState): Promise<void> {
    // Snapshot now: the queued write must store this state, not a later one half-applied.
    const text = JSON.stringify({ tokens: Object.fromEntries(state.tokens), seen: serializeSeen(state.seen) }) + '\n';
    const write = this.writes.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, text, { mode: 0o600 });
      await rename(tmp, this.path);
    });
    // One failed write must not wedge every later one.
    this.writes = write.catch(() => undefined);
    return write;
  }
}
