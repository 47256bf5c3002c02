// A short reconnect storm inside `npm test`: the same run as
// `npm run loadtest -- --storm`, with 300 devices. Homing runs as its own
// process through the CLI, is stopped with SIGTERM under the connected devices
// and started again on the same data dir; every device must resume its token,
// and pushes sent as the restart listens and while the devices come back must
// arrive exactly once after dedup and be counted once by the server.
import { describe, expect, it } from 'vitest';
import { formatStormReport } from './storm-report.js';
import { runStorm } from './storm.js';

describe('reconnect storm', () => {
  it('brings 300 devices back on their tokens after a SIGTERM restart, with every push delivered once', async () => {
    const report = await runStorm({
      devices: 300, workers: 1, connectRate: 1000, pushesPerDevice: 2, timeoutMs: 60_000,
      // A block of source addresses no other test or the bench uses.
      firstAddress: 240, devicesPerAddress: 300,
    });
    const text = formatStormReport(report);
    expect(report.problems, text).toEqual([]);
    expect(report.pass).toBe(true);
    expect(report.exitCode).toBe(0);
    expect(report.resumed).toBe(300);
    // Two rounds of one token_list push each, to all 300 devices.
    expect(report.pushesAccepted).toBe(2);
    expect(report.expected).toBe(600);
    expect(report.unique).toBe(600);
    expect(report.counted).toBe(600);
    expect(report.healthzSockets).toBe(300);
    expect(report.goawayHintMs).toBeGreaterThan(0);
    expect(report.backAfterSigtermMs).toBeGreaterThan(0);
  }, 120_000);
});
