/**
 * Messages and attachment uploads on MongoDB. A message, the claim of its attachments
 * and its jobs are one transaction. Chunk indexes live in the upload's document and are
 * merged with $setUnion in an update pipeline, so a chunk sent twice counts once and
 * concurrent chunks never lose one another.
 */
import type { Connection } from 'mongoose';
import { AttachmentIncomplete, AttachmentNotFound, Conflict, ReportNotFound, ValidationFailed } from '../../errors';
import type { AttachmentRecord, AttachmentRepo, MessageRecord, MessageRepo, NewJob } from '../../ports/store.port';
import { toBuffer } from './mongo-convert';
import type { AttachmentDoc, CaseDoc, MessageDoc, Models } from './mongo-models';
import { toAttachment, toMessage } from './mongo-records';
import { claimAttachment, writeJobs } from './mongo-writes';

export class MongoMessageRepo implements MessageRepo {
  constructor(private readonly connection: Connection, private readonly models: Models) {}

  async add(m: MessageRecord, jobs: NewJob[]): Promise<void> {
    const now = new Date();
    await this.connection.transaction(async (session) => {
      const owner = await this.models.cases.findById(m.caseId, { purgedAt: 1 }).session(session).lean<Pick<CaseDoc, 'purgedAt'>>();
      if (!owner) throw ReportNotFound();
      // The case key is gone: nobody could read the message, and retention promised deletion.
      if (owner.purgedAt) throw Conflict();
      await this.models.messages.create(
        [{ _id: m.id, caseId: m.caseId, author: m.author, kind: m.kind, body: toBuffer(m.body), attachmentIds: m.attachmentIds, createdAt: m.createdAt }],
        { session },
      );
      for (const attachmentId of m.attachmentIds) await claimAttachment(this.models, attachmentId, m.caseId, session);
      await writeJobs(this.models, jobs, now, session);
    });
  }

  async list(caseId: string, kinds: MessageRecord['kind'][]): Promise<MessageRecord[]> {
    if (kinds.length === 0) return [];
    const docs = await this.models.messages.find({ caseId, kind: { $in: kinds } }).sort({ createdAt: 1, _id: 1 }).lean<MessageDoc[]>();
    return docs.map(toMessage);
  }
}

export class MongoAttachmentRepo implements AttachmentRepo {
  constructor(private readonly models: Models) {}

  async create(a: Pick<AttachmentRecord, 'id' | 'chunkCount' | 'size' | 'createdAt'>): Promise<void> {
    if (!Number.isSafeInteger(a.chunkCount) || a.chunkCount < 1) throw ValidationFailed('chunkCount', 'must be a positive integer');
    if (!Number.isSafeInteger(a.size) || a.size < 0) throw ValidationFailed('size', 'must be a non-negative integer');
    await this.models.attachments.create({
      _id: a.id, caseId: null, chunkCount: a.chunkCount, size: a.size, receivedChunks: 0, chunks: [], status: 'uploading', createdAt: a.createdAt, completedAt: null,
    });
  }

  async get(id: string): Promise<AttachmentRecord | null> {
    const doc = await this.models.attachments.findById(id).lean<AttachmentDoc>();
    return doc ? toAttachment(doc) : null;
  }

  async chunkReceived(id: string, index: number): Promise<number> {
    const current = await this.models.attachments.findById(id, { chunkCount: 1, status: 1, receivedChunks: 1 }).lean<AttachmentDoc>();
    if (!current) throw AttachmentNotFound();
    if (!Number.isSafeInteger(index) || index < 0 || index >= current.chunkCount) {
      throw ValidationFailed('index', `must be an integer from 0 to ${current.chunkCount - 1}`);
    }
    const updated = await this.models.attachments
      .findOneAndUpdate(
        // Once complete the ciphertext is fixed; a late chunk must not be taken for part of it.
        { _id: id, status: 'uploading' },
        [{ $set: { chunks: { $setUnion: [{ $ifNull: ['$chunks', []] }, [index]] } } }, { $set: { receivedChunks: { $size: '$chunks' } } }],
        { new: true, projection: { receivedChunks: 1 } },
      )
      .lean<Pick<AttachmentDoc, 'receivedChunks'>>();
    return updated ? updated.receivedChunks : current.receivedChunks;
  }

  async receivedIndexes(id: string): Promise<number[]> {
    const doc = await this.models.attachments.findById(id, { chunks: 1 }).lean<Pick<AttachmentDoc, 'chunks'>>();
    return [...(doc?.chunks ?? [])].sort((a, b) => a - b);
  }

  /** idempotent; refuses (AttachmentIncomplete) while chunks are missing */
  async markComplete(id: string, at: Date): Promise<void> {
    const done = await this.models.attachments.updateOne(
      { _id: id, status: 'uploading', $expr: { $eq: ['$receivedChunks', '$chunkCount'] } },
      { $set: { status: 'complete', completedAt: at } },
    );
    if (done.matchedCount === 1) return;
    const current = await this.models.attachments.findById(id, { status: 1 }).lean<Pick<AttachmentDoc, 'status'>>();
    if (!current) throw AttachmentNotFound();
    if (current.status === 'uploading') throw AttachmentIncomplete();
  }

  async listForCase(caseId: string): Promise<AttachmentRecord[]> {
    const docs = await this.models.attachments.find({ caseId }).sort({ createdAt: 1, _id: 1 }).lean<AttachmentDoc[]>();
    return docs.map(toAttachment);
  }

  async abandonedBefore(before: Date, limit: number): Promise<string[]> {
    const docs = await this.models.attachments
      .find({ caseId: null, createdAt: { $lt: before } }, { _id: 1 })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>();
    return docs.map((d) => d._id);
  }

  async delete(id: string): Promise<void> {
    await this.models.attachments.deleteOne({ _id: id });
  }
}
