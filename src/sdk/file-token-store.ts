// Tokens in one JSON file ({ accessId: { token, tokenSecret } }), for Node
// devices, kiosks and tests. Node only: browser bundles import token-store.ts.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseStoredToken, type StoredToken, type TokenStore } from './token-store.js';

/**
 * Reads the file once, then serves from memory. Writes go through one queue
 * (no two writers race on the temporary file) and replace the file by rename,
 * so a crash leaves the old or the new file, never half of one. The file holds
 * token secrets: it is created readable by its owner only.
 */
export class FileTokenStore implements TokenStore {
  private tokens: Map<string, StoredToken> | undefined;
  private loading: Promise<Map<string, StoredToken>> | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async get(accessId: string): Promise<StoredToken | undefined> {
    const value = (await this.load()).get(accessId);
    return value && { ...value };
  }

  async set(accessId: string, value: StoredToken): Promise<void> {
    const tokens = await this.load();
    tokens.set(accessId, { token: value.token, tokenSecret: value.tokenSecret });
    await this.save(tokens);
  }

  async delete(accessId: string): Promise<void> {
    const tokens = await this.load();
    if (tokens.delete(accessId)) await this.save(tokens);
  }

  private load(): Promise<Map<string, StoredToken>> {
    if (this.tokens) return Promise.resolve(this.tokens);
    this.loading ??= this.read().then((tokens) => (this.tokens = tokens));
    return this.loading;
  }

  private async read(): Promise<Map<string, StoredToken>> {
    const tokens = new Map<string, StoredToken>();
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return tokens;
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A damaged file means new tokens, not a device that can never connect.
      return tokens;
    }
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [accessId, raw] of Object.entries(parsed)) {
        const value = parseStoredToken(raw);
        if (value) tokens.set(accessId, value);
      }
    }
    return tokens;
  }

  private save(tokens: Map<string, StoredToken>): Promise<void> {
    // Snapshot now: the queued write must store this state, not a later one half-applied.
    const text = JSON.stringify(Object.fromEntries(tokens), null, 2) + '\n';
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
