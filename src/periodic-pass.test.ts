// PeriodicPass: passes on its timer, one at a time (a second ask joins the
// running one), errors handed to onError, and stop() waits for the pass it ends.
import { describe, expect, it } from 'vitest';
import { PeriodicPass } from './periodic-pass.js';

describe('PeriodicPass', () => {
  it('joins a pass in progress and starts a new one after it ends', async () => {
    let passes = 0;
    let release!: () => void;
    const periodic = new PeriodicPass(async () => {
      passes++;
      await new Promise<void>((r) => (release = r));
      return passes;
    }, 60_000, () => {});
    const [a, b] = [periodic.run(), periodic.run()];
    release();
    expect(await Promise.all([a, b])).toEqual([1, 1]);
    const c = periodic.run();
    release();
    expect(await c).toBe(2);
  });

  it('runs on its timer, hands a failed pass to onError, and waits for the running pass on stop', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    let release!: () => void;
    let sawStopped: boolean | undefined;
    const periodic: PeriodicPass<void> = new PeriodicPass(async () => {
      passes++;
      if (passes === 1) throw new Error('store down');
      await new Promise<void>((r) => (release = r)); // the second pass holds until released
      sawStopped = periodic.stopped;
    }, 10, (err) => errors.push(err));
    periodic.start();
    await expect.poll(() => passes).toBe(2);
    const stopped = periodic.stop();
    let stopEnded = false;
    void stopped.then(() => (stopEnded = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(stopEnded).toBe(false); // waiting for the pass in progress
    release();
    await stopped;
    expect(sawStopped).toBe(true); // that pass could see stop() and end early
    expect(errors).toEqual([new Error('store down')]);
    await new Promise((r) => setTimeout(r, 50));
    expect(passes).toBe(2); // no pass after stop()
  });
});
