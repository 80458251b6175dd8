/**
 * The embedded job runner: leases due jobs from the store's outbox and runs them in this
 * process, up to `concurrency` at once. The lease is the crash recovery: a job whose
 * process died is leased again once `lockMs` has passed.
 *
 * Leases are not renewed (the outbox port has no renew): a handler gets 80% of the lease
 * (handlerBudgetMs) and its signal is aborted at the end of it. Handlers are short (a
 * routing decision, one mail); one that honours its signal never outlives its lease, so no
 * second runner starts the same job meanwhile. Raise JOB_LOCK_MS for slower handlers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../../../config';
import type { Logger } from '../../logger';
import type { HandlerMap, JobRunner } from '../../ports/jobs.port';
import type { JobRecord, Store } from '../../ports/store.port';
import { backoffDelay, handlerBudgetMs, onDeadLetter } from '../../jobs/job-defaults';
import { errorSummary } from '../../jobs/job-error';
import { noObserver, type JobObserver } from '../../jobs/job-observer';

export interface OutboxRunnerOptions {
  config: Pick<Config, 'jobs'>;
  store: Pick<Store, 'outbox' | 'ping'>;
  handlers: HandlerMap;
  logger: Logger;
  observer?: JobObserver;
  /** how long stop() waits for running handlers before giving up on them */
  stopGraceMs?: number;
}

const DEFAULT_STOP_GRACE_MS = 10_000;

export class OutboxRunner implements JobRunner {
  readonly kind = 'outbox' as const;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopController = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private started = false;
  private stopped: Promise<void> | null = null;

  constructor(private readonly opts: OutboxRunnerOptions) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  wake(): void {
    if (!this.started || this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.schedule(0);
  }

  async ping(): Promise<void> {
    await this.opts.store.ping();
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopController.abort();
    // A claim in progress may still add jobs to inFlight.
    await this.polling;
    const grace = sleep(this.opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS, 'timeout', { ref: false });
    const settled = Promise.allSettled([...this.inFlight.values()]).then(() => 'settled');
    if ((await Promise.race([settled, grace])) === 'timeout') {
      // Their leases expire and the next start takes them over.
      this.opts.logger.warn({ count: this.inFlight.size }, 'stopped while jobs were still running');
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.poll();
    }, ms);
  }

  private poll(): void {
    if (this.stopped || this.polling) return;
    this.pollAgain = false;
    this.polling = this.claimAndRun()
      .catch((err: unknown) => {
        this.opts.logger.error({ jobs: 'outbox', errorCode: errorSummary(err).slice(0, 60) }, 'outbox poll failed');
      })
      .finally(() => {
        this.polling = null;
        if (!this.stopped) this.schedule(this.pollAgain ? 0 : this.opts.config.jobs.pollMs);
      });
  }

  private async claimAndRun(): Promise<void> {
    const { config, store } = this.opts;
    const free = config.jobs.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const jobs = await store.outbox.claim(new Date(), free, config.jobs.lockMs);
    for (const job of jobs) {
      // Its lease ran out while it still runs here; the claim merely extended it.
      if (this.inFlight.has(job.id)) continue;
      const run = this.run(job).finally(() => {
        this.inFlight.delete(job.id);
        this.wake();
      });
      this.inFlight.set(job.id, run);
    }
    // A full batch suggests more jobs are due.
    if (jobs.length === free) this.pollAgain = true;
  }

  /** Never rejects: a store failure here is logged and the lease brings the job back. */
  private async run(job: JobRecord): Promise<void> {
    const { config, store, handlers, logger } = this.opts;
    const observer = this.opts.observer ?? noObserver;
    const startedAt = Date.now();
    const handler = handlers.get(job.name);
    try {
      if (!handler) {
        await store.outbox.setStatus(job.id, 'dead', 'no handler for this job name', new Date());
        onDeadLetter(logger, job);
        observer.attemptFinished(job.name, 'dead', 0);
        return;
      }
      const budget = AbortSignal.timeout(handlerBudgetMs(config.jobs.lockMs));
      const signal = AbortSignal.any([this.stopController.signal, budget]);
      try {
        await handler.run(job.payload, { jobId: job.id, attempt: job.attempts, signal });
      } catch (err) {
        const stopping = this.stopController.signal.aborted;
        const reason = budget.aborted ? 'the handler ran past its lease (JOB_LOCK_MS)' : stopping ? 'interrupted by shutdown' : errorSummary(err);
        // A shutdown is not the job's fault: it is retried at the next start, without backoff.
        const retryAt = new Date(Date.now() + (stopping ? 0 : backoffDelay(config, job.attempts)));
        const after = await store.outbox.fail(job.id, reason, retryAt);
        const outcome = after.status === 'dead' ? 'dead' : 'retry';
        if (outcome === 'dead') onDeadLetter(logger, after);
        else logger.debug({ jobId: job.id, jobName: job.name, attempt: job.attempts }, 'job attempt failed, retrying');
        observer.attemptFinished(job.name, outcome, Date.now() - startedAt);
        return;
      }
      await store.outbox.complete(job.id, new Date());
      observer.attemptFinished(job.name, 'done', Date.now() - startedAt);
    } catch (err) {
      logger.error({ jobId: job.id, jobName: job.name, errorCode: errorSummary(err).slice(0, 60) }, 'could not record a job outcome');
    }
  }
}
