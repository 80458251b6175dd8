/**
 * The polling machinery the job runners share: run `tick` now, then every `intervalMs`;
 * `wake()` runs it at once instead of waiting for the timer. Never two ticks at a time: a
 * wake during a tick makes the next one start right after it, so the wake is not lost.
 * `stop()` cancels the timer and waits for a running tick; no tick starts after it.
 *
 * `tick` must handle its own errors and not reject: the loop does not catch, log or retry.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private ticking = false;
  private again = false;
  private started = false;
  private stopped = false;

  /** `intervalMs` is read each time a tick ends, so it follows the current configuration */
  constructor(
    private readonly tick: () => Promise<void>,
    private readonly intervalMs: () => number,
  ) {}

  /** starts the first tick at once; later calls do nothing */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  /**
   * Runs a tick now, or, while one runs, right after it. A tick may call this on itself
   * when it left work behind (a full batch). Does nothing before start() or after stop().
   */
  wake(): void {
    if (!this.started || this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** cancels the timer and resolves once a running tick has ended */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, ms);
  }

  private run(): void {
    if (this.stopped || this.ticking) return;
    this.again = false;
    // Set before tick() starts, so a wake() from inside the tick counts as "during it".
    this.ticking = true;
    this.running = this.tick().finally(() => {
      this.ticking = false;
      this.running = null;
      if (!this.stopped) this.schedule(this.again ? 0 : this.intervalMs());
    });
  }
}
