/**
 * retention.purge-case: finishes a case's deletion. The sweep crypto-shreds the case (its
 * ciphertext and wrapped keys) and writes this job in the same transaction, so the blobs'
 * removal and the audit entry cannot be lost to a crash in between: the job retries until
 * both are done. Given a case that is not purged yet, it does the whole deletion itself.
 */
import { z } from 'zod';
import type { Logger } from '../../server/logger';
import type { BlobStore } from '../../server/ports/blob.port';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { NewJob, Store } from '../../server/ports/store.port';
import { newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';

const idPart = z.string().min(1).max(100);
export const purgeCasePayload = z.object({ caseId: idPart, attachmentIds: z.array(idPart).max(10_000).default([]) }).strict();

export const PURGE_AUDIT_ACTION = 'retention.purge';

export const purgeCaseJobFor = (caseId: string, attachmentIds: string[]): NewJob =>
  newJob(JOB_NAMES.purgeCase, [caseId], { caseId, attachmentIds });

export interface PurgeCaseDeps {
  store: Pick<Store, 'cases' | 'attachments' | 'audit'>;
  blobs: Pick<BlobStore, 'deletePrefix'>;
  logger: Logger;
  now?: () => Date;
}

export function purgeCaseJob(deps: PurgeCaseDeps): JobHandler {
  const { store, blobs, logger } = deps;
  const clock = deps.now ?? (() => new Date());
  return {
    name: JOB_NAMES.purgeCase,
    async run(payload, { jobId, signal }) {
      const { caseId, attachmentIds } = purgeCasePayload.parse(payload);
      const c = await store.cases.get(caseId);
      if (!c) return;
      const toDelete = new Set(attachmentIds);
      if (c.purgedAt === null) {
        // Blobs first: once purged, the case no longer lists its attachments, and a crash
        // here must not leave blobs nobody can find again.
        for (const a of await store.attachments.listForCase(caseId)) toDelete.add(a.id);
        for (const id of toDelete) await blobs.deletePrefix(id);
        for (const id of await store.cases.purge(caseId, clock(), [])) toDelete.add(id);
      }
      for (const id of toDelete) {
        signal.throwIfAborted();
        await blobs.deletePrefix(id);
      }
      // At least once: a crash after the append and before the job completes finds the
      // entry on the retry and does not write a second one.
      const audited = await store.audit.list({ action: PURGE_AUDIT_ACTION, caseId, limit: 1 });
      if (audited.length === 0) {
        await store.audit.append({ at: clock(), actorId: null, action: PURGE_AUDIT_ACTION, caseId, detail: { attachments: toDelete.size } });
      }
      logger.info({ jobId, caseId, count: toDelete.size }, 'case purged by retention');
    },
  };
}
