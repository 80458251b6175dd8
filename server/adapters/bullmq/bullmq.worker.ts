/**
 * The BullMQ worker (`npm run worker`): takes a job id off the queue, reloads its outbox
 * row, runs the handler on the row's payload and records the outcome on the row, which
 * stays the record administrators see (dead-letter list, retry). The row is written once per
 * attempt, with its outcome: while the handler runs it stays "pending" (the running state
 * lives in BullMQ's job lock, which is what the stalled check and the reconciler go by).
 *
 * BullMQ holds a lock of JOB_LOCK_MS per running job and renews it while the process
 * lives; a SIGKILLed worker's job is found by the stalled check of a surviving worker
 * after the lock expires, and runs again. Handlers are idempotent, so that is safe.
 */
import { DelayedError, Worker, type Job } from 'bullmq';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Logger } from '../../logger';
import type { HandlerMap, JobRunner } from '../../ports/jobs.port';
import type { Store } from '../../ports/store.port';
import { MAX_STALLS, backoffDelay, bullWorkerTimings, onDeadLetter } from '../../jobs/job-defaults';
import { errorSummary } from '../../jobs/job-error';
import { QUEUE_NAME } from '../../jobs/job-names';
import { noObserver, type JobObserver } from '../../jobs/job-observer';
import { quietErrors, workerConnectionOptions } from './redis-connection';

export interface BullWorkerOptions {
  config: Pick<Config, 'jobs'>;
  redisUrl: string;
  store: Pick<Store, 'outbox'>;
  handlers: HandlerMap;
  logger: Logger;
  observer?: JobObserver;
  prefix?: string;
  /** how long stop() waits for running jobs before closing anyway */
  stopGraceMs?: number;
}

const jobData = z.object({ id: z.string().min(1) }).strict();
const PING_TIMEOUT_MS = 2_000;
const DEFAULT_STOP_GRACE_MS = 10_000;
const HAND_BACK_DELAY_MS = 1_000;

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms).unref());
}

export class BullMqWorker implements JobRunner {
  readonly kind = 'bullmq' as const;
  private worker: Worker | null = null;
  private readonly stopController = new AbortController();
  private stopped: Promise<void> | null = null;

  constructor(private readonly opts: BullWorkerOptions) {}

  async start(): Promise<void> {
    if (this.worker || this.stopped) return;
    const { config, redisUrl, prefix } = this.opts;
    this.worker = new Worker(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: workerConnectionOptions(redisUrl),
      ...(prefix ? { prefix } : {}),
      concurrency: config.jobs.concurrency,
      ...bullWorkerTimings(config),
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(config, attemptsMade) },
    });
    // Connection errors repeat on every reconnect; readiness shows them through ping().
    quietErrors(this.worker);
  }

  wake(): void {
    // Workers block on Redis for new jobs; there is nothing to nudge.
  }

  async ping(): Promise<void> {
    if (!this.worker) throw new Error('the worker is not started');
    const client = await Promise.race([this.worker.client, timeout(PING_TIMEOUT_MS, 'Redis')]);
    // ioredis leaves 'ready' as soon as the socket drops, and reconnects by itself.
    if (client.status !== 'ready') throw new Error(`Redis connection is ${client.status}`);
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopController.abort();
    const worker = this.worker;
    if (!worker) return;
    const grace = this.opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
    // close() stops fetching and waits for active jobs; after the grace period force it:
    // their locks expire and another worker takes them over.
    await Promise.race([worker.close(), timeout(grace, 'running jobs')]).catch(async () => {
      this.opts.logger.warn({ jobs: 'bullmq' }, 'stopped while jobs were still running');
      await worker.close(true);
    });
  }

  private async process(job: Job, token: string | undefined): Promise<void> {
    const { store, handlers, logger } = this.opts;
    const observer = this.opts.observer ?? noObserver;
    const { id } = jobData.parse(job.data);
    const row = await store.outbox.get(id);
    if (!row) {
      logger.warn({ jobId: id }, 'queued job has no outbox row; dropped');
      return;
    }
    // Already finished (a re-delivery after a crash, or a stale queue entry).
    if (row.status === 'done' || row.status === 'dead') return;
    const handler = handlers.get(row.name);
    const attempt = job.attemptsMade + 1;
    const deadReason = !handler ? 'no handler for this job name' : job.stalledCounter > MAX_STALLS ? `the job stopped its worker ${job.stalledCounter} times` : null;
    if (!handler || deadReason !== null) {
      await store.outbox.setStatus(row.id, 'dead', deadReason, new Date());
      onDeadLetter(logger, { id: row.id, name: row.name, attempts: attempt });
      observer.attemptFinished(row.name, 'dead', 0);
      return;
    }
    // A closing worker may still be handed a job it was already waiting for.
    if (this.stopController.signal.aborted && token !== undefined) return this.handBack(job, token, row.id);
    // No "running" write: BullMQ's lock is what says a worker holds the job (the stalled
    // check and the reconciler go by Redis), and the row stays "pending" until the outcome.
    const startedAt = Date.now();
    try {
      await handler.run(row.payload, { jobId: row.id, attempt, signal: this.stopController.signal });
    } catch (err) {
      if (this.stopController.signal.aborted && token !== undefined) return this.handBack(job, token, row.id);
      const final = attempt >= (job.opts.attempts ?? 1);
      const reason = errorSummary(err);
      await store.outbox.setStatus(row.id, final ? 'dead' : 'pending', reason, new Date());
      if (final) onDeadLetter(logger, { id: row.id, name: row.name, attempts: attempt });
      observer.attemptFinished(row.name, final ? 'dead' : 'retry', Date.now() - startedAt);
      // BullMQ stores the message and stack in Redis: give it the scrubbed summary only.
      throw new Error(reason);
    }
    await store.outbox.setStatus(row.id, 'done', null, new Date());
    observer.attemptFinished(row.name, 'done', Date.now() - startedAt);
  }

  /**
   * A shutdown is not the job's fault: it goes back to the queue without spending an
   * attempt. The short delay keeps this closing worker from fetching it straight back.
   */
  private async handBack(job: Job, token: string, id: string): Promise<never> {
    await this.opts.store.outbox.setStatus(id, 'pending', 'interrupted by shutdown', new Date());
    await job.moveToDelayed(Date.now() + HAND_BACK_DELAY_MS, token);
    throw new DelayedError();
  }
}
