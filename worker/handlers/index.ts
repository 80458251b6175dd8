/**
 * The job handlers, by job name. Both runners (in-process outbox and BullMQ worker) get
 * their handlers from here; add a handler by adding its `<name>.job.ts` to this folder and
 * one line below. createJobRunner checks the map against ALL_JOB_NAMES at start.
 */
import type { Config } from '../../config';
import type { Logger } from '../../server/logger';
import type { BlobStore } from '../../server/ports/blob.port';
import type { HandlerMap, JobHandler } from '../../server/ports/jobs.port';
import type { Mailer } from '../../server/ports/mail.port';
import type { Store } from '../../server/ports/store.port';
import type { JobName } from '../../server/jobs/job-names';
import { probeJob } from './probe.job';
import { routeCaseJob } from './route-case.job';
import { notifyJob } from './notify.job';
import { deadlineAckJob, deadlineFeedbackJob } from './deadline.job';
import { retentionSweepJob } from './retention.job';
import { purgeCaseJob } from './purge-case.job';
import { inviteJob } from './invite.job';

export interface HandlerDeps {
  config: Config;
  store: Store;
  blobs: BlobStore;
  mailer: Mailer;
  logger: Logger;
  /** the handlers' clock; fault tests move it past the deadlines */
  now?: () => Date;
}

export function buildHandlers(deps: HandlerDeps): HandlerMap {
  const handlers: JobHandler[] = [
    probeJob(deps),
    routeCaseJob(deps),
    notifyJob(deps),
    deadlineAckJob(deps),
    deadlineFeedbackJob(deps),
    retentionSweepJob(deps),
    purgeCaseJob(deps),
    inviteJob(deps),
  ];
  const map = new Map<JobName, JobHandler>();
  for (const handler of handlers) {
    // A second handler for a name would silently replace the first.
    if (map.has(handler.name)) throw new Error(`two handlers for the job name "${handler.name}"`);
    map.set(handler.name, handler);
  }
  return map;
}
