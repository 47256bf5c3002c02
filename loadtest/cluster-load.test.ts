// A small cluster load run inside `npm test`: the same code as
// `npm run loadtest -- --cluster`, with 2 gateways on one port and 400 devices
// in two steps. `homing cluster` starts real nats-server, redis-server and role
// processes; every device must connect, the `all` push reach each once, and the
// token stream arrive with nothing lost or duplicated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatClusterLoad, runClusterLoad } from './cluster-load.js';
import type { ClusterProcess } from './cluster-process.js';
import { SwarmGroup } from './swarm-group.js';

describe('cluster load', () => {
  it('holds 400 devices on 2 gateways sharing a port; an all push and a token stream arrive once each', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'homing-cluster-load-test-'));
    const group = new SwarmGroup();
    let cluster: ClusterProcess | undefined;
    try {
      const report = await runClusterLoad({
        gateways: 2, steps: [200, 400], connectRate: 1000, pushRate: 100, pushSeconds: 2,
        // A block of source addresses no other test or the bench uses.
        firstAddress: 235, devicesPerAddress: 200,
        timeoutMs: 60_000, dataDir, log: () => undefined,
      }, group, (c) => (cluster = c));
      const text = formatClusterLoad(report);
      expect(report.problems, text).toEqual([]);
      expect(report.connected).toBe(400);
      expect(report.memory.map((m) => m.devices)).toEqual([200, 400]);
      // Both gateways hold sockets: the port is shared, not taken by one.
      expect(report.memory[1]!.socketsMin, text).toBeGreaterThan(6);
      expect(report.broadcast.reached).toBe(400);
      expect(report.broadcast.dups).toBe(0);
      expect(report.stream.accepted).toBeGreaterThan(0);
      expect(report.stream.lost).toBe(0);
      expect(report.stream.dups).toBe(0);
      expect(text).toContain('pass');
    } finally {
      await group.stop();
      await cluster?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(cluster!.pids('gateway')).toHaveLength(2);
  }, 120_000);
});
