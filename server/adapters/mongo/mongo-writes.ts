/**
 * Writes that several compound operations share, each taking the transaction's session.
 * A throw inside `connection.transaction` aborts everything the session wrote.
 */
import type { ClientSession } from 'mongoose';
import { AttachmentIncomplete, AttachmentNotFound, Conflict } from '../../errors';
import type { CaseEvent, NewJob, WrappedKey } from '../../ports/store.port';
import { toBuffer, toBufferOrNull } from './mongo-convert';
import type { Models } from './mongo-models';

/** Upsert with $setOnInsert (the filter's _id becomes the new document's): an existing job with the same deterministic id is kept as it is. */
export async function writeJobs(models: Models, jobs: readonly NewJob[], now: Date, session?: ClientSession): Promise<void> {
  if (jobs.length === 0) return;
  await models.jobs.bulkWrite(
    jobs.map((job) => ({
      updateOne: {
        filter: { _id: job.id },
        update: {
          $setOnInsert: {
            name: job.name, payload: job.payload, runAt: job.runAt, maxAttempts: job.maxAttempts, status: 'pending', attempts: 0,
            lockedUntil: null, lastError: null, relayedAt: null, createdAt: now, finishedAt: null,
          },
        },
        upsert: true,
      },
    })),
    { session, ordered: true },
  );
}

export async function insertEvent(models: Models, event: CaseEvent, session: ClientSession): Promise<void> {
  await models.events.create(
    [{ _id: event.id, caseId: event.caseId, at: event.at, kind: event.kind, actorId: event.actorId, detail: event.detail, sealed: toBufferOrNull(event.sealed), visibleToReporter: event.visibleToReporter }],
    { session },
  );
}

export const keyDoc = (key: WrappedKey) => ({
  caseId: key.caseId, kind: key.kind, recipient: key.recipient, wrapped: toBuffer(key.wrapped), grantedBy: key.grantedBy, createdAt: key.createdAt,
});

/** Attaches a complete, unclaimed upload to the case, or throws so the transaction aborts. */
export async function claimAttachment(models: Models, attachmentId: string, caseId: string, session: ClientSession): Promise<void> {
  const claimed = await models.attachments.updateOne(
    { _id: attachmentId, caseId: null, status: 'complete' },
    { $set: { caseId, status: 'attached' } },
    { session },
  );
  if (claimed.matchedCount === 1) return;
  const current = await models.attachments.findById(attachmentId, { status: 1 }).session(session).lean<{ status: string }>();
  if (!current) throw AttachmentNotFound();
  if (current.status === 'uploading') throw AttachmentIncomplete();
  throw Conflict();
}
