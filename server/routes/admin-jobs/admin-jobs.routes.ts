/**
 * The dead-letter list: jobs that failed every attempt, for an administrator to inspect and
 * send back. A retry puts the outbox row back to pending with fresh attempts; the runner
 * picks it up (in BullMQ mode the relay re-queues it, replacing the failed BullMQ job).
 * Authentication is the caller's: `requireAdmin` comes from the staff sign-in middleware.
 */
import { Router, type RequestHandler, type Response } from 'express';
import { Conflict, NotFound } from '../../errors';
import { input, validate } from '../../middleware/validate';
import type { JobRunner } from '../../ports/jobs.port';
import type { Store } from '../../ports/store.port';
import { presentDeadJob } from './admin-jobs.presenter';
import { deadJobsQuery, jobIdParams } from './admin-jobs.schema';

export interface AdminJobsDeps {
  store: Pick<Store, 'outbox' | 'audit'>;
  jobs: Pick<JobRunner, 'wake'>;
  /** the signed-in administrator, as requireAdmin left it on the response */
  actorOf(res: Response): string;
  now?: () => Date;
}

export const RETRY_AUDIT_ACTION = 'jobs.retry';

/** The case a job is about, for the audit trail; payloads carry at most ids. */
function caseIdOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null || !('caseId' in payload)) return null;
  return typeof payload.caseId === 'string' ? payload.caseId : null;
}

export function adminJobsRoutes(deps: AdminJobsDeps, requireAdmin: RequestHandler): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  router.get('/admin/jobs/dead', requireAdmin, validate(deadJobsQuery, 'query'), async (_req, res) => {
    const { limit } = input(res, deadJobsQuery, 'query');
    const jobs = await deps.store.outbox.dead(limit);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ jobs: jobs.map(presentDeadJob) });
  });

  router.post('/admin/jobs/:id/retry', requireAdmin, validate(jobIdParams, 'params'), async (_req, res) => {
    const { id } = input(res, jobIdParams, 'params');
    const job = await deps.store.outbox.get(id);
    if (!job) throw NotFound();
    if (!(await deps.store.outbox.retry(id, now()))) throw Conflict({ status: job.status });
    await deps.store.audit.append({
      at: now(),
      actorId: deps.actorOf(res),
      action: RETRY_AUDIT_ACTION,
      caseId: caseIdOf(job.payload),
      detail: { jobId: job.id, jobName: job.name, attempts: job.attempts },
    });
    deps.jobs.wake();
    res.json({ id: job.id, status: 'pending' });
  });

  return router;
}
