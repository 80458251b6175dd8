/** Request shapes of the administrators' dead-letter list. */
import { z } from 'zod';

export const deadJobsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();
export type DeadJobsQuery = z.infer<typeof deadJobsQuery>;

/** Outbox ids: `<job name>:<id parts>`, names and parts without spaces (job-defaults.ts jobId). */
export const jobIdParams = z.object({ id: z.string().min(3).max(400).regex(/^[a-z][a-z.-]*:[^\s]+$/, 'must be a job id') }).strict();
export type JobIdParams = z.infer<typeof jobIdParams>;

export interface DeadJobView {
  id: string;
  name: string;
  attempts: number;
  maxAttempts: number;
  /** scrubbed of addresses, one line, short */
  lastError: string | null;
  createdAt: string;
  runAt: string;
  finishedAt: string | null;
}
