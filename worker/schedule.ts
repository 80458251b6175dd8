/**
 * The daily retention sweep, the same way on both runners: each sweep enqueues the next
 * day's before doing its work, and every API start enqueues today's. Ids are the date
 * (`retention.sweep:<YYYY-MM-DD>`), so restarts and retries never add a second sweep for
 * a day, and a sweep that ends in the dead-letter list does not break the chain.
 * (A BullMQ job scheduler would only cover the Redis mode and keep its state outside the
 * outbox that administrators see.)
 */
import { newJob } from '../server/jobs/job-defaults';
import { JOB_NAMES } from '../server/jobs/job-names';
import type { NewJob, Store } from '../server/ports/store.port';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sweeps run at 02:00 UTC (03:00 in Morocco most of the year), when nobody is filing. */
const SWEEP_HOUR_UTC = 2;

export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

export function sweepJob(day: string, runAt: Date): NewJob {
  return newJob(JOB_NAMES.retentionSweep, [day], {}, runAt);
}

/** Tomorrow's sweep, relative to `now` (not to the day of the sweep that runs late). */
export function nextSweepJob(now: Date): NewJob {
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS + SWEEP_HOUR_UTC * 3600 * 1000);
  return sweepJob(utcDay(tomorrow), tomorrow);
}

/** Called by the API process at start: today's sweep now, unless today already has one. */
export async function ensureDailySweep(store: Pick<Store, 'outbox'>, now: Date): Promise<void> {
  await store.outbox.enqueue([sweepJob(utcDay(now), now)]);
}

/**
 * `months` calendar months before `at`, the day clamped to the target month's length
 * (31 March minus one month is 28 or 29 February, not 3 March).
 */
export function monthsBefore(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  return target;
}
