/**
 * A reporter downloads one encrypted part of an attachment of their own case. An attachment
 * of another case answers exactly like one that does not exist.
 */
import type { Readable } from 'node:stream';
import { AttachmentNotFound, PartIndexInvalid } from '../errors';
import { BlobNotFound, type BlobStore } from '../ports/blob.port';
import type { Store } from '../ports/store.port';
import { reporterCase } from './reporter-case';
import type { ReporterSession } from './reporter-token';

export async function openReporterAttachmentPart(
  deps: { store: Store; blobs: BlobStore },
  session: ReporterSession,
  part: { id: string; index: number },
): Promise<Readable> {
  const record = await reporterCase(deps.store, session);
  const attachment = await deps.store.attachments.get(part.id);
  if (!attachment || attachment.caseId !== record.id) throw AttachmentNotFound();
  if (part.index >= attachment.chunkCount) throw PartIndexInvalid({ parts: attachment.chunkCount });
  try {
    return await deps.blobs.get(`${part.id}/${part.index}`);
  } catch (err) {
    if (err instanceof BlobNotFound) throw AttachmentNotFound();
    throw err;
  }
}
