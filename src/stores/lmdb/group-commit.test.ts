import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A GroupCommit whose commits take `commitMs` and are recorded as the list of each batch's write labels. */
function recorder(intervalMs: number, commitMs = 0, fullBatch = Infinity) {
  const batches: string[][] = [];
  const starts: number[] = [];
  const group = new GroupCommit(async (writes) => {
    starts.push(performance.now());
    const labels = await Promise.all(writes.map((w) => w()));
    batches.push(labels as string[]);
    if (commitMs > 0) await new Promise((r) => setTimeout(r, commitMs));
  }, intervalMs, fullBatch);
  const submit = (label: string) => group.submit(async () => label);
  return { group, batches, starts, submit };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('GroupCommit', () => {
  it('puts appends of the same step into one batch and those made while it commits into the next', async () => {
    const { group, batches, submit } = recorder(0, 20);
    const first = [submit('a'), submit('b')];
    await sleep(5); // the first batch is committing
    const second = [submit('c'), submit('d'), submit('e')];
    await Promise.all([...first, ...second]);
    await group.idle();
    expect(batches).toEqual([['a', 'b'], ['c', 'd', 'e']]);
  });

  it('does not wait under light load: a lone append commits at once', async () => {
    const { batches, starts, submit } = recorder(200);
    const t0 = performance.now();
    await submit('a');
    expect(batches).toEqual([['a']]);
    expect(starts[0]! - t0).toBeLessThan(150);
  });

  it('starts batches at most every intervalMs, so appends arriving meanwhile share one', async () => {
    const { group, batches, starts, submit } = recorder(200, 20);
    const done = [submit('a1'), submit('a2')];
    await sleep(5); // a1 and a2 are committing: arrivals now say more traffic is coming
    done.push(submit('b'));
    await sleep(10);
    done.push(submit('c'));
    await Promise.all(done);
    await group.idle();
    expect(batches).toEqual([['a1', 'a2'], ['b', 'c']]);
    // Timer granularity: allow a millisecond early.
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(198);
  });

  it('commits a lone append after a lone batch at once: one push at a time is not held back', async () => {
    const { batches, starts, submit } = recorder(200, 5);
    const t0 = performance.now();
    for (const label of ['a', 'b', 'c']) await submit(label);
    expect(batches).toEqual([['a'], ['b'], ['c']]);
    expect(starts[2]! - t0).toBeLessThan(150);
  });

  it('starts at once when callers that wait for their answers have all sent again', async () => {
    const { batches, starts, submit } = recorder(200, 5);
    const t0 = performance.now();
    const caller = async (name: string) => {
      for (let round = 1; round <= 3; round++) await submit(`${name}${round}`);
    };
    await Promise.all([caller('x'), caller('y'), caller('z')]);
    expect(batches.map((b) => [...b].sort())).toEqual([['x1', 'y1', 'z1'], ['x2', 'y2', 'z2'], ['x3', 'y3', 'z3']]);
    expect(starts[2]! - t0).toBeLessThan(150);
  });

  it('starts a batch before the interval is up once fullBatch appends wait', async () => {
    const { group, batches, starts, submit } = recorder(500, 20, 3);
    const done = [submit('a')];
    await sleep(5); // 'a' is committing; these two arrive meanwhile
    done.push(submit('b'), submit('c'));
    await sleep(40);
    expect(batches).toEqual([['a']]); // two waiting, below the full batch: the interval holds
    done.push(submit('d'));
    await Promise.all(done);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(starts[1]! - starts[0]!).toBeLessThan(250);
    // A later lone append, after a batch of three, waits out the interval again.
    const t = performance.now();
    await submit('e');
    await group.idle();
    expect(batches).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    expect(starts[2]! - t).toBeGreaterThanOrEqual(400);
  });

  it('rejects every append of a failed batch and goes on with the next', async () => {
    let fail = true;
    const group = new GroupCommit(async (writes) => {
      await Promise.all(writes.map((w) => w()));
      if (fail) {
        fail = false;
        throw new Error('disk full');
      }
    });
    const a = group.submit(async () => 'a');
    const b = group.submit(async () => 'b');
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    await expect(group.submit(async () => 'c')).resolves.toBeUndefined();
  });
});
