/**
 * The jobs port. Work is always written first as an outbox row in the store, in the same
 * transaction as the data it belongs to (see store.port.ts NewJob). A JobRunner then gets
 * it to a handler: in-process from the outbox (embedded default) or through BullMQ
 * (REDIS_URL set: the API process relays rows to Redis, `npm run worker` runs handlers).
 * The same handlers run in both.
 */
import type { Json } from './store.port';
import type { JobName } from '../jobs/job-names';

export interface JobContext {
  /** the outbox id, deterministic for the event (e.g. notify:<caseId>:new-case:<staffId>) */
  jobId: string;
  attempt: number;
  signal: AbortSignal;
}

export interface JobHandler {
  name: JobName;
  /** validates the payload (zod) and does the work idempotently; throws to retry */
  run(payload: Json, ctx: JobContext): Promise<void>;
}

export type HandlerMap = ReadonlyMap<JobName, JobHandler>;

export interface JobRunner {
  readonly kind: 'outbox' | 'bullmq';
  /** starts delivering jobs (relay and/or processing, depending on the role) */
  start(): Promise<void>;
  /** nudges delivery now (after a commit) instead of at the next poll */
  wake(): void;
  /** throws when the queue backend cannot answer */
  ping(): Promise<void>;
  /** stops taking jobs, waits for running ones, closes connections */
  stop(): Promise<void>;
}
