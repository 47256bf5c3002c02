// The short fuzz run inside `npm test`: the same fuzzers as `npm run fuzz`,
// a few thousand mutated device frames and REST bodies against a real server,
// which must stay healthy, answer only documented codes, and change nothing
// for input it refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceError, RetCode } from '../src/errors.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { deviceErrorsFromMetrics, findings, formatReport, runFuzz, seedFuzzData, snapshot, type FuzzData } from './fuzz/run.js';

let t: TestServer;
let data: FuzzData;

beforeAll(async () => {
  t = await startTestServer();
  data = await seedFuzzData(t.server.stores, 16, 20);
});
afterAll(() => t.stop());

describe('short fuzz run', () => {
  it('survives mutated device frames and REST bodies, answering documented codes and changing nothing it refused', async () => {
    const before = await snapshot(t.server.stores, data.app.accessId);
    const result = await runFuzz(data, { wsUrl: t.url, httpUrl: t.httpUrl, frames: 20_000, bodies: 2_000, seed: 1, maxBodyBytes: t.config.maxBodyBytes, concurrency: 8 });
    const after = await snapshot(t.server.stores, data.app.accessId);
    const serverErrors = deviceErrorsFromMetrics(await (await fetch(`${t.httpUrl}/metrics`)).text());
    const report = formatReport(result, before, after, serverErrors);
    expect(findings(result, before, after, new Set(Object.values(DeviceError)), new Set(Object.values(RetCode))), report).toEqual([]);
    // The run reached what it is for: refusals of both kinds, and accepted input too.
    expect(result.devices.framesSent).toBeGreaterThanOrEqual(20_000);
    expect(result.devices.closeCodes.get(DeviceError.MALFORMED_FRAME)).toBeGreaterThan(0);
    expect(result.rest.requests).toBe(2_000);
    expect(result.rest.retCodes.get(RetCode.NOT_JSON)).toBeGreaterThan(0);
    expect(result.rest.retCodes.get(RetCode.OK)).toBeGreaterThan(0);
    expect(result.rest.pushIds.size).toBeGreaterThan(0);
  });
});
