/**
 * What an administrator sees of a dead job. Payloads are ids only, and still not shown:
 * the id already names the case, and nothing else in them helps decide on a retry.
 * Errors were scrubbed when recorded; they are scrubbed again here because rows written by
 * an older version, or by a handler that quoted its input, must not reach a browser.
 */
import type { JobRecord } from '../../ports/store.port';
import type { DeadJobView } from './admin-jobs.schema';

const MAX_ERROR = 300;
const EMAIL = /[^\s<>"'@]+@[^\s<>"'@]+/g;
const IPV4 = /\b\d{1,3}(\.\d{1,3}){3}\b/g;
const IPV6 = /\b[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\b/gi;
const CONTROL = /[\u0000-\u001f\u007f]+/g;

export function scrubError(error: string | null): string | null {
  if (error === null) return null;
  return error.replace(EMAIL, '<address>').replace(IPV4, '<ip>').replace(IPV6, '<ip>').replace(CONTROL, ' ').slice(0, MAX_ERROR);
}

export function presentDeadJob(job: JobRecord): DeadJobView {
  return {
    id: job.id,
    name: job.name,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: scrubError(job.lastError),
    createdAt: job.createdAt.toISOString(),
    runAt: job.runAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
  };
}
