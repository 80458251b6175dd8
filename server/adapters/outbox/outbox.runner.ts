/**
 * The embedded job runner: leases due jobs from the store's outbox and runs them in this
 * process, up to `concurrency` at once. The lease is the crash recovery: a job whose
 * process died is leased again once `lockMs` has passed.
 *
 * While a handler runs, its lease is renewed every leaseRenewEveryMs (a third of the lease),
 * so a handler may take longer than JOB_LOCK_MS and no second runner starts the job
 * meanwhile. A renewal that returns false means the job is no longer ours (an operator
 * settled it, or our lease expired and another runner claimed it): the handler's signal is
 * aborted and its failure is not recorded, because the row now belongs to someone else.
 * A renewal that throws (store unreachable) is retried at the next tick; the lease still
 * has two thirds left. If the process dies, renewals stop and the lease brings the job back.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../../../config';
import type { Logger } from '../../logger';
import type { HandlerMap, JobRunner } from '../../ports/jobs.port';
import type { JobLease, JobRecord, Store } from '../../ports/store.port';
import { backoffDelay, leaseRenewEveryMs, onDeadLetter } from '../../jobs/job-defaults';
import { errorSummary } from '../../jobs/job-error';
import { noObserver, type JobObserver } from '../../jobs/job-observer';
import { PollLoop } from '../../jobs/poll-loop';

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
  /** the lease each in-flight job holds, as the last claim or renewal left it */
  private readonly leases = new Map<string, JobLease>();
  private readonly stopController = new AbortController();
  private readonly loop: PollLoop;
  private stopped: Promise<void> | null = null;

  constructor(private readonly opts: OutboxRunnerOptions) {
    this.loop = new PollLoop(
      () =>
        this.claimAndRun().catch((err: unknown) => {
          opts.logger.error({ jobs: 'outbox', errorCode: errorSummary(err).slice(0, 60) }, 'outbox poll failed');
        }),
      () => opts.config.jobs.pollMs,
    );
  }

  async start(): Promise<void> {
    this.loop.start();
  }

  wake(): void {
    this.loop.wake();
  }

  async ping(): Promise<void> {
    await this.opts.store.ping();
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    const polled = this.loop.stop();
    this.stopController.abort();
    // A claim in progress may still add jobs to inFlight.
    await polled;
    const grace = sleep(this.opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS, 'timeout', { ref: false });
    const settled = Promise.allSettled([...this.inFlight.values()]).then(() => 'settled');
    if ((await Promise.race([settled, grace])) === 'timeout') {
      // Their leases expire and the next start takes them over.
      this.opts.logger.warn({ count: this.inFlight.size }, 'stopped while jobs were still running');
    }
  }

  private async claimAndRun(): Promise<void> {
    const { config, store } = this.opts;
    const free = config.jobs.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const jobs = await store.outbox.claim(new Date(), free, config.jobs.lockMs);
    for (const job of jobs) {
      if (this.inFlight.has(job.id)) {
        // Its lease ran out while it still runs here (renewals failed): this claim is ours,
        // so the running handler keeps going under the new lease.
        if (job.lockedUntil) this.leases.set(job.id, { attempts: job.attempts, lockedUntil: job.lockedUntil });
        continue;
      }
      if (job.lockedUntil) this.leases.set(job.id, { attempts: job.attempts, lockedUntil: job.lockedUntil });
      const run = this.run(job).finally(() => {
        this.leases.delete(job.id);
        this.inFlight.delete(job.id);
        this.wake();
      });
      this.inFlight.set(job.id, run);
    }
    // A full batch suggests more jobs are due.
    if (jobs.length === free) this.loop.wake();
  }

  /**
   * Renews the job's lease every leaseRenewEveryMs until `finished`; aborts `lost` when the
   * store says the lease is no longer ours. Never rejects.
   */
  private async keepLease(jobId: string, lost: AbortController, finished: AbortSignal): Promise<void> {
    const { config, store, logger } = this.opts;
    const every = leaseRenewEveryMs(config.jobs.lockMs);
    while (!finished.aborted) {
      // ref: false, so renewing alone never keeps a process alive.
      const tick = await sleep(every, 'tick', { signal: finished, ref: false }).catch(() => 'finished');
      if (tick === 'finished') return;
      const held = this.leases.get(jobId);
      if (!held) return;
      const lockedUntil = new Date(Date.now() + config.jobs.lockMs);
      let kept: boolean;
      try {
        kept = await store.outbox.renew(jobId, held, lockedUntil);
      } catch (err) {
        logger.warn({ jobId, errorCode: errorSummary(err).slice(0, 60) }, 'could not renew a job lease; trying again');
        continue;
      }
      if (kept) {
        this.leases.set(jobId, { attempts: held.attempts, lockedUntil });
        continue;
      }
      // This runner re-claimed the job meanwhile (claimAndRun): renew the new lease next time.
      if (this.leases.get(jobId) !== held) continue;
      if (!finished.aborted) lost.abort(new Error('the job lease was lost'));
      return;
    }
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
      const lost = new AbortController();
      const finished = new AbortController();
      const keeping = this.keepLease(job.id, lost, finished.signal);
      const signal = AbortSignal.any([this.stopController.signal, lost.signal]);
      let failure: { err: unknown } | null = null;
      try {
        await handler.run(job.payload, { jobId: job.id, attempt: job.attempts, signal });
      } catch (err) {
        failure = { err };
      } finally {
        // Renewals stop before the outcome is recorded, so none races with it.
        finished.abort();
        await keeping;
      }
      if (failure) {
        if (lost.signal.aborted) {
          // Completed, failed or re-claimed elsewhere: recording a failure would overwrite the
          // state another runner or an operator gave the job.
          logger.warn({ jobId: job.id, jobName: job.name, attempt: job.attempts }, 'job lease lost while running; attempt abandoned');
          observer.attemptFinished(job.name, 'retry', Date.now() - startedAt);
          return;
        }
        const stopping = this.stopController.signal.aborted;
        const reason = stopping ? 'interrupted by shutdown' : errorSummary(failure.err);
        // A shutdown is not the job's fault: it is retried at the next start, without backoff.
        const retryAt = new Date(Date.now() + (stopping ? 0 : backoffDelay(config, job.attempts)));
        const after = await store.outbox.fail(job.id, reason, retryAt);
        const outcome = after.status === 'dead' ? 'dead' : 'retry';
        if (outcome === 'dead') onDeadLetter(logger, after);
        else logger.debug({ jobId: job.id, jobName: job.name, attempt: job.attempts }, 'job attempt failed, retrying');
        observer.attemptFinished(job.name, outcome, Date.now() - startedAt);
        return;
      }
      // Even with the lease lost, the work happened: recording it done stops a re-run.
      await store.outbox.complete(job.id, new Date());
      observer.attemptFinished(job.name, 'done', Date.now() - startedAt);
    } catch (err) {
      logger.error({ jobId: job.id, jobName: job.name, errorCode: errorSummary(err).slice(0, 60) }, 'could not record a job outcome');
    }
  }
}
