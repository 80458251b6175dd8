/** An officer downloads one encrypted part of an attachment of a case they may open. */
import type { Readable } from 'node:stream';
import { AttachmentNotFound, PartIndexInvalid } from '../../errors';
import { BlobNotFound, type BlobStore } from '../../ports/blob.port';
import type { StaffRecord, Store } from '../../ports/store.port';
import { caseForOfficer } from './case-access';

export async function openCaseAttachmentPart(
  deps: { store: Store; blobs: BlobStore },
  staff: StaffRecord,
  part: { caseId: string; attachmentId: string; index: number },
): Promise<Readable> {
  await caseForOfficer(deps.store, staff, part.caseId);
  const attachment = await deps.store.attachments.get(part.attachmentId);
  if (!attachment || attachment.caseId !== part.caseId) throw AttachmentNotFound();
  if (part.index >= attachment.chunkCount) throw PartIndexInvalid({ parts: attachment.chunkCount });
  try {
    return await deps.blobs.get(`${attachment.id}/${part.index}`);
  } catch (err) {
    if (err instanceof BlobNotFound) throw AttachmentNotFound();
    throw err;
  }
}
