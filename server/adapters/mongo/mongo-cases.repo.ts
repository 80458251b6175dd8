/**
 * Cases on MongoDB. Every compound operation runs in one multi-document transaction
 * (`connection.transaction`, which retries transient errors such as write conflicts), so a
 * failure anywhere leaves nothing of the operation behind. Transactions need a replica set
 * (a single-node replica set is enough); openMongoStore refuses a standalone server.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { Conflict, ReportNotFound } from '../../errors';
import type { CaseEvent, CaseRecord, CaseRepo, CaseStatus, CreateCaseInput, InboxPage, InboxQuery, NewJob, WrappedKey } from '../../ports/store.port';
import { urgencyAt } from '../inbox-order';
import { definedOnly, toBuffer, toBufferOrNull } from './mongo-convert';
import { readInbox } from './mongo-inbox.query';
import type { CaseDoc, EventDoc, KeyDoc, Models } from './mongo-models';
import { toCase, toEvent, toKey } from './mongo-records';
import { claimAttachment, insertEvent, keyDoc, writeJobs } from './mongo-writes';

type CasePatch = Parameters<CaseRepo['update']>[1];
type EventInput = Omit<CaseEvent, 'caseId'>;
type KeyInput = Omit<WrappedKey, 'caseId' | 'createdAt'>;

/** Staff ids that a set of keys lets read the case in their inbox. */
const readersOf = (keys: readonly KeyInput[]): string[] => [
  ...new Set(keys.filter((k) => k.kind === 'case' && k.recipient !== 'reporter').map((k) => k.recipient)),
];

export class MongoCaseRepo implements CaseRepo {
  constructor(private readonly connection: Connection, private readonly models: Models) {}

  async create(input: CreateCaseInput): Promise<CaseRecord> {
    const c = input.case;
    const now = new Date();
    await this.connection.transaction(async (session) => {
      // _id is the key: a marker already claimed fails the whole submission (duplicate key).
      if (input.marker) await this.models.markers.create([{ _id: input.marker.key, at: input.marker.at }], { session });
      await this.models.cases.create([{
        _id: c.id, channelId: c.channelId, category: c.category, language: c.language, status: c.status, outcome: null, createdAt: c.createdAt,
        acknowledgedAt: null, firstFeedbackAt: null, closedAt: null, ackDueAt: c.ackDueAt, feedbackDueAt: c.feedbackDueAt,
        urgencyAt: urgencyAt(c.status, c.ackDueAt, c.feedbackDueAt), assigneeId: null, flagged: false, receiptLookup: c.receiptLookup,
        reporterPublicKey: toBuffer(c.reporterPublicKey), body: toBuffer(c.body), identity: toBufferOrNull(c.identity), labels: [],
        lastReporterAccessAt: null, purgedAt: null, readers: readersOf(input.keys),
      }], { session });
      if (input.keys.length > 0) {
        await this.models.keys.insertMany(input.keys.map((k) => keyDoc({ ...k, caseId: c.id, createdAt: c.createdAt })), { session });
      }
      for (const attachmentId of input.attachmentIds) await claimAttachment(this.models, attachmentId, c.id, session);
      await insertEvent(this.models, { ...input.event, caseId: c.id }, session);
      await writeJobs(this.models, input.jobs, now, session);
    });
    return this.mustGet(c.id);
  }

  async get(id: string): Promise<CaseRecord | null> {
    const doc = await this.models.cases.findById(id).lean<CaseDoc>();
    return doc ? toCase(doc) : null;
  }

  private async mustGet(id: string): Promise<CaseRecord> {
    const found = await this.get(id);
    if (!found) throw ReportNotFound();
    return found;
  }

  async byReceiptLookup(lookup: string): Promise<CaseRecord | null> {
    const doc = await this.models.cases.findOne({ receiptLookup: lookup }).lean<CaseDoc>();
    return doc ? toCase(doc) : null;
  }

  async update(id: string, patch: CasePatch, event: EventInput | null, jobs: NewJob[]): Promise<CaseRecord> {
    const now = new Date();
    return this.connection.transaction(async (session) => {
      const current = await this.models.cases.findById(id).session(session).lean<CaseDoc>();
      if (!current) throw ReportNotFound();
      const defined = definedOnly(patch);
      const status = defined.status ?? (current.status as CaseStatus);
      await this.models.cases.updateOne(
        { _id: id },
        { $set: { ...defined, urgencyAt: urgencyAt(status, current.ackDueAt, current.feedbackDueAt) } },
        { session },
      );
      if (event) await insertEvent(this.models, { ...event, caseId: id }, session);
      await writeJobs(this.models, jobs, now, session);
      const after = await this.models.cases.findById(id).session(session).lean<CaseDoc>();
      if (!after) throw ReportNotFound();
      return toCase(after);
    });
  }

  async keys(caseId: string): Promise<WrappedKey[]> {
    const docs = await this.models.keys.find({ caseId }).sort({ createdAt: 1, kind: 1, recipient: 1 }).lean<KeyDoc[]>();
    return docs.map(toKey);
  }

  async keysFor(caseId: string, recipient: string): Promise<WrappedKey[]> {
    const docs = await this.models.keys.find({ caseId, recipient }).sort({ createdAt: 1, kind: 1 }).lean<KeyDoc[]>();
    return docs.map(toKey);
  }

  async addKeys(caseId: string, keys: KeyInput[], event: EventInput): Promise<void> {
    await this.connection.transaction(async (session) => {
      const current = await this.models.cases.findById(caseId, { purgedAt: 1 }).session(session).lean<Pick<CaseDoc, 'purgedAt'>>();
      if (!current) throw ReportNotFound();
      // A purged case has nothing left to decrypt; a new key would bring it back into inboxes.
      if (current.purgedAt) throw Conflict();
      for (const key of keys) {
        await this.models.keys.updateOne(
          { caseId, kind: key.kind, recipient: key.recipient },
          { $setOnInsert: keyDoc({ ...key, caseId, createdAt: event.at }) },
          { upsert: true, session },
        );
      }
      const readers = readersOf(keys);
      if (readers.length > 0) await this.models.cases.updateOne({ _id: caseId }, { $addToSet: { readers: { $each: readers } } }, { session });
      await insertEvent(this.models, { ...event, caseId }, session);
    });
  }

  async events(caseId: string): Promise<CaseEvent[]> {
    const docs = await this.models.events.find({ caseId }).sort({ at: 1, _id: 1 }).lean<EventDoc[]>();
    return docs.map(toEvent);
  }

  async inbox(query: InboxQuery): Promise<InboxPage> {
    return readInbox(this.models, query);
  }

  async openCountByAssignee(staffIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(staffIds.map((id) => [id, 0]));
    if (staffIds.length === 0) return counts;
    const rows = await this.models.cases.aggregate<{ _id: string; n: number }>([
      { $match: { assigneeId: { $in: staffIds }, status: { $ne: 'closed' } } },
      { $group: { _id: '$assigneeId', n: { $sum: 1 } } },
    ]);
    for (const row of rows) counts.set(row._id, row.n);
    return counts;
  }

  async purge(id: string, at: Date, jobs: NewJob[]): Promise<string[]> {
    const now = new Date();
    return this.connection.transaction(async (session) => {
      const current = await this.models.cases.findById(id, { purgedAt: 1 }).session(session).lean<Pick<CaseDoc, 'purgedAt'>>();
      if (!current) throw ReportNotFound();
      await writeJobs(this.models, jobs, now, session);
      if (current.purgedAt) return [];
      const attachments = await this.models.attachments.find({ caseId: id }, { _id: 1 }).sort({ _id: 1 }).session(session).lean<{ _id: string }[]>();
      const attachmentIds = attachments.map((a) => a._id);
      await this.models.cases.updateOne({ _id: id }, { $set: { body: Buffer.alloc(0), identity: null, purgedAt: at, readers: [] } }, { session });
      await this.models.keys.deleteMany({ caseId: id }, { session });
      await this.models.messages.deleteMany({ caseId: id }, { session });
      await this.models.events.updateMany({ caseId: id }, { $set: { sealed: null } }, { session });
      await this.models.attachments.deleteMany({ caseId: id }, { session });
      await insertEvent(this.models, {
        id: randomUUID(), caseId: id, at, kind: 'purged', actorId: null, detail: { attachments: attachmentIds.length }, sealed: null, visibleToReporter: true,
      }, session);
      return attachmentIds;
    });
  }

  async closedBefore(before: Date, limit: number): Promise<string[]> {
    const docs = await this.models.cases
      .find({ status: 'closed', purgedAt: null, closedAt: { $lt: before } }, { _id: 1 })
      .sort({ closedAt: 1, _id: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>();
    return docs.map((d) => d._id);
  }
}
