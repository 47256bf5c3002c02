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
    const { group, batches, starts, submit } = recorder(200);
    const done = [submit('a')];
    await sleep(5);
    done.push(submit('b'));
    await sleep(10);
    done.push(submit('c'));
    await Promise.all(done);
    await group.idle();
    expect(batches).toEqual([['a'], ['b', 'c']]);
    // Timer granularity: allow a millisecond early.
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(198);
  });

  it('starts a batch before the interval is up once fullBatch appends wait', async () => {
    const { group, batches, starts, submit } = recorder(500, 0, 3);
    const done = [submit('a')];
    await sleep(5); // 'a' committed; the next batch may not start for ~500 ms
    done.push(submit('b'), submit('c'));
    await sleep(20);
    expect(batches).toEqual([['a']]); // two waiting: below the full batch, so still waiting
    done.push(submit('d'));
    await Promise.all(done);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(starts[1]! - starts[0]!).toBeLessThan(250);
    // A later lone append waits out the interval again.
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
