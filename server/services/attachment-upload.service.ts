/**
 * Encrypted attachment uploads, made while the reporter is still writing: announce the
 * upload, send its parts (each streamed straight to the blob store, never buffered), read
 * the state back to resume after an interruption. Parts are opaque ciphertext.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Config } from '../../config';
import type { AttachmentUploadState, CreateAttachment } from '../../shared/api/report.schema';
import {
  AttachmentAttached, AttachmentComplete, AttachmentNotFound, AttachmentPartsInvalid, AttachmentSizeInvalid, AttachmentTooLarge, PartIndexInvalid, PartSizeInvalid,
  PartTooLarge, UploadAborted,
} from '../errors';
import { BlobExists, BlobSizeMismatch, BlobTooLarge, type BlobStore } from '../ports/blob.port';
import type { AttachmentRecord, Store } from '../ports/store.port';
import type { ProofOfWork } from './proof-of-work';
import { cipherChunkBytes, layoutOf, maxAttachmentBytes, maxPartBytes, partBytes, partChunks, PART_CHUNKS } from './attachment-limits';

/** what a request stream fails with when its client disconnects ("aborted") */
const CLIENT_GONE = new Set(['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE']);

export interface AttachmentDeps {
  store: Store;
  blobs: BlobStore;
  config: Config;
  now: () => Date;
}

/** the hourly byte budgets an upload is counted against; reserve() refuses (429) or returns the refund */
export interface UploadBudget {
  reserve(bytes: number): () => void;
}

/**
 * Announces an upload. It costs a proof of work of its own, spent once (the same challenges
 * and single-use markers as a submission's), and its announced bytes count against the
 * client's and everyone's hourly budgets, so nobody fills the disk for free. Cheap checks
 * come first; the budget is taken before the proof is spent and given back if spending fails.
 */
export async function createAttachment(deps: AttachmentDeps & { pow: ProofOfWork }, input: CreateAttachment, budget: UploadBudget): Promise<AttachmentUploadState> {
  const max = maxAttachmentBytes(deps.config.limits);
  if (input.size > max) throw AttachmentTooLarge({ maxBytes: max });
  // The blob is STREAM chunks only, each exactly chunkBytes + 16; the header is in the descriptor.
  const layout = layoutOf(input.size, deps.config.limits);
  if (!layout) throw AttachmentSizeInvalid({ cipherChunkBytes: cipherChunkBytes(deps.config.limits) });
  if (input.parts !== layout.parts) throw AttachmentPartsInvalid({ parts: layout.parts, partChunks: PART_CHUNKS });
  const now = deps.now();
  const pow = await deps.pow.check(input.pow, now);
  const refund = budget.reserve(input.size);
  try {
    await deps.pow.claim(pow, now);
  } catch (err) {
    refund();
    throw err;
  }
  const id = randomUUID();
  await deps.store.attachments.create({ id, chunkCount: input.parts, size: input.size, createdAt: now });
  return { id, parts: input.parts, received: [], complete: false };
}

export async function attachmentState(deps: AttachmentDeps, id: string): Promise<AttachmentUploadState> {
  const attachment = await uploading(deps.store, id, { allowComplete: true });
  return stateOf(deps.store, attachment);
}

export interface PartUpload {
  id: string;
  index: number;
  /** the Content-Length the client announced; checked before a byte is read */
  length: number;
  body: Readable;
}

/**
 * Stores one part and marks the upload complete with its last part. Blobs are write-once: a
 * part that is already stored (a retry after a lost answer) is counted, never replaced, and a
 * late part that finishes after the upload completed or was attached is refused.
 */
export async function uploadPart(deps: AttachmentDeps, part: PartUpload): Promise<AttachmentUploadState> {
  const attachment = await uploading(deps.store, part.id, { allowComplete: false });
  if (part.index >= attachment.chunkCount) throw PartIndexInvalid({ parts: attachment.chunkCount });
  const limits = deps.config.limits;
  const max = maxPartBytes(limits);
  if (part.length > max) throw PartTooLarge({ maxBytes: max });
  // Each part holds whole chunks, PART_CHUNKS of them but the last: its size is known to the byte.
  const chunks = chunksOf(attachment, limits);
  const expected = partBytes(chunks, part.index, limits);
  if (part.length !== expected) throw PartSizeInvalid({ expectedBytes: expected });
  try {
    // The blob store writes to a temporary file and renames it: a part cut short or over
    // the limit never becomes visible, and the part is recorded only once it is stored.
    // Exactly the announced Content-Length, or nothing is stored.
    const stored = await deps.blobs.put(`${part.id}/${part.index}`, part.body, expected, { exactBytes: true });
    if (stored !== expected) throw new Error(`blob store kept ${stored} bytes of a ${expected}-byte part`);
  } catch (err) {
    // Content-Length was checked; a body that brings more or fewer bytes than it said is stored nowhere.
    if (err instanceof BlobTooLarge || err instanceof BlobSizeMismatch) throw PartSizeInvalid({ expectedBytes: expected });
    if (err instanceof BlobExists) {
      // Another PUT of this part got there first; whatever it stored stays. Once the upload
      // is complete or attached, this one is a late part and is told so.
      await uploading(deps.store, part.id, { allowComplete: false });
    }
    // A client that goes away mid-part is not a server fault; the part is simply not stored.
    else if (CLIENT_GONE.has(String((err as NodeJS.ErrnoException).code))) throw UploadAborted();
    else throw err;
  }
  const received = await deps.store.attachments.chunkReceived(part.id, part.index);
  if (received === attachment.chunkCount && (await accountedFor(deps.store, attachment, limits))) await deps.store.attachments.markComplete(part.id, deps.now());
  const latest = await deps.store.attachments.get(part.id);
  if (!latest) throw AttachmentNotFound();
  return stateOf(deps.store, latest);
}

/** the STREAM chunks an upload announced (its record's chunkCount counts parts) */
function chunksOf(attachment: AttachmentRecord, limits: AttachmentDeps['config']['limits']): number {
  return Math.floor(attachment.size / cipherChunkBytes(limits));
}

/**
 * Completion needs the byte count and the chunk count of the stored parts to match the
 * announcement, not only the number of parts.
 */
async function accountedFor(store: Store, attachment: AttachmentRecord, limits: AttachmentDeps['config']['limits']): Promise<boolean> {
  const indexes = await store.attachments.receivedIndexes(attachment.id);
  const chunks = chunksOf(attachment, limits);
  const bytes = indexes.reduce((n, i) => n + partBytes(chunks, i, limits), 0);
  const counted = indexes.reduce((n, i) => n + partChunks(chunks, i), 0);
  return indexes.length === attachment.chunkCount && bytes === attachment.size && counted === chunks;
}

async function uploading(store: Store, id: string, { allowComplete }: { allowComplete: boolean }): Promise<AttachmentRecord> {
  const attachment = await store.attachments.get(id);
  if (!attachment) throw AttachmentNotFound();
  // Once a report or message holds it, an upload is evidence: nobody may replace its parts.
  if (attachment.status === 'attached' || attachment.caseId !== null) throw AttachmentAttached();
  if (attachment.status === 'complete' && !allowComplete) throw AttachmentComplete();
  return attachment;
}

async function stateOf(store: Store, attachment: AttachmentRecord): Promise<AttachmentUploadState> {
  const received = attachment.status === 'uploading' ? await store.attachments.receivedIndexes(attachment.id) : range(attachment.chunkCount);
  return { id: attachment.id, parts: attachment.chunkCount, received, complete: attachment.status !== 'uploading' };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
