// For stores.contract.test.ts: the implementations the suite runs against (a
// new store kind adds one entry here) and record builders, each deterministic in
// its arguments so a test can build the expected record again and compare.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareClusterStores, stopClusterServers } from '../../test/helpers/cluster-stores-implementation.js';
import type { OfflineRef } from '../messages.js';
import { openEmbeddedStores } from './lmdb/index.js';
import { openMemoryStores } from './memory/index.js';
import type { AppRecord, DeviceRecord, PushRecord, Stores } from './types.js';

export interface Implementation {
  name: string;
  persistent: boolean;
  /** Parts it does not have yet, each with the reason their cases are skipped. */
  lacks?: { offline?: string; pushLog?: string; broadcasts?: string };
  /** Routes live in a store the cluster shares: they outlive a reopen and end by their TTL. */
  sharedRoutes?: boolean;
  /** Stops what it started for the whole suite (a server). */
  teardown?(): Promise<void>;
  /** Backing data for one test: open() opens stores over the same data each time; cleanup() deletes it. */
  prepare(): { open(options?: StoreLimits): Promise<Stores>; cleanup(): void };
}

export interface StoreLimits {
  maxOfflinePerToken?: number;
}

/** Tiny id blocks, so every implementation crosses reservation boundaries in a few ids. */
const idBlockSize = 3;

export const implementations: Implementation[] = [
  {
    name: 'memory',
    persistent: false,
    prepare: () => ({ open: async (limits?: StoreLimits) => openMemoryStores({ idBlockSize, ...limits }), cleanup: () => {} }),
  },
  ...(['fsync', 'commit', 'nosync'] as const).map((durability) => ({
    name: `lmdb (${durability})`,
    persistent: true,
    prepare: () => {
      const dir = mkdtempSync(join(tmpdir(), 'homing-store-'));
      return { open: (limits?: StoreLimits) => openEmbeddedStores(dir, { idBlockSize, durability, ...limits }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  })),
  {
    name: 'cluster (Redis, JetStream)',
    persistent: true,
    sharedRoutes: true,
    teardown: stopClusterServers,
    // Redis reserves id blocks ahead, asynchronously (next() stays synchronous):
    // a block must cover the suite's synchronous bursts (up to 10 ids) with its
    // spare, and 16 still crosses a block boundary within 20 ids.
    prepare: () => prepareClusterStores(16),
  },
];

/** A fixed "now" for expiry cases: tests never read the real clock. */
export const NOW = 1_700_000_000_000;

export function app(accessId: string, createdAt: number): AppRecord {
  return { accessId, accessKey: `key-${accessId}`, secretKey: `secret-${accessId}`, name: `app ${accessId}`, createdAt };
}

export function device(token: string, lastSeenAt: number): DeviceRecord {
  return {
    token,
    accessId: 'app',
    tokenSecretHash: 'ab'.repeat(32),
    deviceId: `device-${token}`,
    platform: 'android',
    createdAt: 1,
    lastSeenAt,
  };
}

/** An offline ref whose log position is its push id (the creating call). */
export function ref(token: string, pushId: string, expiresAt: number): OfflineRef {
  return { token, pushId, seq: pushId, accessId: 'app', expiresAt };
}

export function push(pushId: string, accessId: string, createdAt: number): PushRecord {
  return {
    pushId,
    accessId,
    audienceType: 'token_list',
    kind: 'message',
    title: `push ${pushId}`,
    content: 'hello',
    customContent: '',
    message: { title: `push ${pushId}`, content: 'hello', custom_content: { nested: [1, { deep: true }] } },
    platform: 'android',
    environment: 'product',
    expireTime: 3600,
    createdAt,
  };
}

/** Decimal ids from..to inclusive: ids of several lengths once `to` passes 9. */
export function ids(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}

/** A fixed permutation (seeded), so a failure reproduces exactly. */
export function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
