/**
 * The API process's side of BullMQ: moves committed outbox rows into the queue. The row is
 * written with the data it belongs to, so a Redis outage only delays jobs: rows stay
 * unrelayed and go out when Redis answers again. BullMQ dedupes on jobId, so a crash
 * between `add` and `markRelayed` only re-adds the same job, which is a no-op.
 * Job data is the outbox id alone; the worker reloads the row.
 *
 * Redis is not trusted to keep what it was given: every reconcileMs (and as soon as Redis
 * answers again after an outage) the reconciler re-adds relayed, unfinished jobs whose
 * BullMQ job no longer exists (bullmq.reconcile.ts).
 */
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import type { Config } from '../../../config';
import type { Logger } from '../../logger';
import type { JobRunner } from '../../ports/jobs.port';
import type { JobRecord, Store } from '../../ports/store.port';
import { bullJobId, bullJobOptions } from '../../jobs/job-defaults';
import { errorSummary } from '../../jobs/job-error';
import { QUEUE_NAME } from '../../jobs/job-names';
import { PollLoop } from '../../jobs/poll-loop';
import { BullMqReconciler } from './bullmq.reconcile';
import { quietErrors, relayConnection } from './redis-connection';

export interface BullRelayOptions {
  config: Pick<Config, 'jobs'>;
  redisUrl: string;
  store: Pick<Store, 'outbox'>;
  logger: Logger;
  /** BullMQ key prefix; tests use a unique one per run */
  prefix?: string;
}

const BATCH = 100;

export class BullMqRelay implements JobRunner {
  readonly kind = 'bullmq' as const;
  private readonly redis: IORedis;
  private readonly queue: Queue;
  private readonly loop: PollLoop;
  private readonly reconcileLoop: PollLoop;
  private readonly reconciler: BullMqReconciler;
  private stopped: Promise<void> | null = null;
  private redisDown = false;
  private reconcileFailing = false;

  constructor(private readonly opts: BullRelayOptions) {
    this.redis = relayConnection(opts.redisUrl);
    quietErrors(this.redis);
    this.queue = new Queue(QUEUE_NAME, { connection: this.redis, ...(opts.prefix ? { prefix: opts.prefix } : {}) });
    quietErrors(this.queue);
    this.loop = new PollLoop(
      () =>
        this.relayBatch()
          .then(() => this.noteRedis(true))
          .catch((err: unknown) => this.noteRedis(false, err)),
      () => opts.config.jobs.pollMs,
    );
    this.reconciler = new BullMqReconciler({ store: opts.store, queue: this.queue, redis: this.redis, logger: opts.logger, lockMs: opts.config.jobs.lockMs });
    this.reconcileLoop = new PollLoop(
      () =>
        this.redis.status === 'ready'
          ? this.reconciler.sweep().then(
              () => {
                this.reconcileFailing = false;
              },
              (err: unknown) => this.noteReconcileFailure(err),
            )
          : Promise.resolve(),
      () => opts.config.jobs.reconcileMs,
    );
  }

  /** One reconciliation sweep now (tests and operators); resolves with what it re-added. */
  reconcile(): ReturnType<BullMqReconciler['sweep']> {
    return this.reconciler.sweep();
  }

  async start(): Promise<void> {
    this.loop.start();
    this.reconcileLoop.start();
  }

  wake(): void {
    this.loop.wake();
  }

  async ping(): Promise<void> {
    // Without an offline queue this rejects at once while disconnected.
    await this.redis.ping();
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    await this.loop.stop();
    await this.reconcileLoop.stop();
    await this.queue.close().catch(() => undefined);
    // quit() would wait for a connection that may never come back.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }

  private async relayBatch(): Promise<void> {
    if (this.redis.status !== 'ready') throw new Error('Redis is not connected');
    const rows = await this.opts.store.outbox.unrelayed(BATCH);
    if (rows.length === 0) return;
    const ready: JobRecord[] = [];
    for (const row of rows) if (await this.clearFinished(row)) ready.push(row);
    if (ready.length > 0) {
      const now = new Date();
      await this.queue.addBulk(ready.map((row) => ({ name: row.name, data: { id: row.id }, opts: bullJobOptions(row, now) })));
      await this.opts.store.outbox.markRelayed(
        ready.map((row) => row.id),
        new Date(),
      );
    }
    // A full batch suggests more rows are waiting: relay again right after this one.
    if (ready.length === BATCH) this.loop.wake();
  }

  /**
   * A pending, unrelayed row whose BullMQ job already finished was sent back by an
   * administrator's retry: the old job must go, or BullMQ would dedupe the new one away.
   * While a worker still holds the old job (the retry came between the worker recording
   * "dead" and BullMQ moving the job to its failed list), adding would be deduped too and
   * the row marked relayed for nothing: the row waits for a later poll instead.
   * Resolves with whether the row can be added now.
   */
  private async clearFinished(row: JobRecord): Promise<boolean> {
    const id = bullJobId(row.id);
    const state = await this.queue.getJobState(id);
    if (state === 'active') return false;
    if (state === 'completed' || state === 'failed') await this.queue.remove(id);
    return true;
  }

  /** One line per failing streak; the next sweep (reconcileMs later) tries again. */
  private noteReconcileFailure(err: unknown): void {
    if (!this.reconcileFailing) {
      this.opts.logger.warn({ jobs: 'bullmq', errorCode: errorSummary(err).slice(0, 60) }, 'could not check that Redis still holds the relayed jobs');
    }
    this.reconcileFailing = true;
  }

  /** One log line per outage and one per recovery, not one per poll. */
  private noteRedis(up: boolean, err?: unknown): void {
    if (up && this.redisDown) {
      this.opts.logger.info({ jobs: 'bullmq' }, 'Redis is back: relaying outbox jobs again');
      // A Redis that came back may have come back empty.
      this.reconcileLoop.wake();
    }
    if (!up && !this.redisDown) {
      this.opts.logger.warn({ jobs: 'bullmq', errorCode: errorSummary(err).slice(0, 60) }, 'cannot relay to Redis: jobs stay in the outbox until it answers');
    }
    this.redisDown = !up;
  }
}
