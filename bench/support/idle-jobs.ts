/**
 * A job runner that runs nothing: the intake benchmark measures a submission up to its
 * committed outbox rows, so routing must not run in the same process meanwhile (the
 * routing benchmark measures that part).
 */
import type { JobRunner } from '../../server/ports/jobs.port';

export class IdleJobs implements JobRunner {
  readonly kind = 'outbox' as const;
  wakes = 0;
  async start(): Promise<void> {}
  wake(): void {
    this.wakes += 1;
  }
  async ping(): Promise<void> {}
  async stop(): Promise<void> {}
}
