/**
 * Every job name Amana knows, in one place. NEVER RENAME a value: names are stored in
 * outbox rows and in Redis, and a renamed job would be orphaned. Add new names instead.
 * Payloads carry ids only and are validated by each handler's zod schema.
 */
export const JOB_NAMES = {
  /** system job that proves the pipeline end to end: readiness probes, contract and fault tests */
  probe: 'system.probe',
  routeCase: 'case.route',
  notify: 'mail.notify',
  deadlineAck: 'case.deadline-ack',
  deadlineFeedback: 'case.deadline-feedback',
  purgeCase: 'retention.purge-case',
  retentionSweep: 'retention.sweep',
  invite: 'mail.invite',
} as const;

export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];
export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JOB_NAMES);

/** The single BullMQ queue all jobs travel on. NEVER RENAME. */
export const QUEUE_NAME = 'amana-jobs';
