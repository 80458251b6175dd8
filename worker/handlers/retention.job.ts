/**
 * retention.sweep: the daily deletion of what Amana must not keep.
 * - Cases closed more than `retention.closedCaseMonths` ago are crypto-shredded: the
 *   atomic purge removes the ciphertext, wrapped keys and messages and keeps the
 *   statistical metadata, and writes a purge-case job in the same transaction that deletes
 *   the blobs and audits the deletion (purge-case.job.ts).
 * - Uploads never attached to a report (abandoned, or a submission never finished) are
 *   deleted after `retention.abandonedUploadHours`: blobs, audit entry, then the row.
 * - Proof-of-work markers (`pow:<hash>`, one per submission or upload) are deleted a day
 *   after they were claimed: they exist only to refuse a replayed challenge.
 * - Temporaries of part uploads that a killed process left half written (blob port
 *   sweepTemporaries) are deleted once nothing has written to them for an hour.
 */
import { z } from 'zod';
import type { Config } from '../../config';
import type { Logger } from '../../server/logger';
import type { BlobStore } from '../../server/ports/blob.port';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { Store } from '../../server/ports/store.port';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { readPolicy } from '../../server/services/admin/policy';
import { POW_MARKER_PREFIX } from '../../server/services/proof-of-work';
import { monthsBefore, nextSweepJob, sweepJob, utcDay } from '../schedule';
import { purgeCaseJobFor } from './purge-case.job';

export const retentionPayload = z.object({}).strict();
export const ABANDONED_AUDIT_ACTION = 'retention.abandoned-upload';

const BATCH = 100;
/** Per run; a backlog larger than this continues in a follow-up sweep straight away. */
const MAX_PER_RUN = 2_000;
/** Markers per delete statement: bounded so one statement never holds the write lock long. */
const MARKER_BATCH = 1_000;

/**
 * A challenge is refused once expired (POW_TTL_MS, 10 minutes), so its marker has nothing
 * left to refuse after that. A day is far past any expiry plus clock skew between the API
 * processes that issue and check challenges; a marker deleted too early would let a solved
 * challenge be replayed, one deleted late costs a row.
 */
export const POW_MARKER_KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * A part upload writes its temporary as its bytes arrive, and Node's HTTP server ends a
 * request that has not arrived whole within 5 minutes (requestTimeout), so a temporary
 * nobody wrote to for an hour belongs to no running upload.
 */
export const TEMPORARY_KEEP_MS = 60 * 60 * 1000;

export interface RetentionDeps {
  config: Pick<Config, 'retention' | 'deadlines' | 'statistics'>;
  store: Pick<Store, 'cases' | 'attachments' | 'audit' | 'outbox' | 'markers' | 'limits' | 'settings'>;
  blobs: Pick<BlobStore, 'deletePrefix' | 'sweepTemporaries'>;
  logger: Logger;
  now?: () => Date;
}

export function retentionSweepJob(deps: RetentionDeps): JobHandler {
  const { config, store, blobs, logger } = deps;
  const clock = deps.now ?? (() => new Date());

  async function purgeClosedCases(now: Date, budget: { left: number }, signal: AbortSignal): Promise<number> {
    // The administrator's retention period, read at each sweep (server/services/admin/policy.ts).
    const { retention } = await readPolicy(store.settings, config);
    const cutoff = monthsBefore(now, retention.closedCaseMonths);
    let purged = 0;
    for (;;) {
      const ids = await store.cases.closedBefore(cutoff, Math.min(BATCH, budget.left));
      if (ids.length === 0) return purged;
      for (const caseId of ids) {
        if (signal.aborted || budget.left <= 0) return purged;
        const attachmentIds = (await store.attachments.listForCase(caseId)).map((a) => a.id);
        await store.cases.purge(caseId, now, [purgeCaseJobFor(caseId, attachmentIds)]);
        purged += 1;
        budget.left -= 1;
      }
    }
  }

  async function deleteAbandonedUploads(now: Date, budget: { left: number }, signal: AbortSignal): Promise<number> {
    const cutoff = new Date(now.getTime() - config.retention.abandonedUploadHours * 3600 * 1000);
    let deleted = 0;
    for (;;) {
      const ids = await store.attachments.abandonedBefore(cutoff, Math.min(BATCH, budget.left));
      if (ids.length === 0) return deleted;
      for (const attachmentId of ids) {
        if (signal.aborted || budget.left <= 0) return deleted;
        budget.left -= 1;
        // Re-read: a slow submission may have claimed it since the listing.
        const current = await store.attachments.get(attachmentId);
        if (!current || current.caseId !== null) continue;
        // Blobs, then the audit entry, then the row: a crash at any point leaves the row
        // for the next sweep to finish, at worst auditing one deletion twice.
        await blobs.deletePrefix(attachmentId);
        await store.audit.append({ at: now, actorId: null, action: ABANDONED_AUDIT_ACTION, caseId: null, detail: { attachmentId } });
        await store.attachments.delete(attachmentId);
        deleted += 1;
      }
    }
  }

  async function deletePowMarkers(now: Date, signal: AbortSignal): Promise<number> {
    const before = new Date(now.getTime() - POW_MARKER_KEEP_MS);
    let deleted = 0;
    // Not counted against MAX_PER_RUN: each batch is one indexed delete, not per-row work.
    for (;;) {
      if (signal.aborted) return deleted;
      const batch = await store.markers.deleteOlderThan(POW_MARKER_PREFIX, before, MARKER_BATCH);
      deleted += batch;
      if (batch < MARKER_BATCH) return deleted;
    }
  }

  async function deleteExpiredLimits(now: Date, signal: AbortSignal): Promise<number> {
    let deleted = 0;
    // Expired lockout counters already count as absent; this only keeps the table small.
    for (;;) {
      if (signal.aborted) return deleted;
      const batch = await store.limits.deleteExpired(now, MARKER_BATCH);
      deleted += batch;
      if (batch < MARKER_BATCH) return deleted;
    }
  }

  return {
    name: JOB_NAMES.retentionSweep,
    async run(payload, { jobId, signal }) {
      retentionPayload.parse(payload);
      const now = clock();
      await store.outbox.enqueue([nextSweepJob(now)]);
      const budget = { left: MAX_PER_RUN };
      const cases = await purgeClosedCases(now, budget, signal);
      const uploads = await deleteAbandonedUploads(now, budget, signal);
      const markers = (await deletePowMarkers(now, signal)) + (await deleteExpiredLimits(now, signal));
      const temporaries = signal.aborted ? 0 : await blobs.sweepTemporaries(new Date(now.getTime() - TEMPORARY_KEEP_MS));
      if (budget.left <= 0 || signal.aborted) {
        // Work is left: carry on in a new sweep rather than failing this one.
        await store.outbox.enqueue([sweepJob(`${utcDay(now)}-more-${now.getTime()}`, now)]);
      }
      logger.info(
        { jobId, count: cases + uploads + markers + temporaries },
        `retention sweep: ${cases} cases purged, ${uploads} abandoned uploads deleted, ${markers} proof-of-work markers and expired limit counters deleted, ${temporaries} unfinished part uploads removed`,
      );
    },
  };
}
