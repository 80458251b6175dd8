/**
 * Where a case stands against its two legal deadlines (acknowledgement, feedback), and the
 * jobs that watch them. Deadline jobs are never deleted when a case moves on: each one
 * re-reads the case when it runs and does nothing if its stage is over, which is how a
 * job is "cancelled" on both runners without reaching into Redis.
 */
import { newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES, type JobName } from '../../server/jobs/job-names';
import type { CaseRecord, NewJob } from '../../server/ports/store.port';
import { approachingMail, type Stage } from '../mail/notify-payload';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long before a deadline its lead is reminded. */
export const REMINDER_LEAD_MS: Record<Stage, number> = { ack: 2 * DAY_MS, feedback: 14 * DAY_MS };

/**
 * Clocks of the API, the workers and Redis differ a little, so a job may start a moment
 * before its time; within this margin it counts as on time rather than as "moved".
 */
export const EARLY_TOLERANCE_MS = 60 * 1000;

export const DEADLINE_JOB: Record<Stage, JobName> = { ack: JOB_NAMES.deadlineAck, feedback: JOB_NAMES.deadlineFeedback };

export function dueOf(c: CaseRecord, stage: Stage): Date {
  return stage === 'ack' ? c.ackDueAt : c.feedbackDueAt;
}

/** The stage needs nothing more: done, or the case closed or purged. */
export function stageOver(c: CaseRecord, stage: Stage): boolean {
  if (c.purgedAt !== null || c.status === 'closed') return true;
  if (stage === 'ack') return c.acknowledgedAt !== null || c.status !== 'received';
  return c.firstFeedbackAt !== null;
}

/** True when `now` is clearly before `time`: the job woke up for a date that has since moved later. */
export function tooEarly(now: Date, time: Date): boolean {
  return now.getTime() < time.getTime() - EARLY_TOLERANCE_MS;
}

/**
 * The deadline job again, for a due date that moved. The due time in its id makes it a
 * new job (the original id is taken) and keeps it to one per date.
 */
export function movedDeadlineJob(c: CaseRecord, stage: Stage): NewJob {
  const due = dueOf(c, stage);
  return newJob(DEADLINE_JOB[stage], [c.id, String(due.getTime())], { caseId: c.id }, due);
}

export function reminderAt(c: CaseRecord, stage: Stage): Date {
  return new Date(dueOf(c, stage).getTime() - REMINDER_LEAD_MS[stage]);
}

/** Reminders still ahead of `now` for the stages still open; written when a case is assigned. */
export function reminderJobs(c: CaseRecord, now: Date): NewJob[] {
  const stages: Stage[] = ['ack', 'feedback'];
  return stages
    .filter((stage) => !stageOver(c, stage) && reminderAt(c, stage).getTime() > now.getTime())
    .map((stage) => approachingMail(c.id, stage, dueOf(c, stage), reminderAt(c, stage)));
}
