/**
 * Job defaults, in one place for both runners: attempts, exponential backoff with a cap,
 * how long BullMQ keeps finished jobs, the dead-letter hook, and deterministic job ids.
 * Services build jobs with newJob(); runners take every timing from here.
 */
import type { JobsOptions } from 'bullmq';
import { settings, type Config } from '../../config';
import type { Logger } from '../logger';
import type { Json, JobRecord, NewJob } from '../ports/store.port';
import type { JobName } from './job-names';

/** No retry waits longer than this, however many attempts came before. */
export const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** Name of our backoff strategy in BullMQ, so both runners compute the same delays. */
export const BACKOFF_TYPE = 'amana-capped-exponential';

/**
 * Completed BullMQ jobs are kept a day (up to 10,000) because BullMQ's jobId dedup only
 * holds while the job exists: a relay that re-adds a just-finished job must hit it.
 * Failed ones are kept a month for operators; the outbox row is the dead-letter record.
 */
export const KEEP_COMPLETED = { age: 24 * 60 * 60, count: 10_000 } as const;
export const KEEP_FAILED = { age: 30 * 24 * 60 * 60, count: 10_000 } as const;

/**
 * A job that took its worker down this many times (SIGKILL, out of memory) goes to the
 * dead-letter list instead of taking down the next one. BullMQ's own limit is one higher
 * so that our handler, which records the outcome in the outbox, always sees it first.
 */
export const MAX_STALLS = 2;

/**
 * Delay before the next try after `attempt` (1-based) failed: base, 2x, 4x, ... capped.
 * Jitter is not needed: jobs are few and their ids spread them; a fixed schedule keeps
 * the retry times predictable for operators and tests.
 */
export function backoffDelay(config: Pick<Config, 'jobs'>, attempt: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(MAX_BACKOFF_MS, config.jobs.backoffMs * 2 ** exponent);
}

/**
 * The outbox runner leases a job for lockMs and, while the handler runs, extends the lease
 * to lockMs from now this often. A third leaves two more renewals before the lease would
 * expire, so one slow or failed store call does not let a second runner start the job.
 */
export function leaseRenewEveryMs(lockMs: number): number {
  return Math.max(1, Math.floor(lockMs / 3));
}

/**
 * Deterministic job id: `<name>:<part>:<part>`. The same event gives the same id, so it is
 * enqueued once (outbox primary key) and queued once (BullMQ jobId).
 */
export function jobId(name: JobName, idParts: readonly string[]): string {
  if (idParts.length === 0) throw new Error(`job ${name} needs at least one id part`);
  for (const part of idParts) {
    // A colon inside a part would make two different events share an id.
    if (part === '' || part.includes(':')) throw new Error(`job ${name}: id parts must be non-empty and colon-free`);
  }
  return [name, ...idParts].join(':');
}

export function newJob(name: JobName, idParts: readonly string[], payload: Json, runAt: Date = new Date()): NewJob {
  return { id: jobId(name, idParts), name, payload, runAt, maxAttempts: settings.jobs.attempts };
}

/**
 * BullMQ refuses custom ids containing ':' (reserved for its repeatable jobs), and ours
 * have them. The mapping is injective and reversible, so the BullMQ id still names the
 * outbox row; the "o-" prefix keeps an all-digit id from being read as a number.
 */
export function bullJobId(outboxId: string): string {
  return `o-${encodeURIComponent(outboxId)}`;
}

export function bullJobOptions(job: JobRecord, now: Date): JobsOptions {
  return {
    jobId: bullJobId(job.id),
    delay: Math.max(0, job.runAt.getTime() - now.getTime()),
    attempts: job.maxAttempts,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}

/** Worker options derived from the configuration; `lockMs` also drives stalled detection. */
export function bullWorkerTimings(config: Pick<Config, 'jobs'>): { lockDuration: number; stalledInterval: number; maxStalledCount: number } {
  return {
    lockDuration: config.jobs.lockMs,
    // A stalled job is moved back after two checks, so a SIGKILLed worker's job is taken
    // over between one and two lock durations after the kill.
    stalledInterval: config.jobs.lockMs,
    maxStalledCount: MAX_STALLS + 1,
  };
}

/** The dead-letter hook: the only log line a failing job produces, ids only. */
export function onDeadLetter(logger: Logger, job: { id: string; name: string; attempts: number }): void {
  logger.error({ jobId: job.id, jobName: job.name, attempt: job.attempts }, 'job failed for good and is in the dead-letter list');
}
