/**
 * Before a report or a message claims uploads: each must exist, be fully uploaded and not
 * belong to anything yet. The store claims them again inside its transaction, so a race
 * between two submissions still cannot give one upload to both; this check only turns the
 * common mistakes into precise errors before any write.
 */
import { AttachmentAttached, AttachmentIncomplete, AttachmentNotFound, TooManyAttachments, ValidationFailed } from '../errors';
import type { Store } from '../ports/store.port';

export async function checkClaimable(store: Store, ids: readonly string[], max: number): Promise<void> {
  if (ids.length > max) throw TooManyAttachments({ max });
  if (new Set(ids).size !== ids.length) throw ValidationFailed('attachmentIds', 'must not repeat an attachment');
  for (const id of ids) {
    const attachment = await store.attachments.get(id);
    if (!attachment) throw AttachmentNotFound();
    if (attachment.status === 'attached' || attachment.caseId !== null) throw AttachmentAttached();
    if (attachment.status !== 'complete') throw AttachmentIncomplete();
  }
}
