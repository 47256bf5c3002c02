// A clean-up that runs every interval, one pass at a time: a pass asked for
// while one is running joins it instead of starting a second over the same data.
export class PeriodicPass<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;
  private ended = false;

  constructor(
    private readonly pass: () => Promise<T>,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** True once stop() was called: a pass in progress should end early. */
  get stopped(): boolean {
    return this.ended;
  }

  /** A pass every interval (the first after one interval); the timer keeps no process alive. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.run().catch(this.onError);
    }, this.intervalMs);
    this.timer.unref();
  }

  /** One pass now, or the one in progress. */
  run(): Promise<T> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** No more passes; resolves when the one in progress has ended. */
  async stop(): Promise<void> {
    this.ended = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
