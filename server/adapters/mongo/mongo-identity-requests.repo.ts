/**
 * Identity requests and case views on MongoDB. A request and its jobs are one transaction.
 * A decision is one conditional update on a pending request, so when two custodians answer
 * at once only the first counts.
 */
import type { Connection } from 'mongoose';
import type { CaseViewRepo, IdentityRequestRecord, IdentityRequestRepo, IdentityRequestStatus, NewJob } from '../../ports/store.port';
import { toBuffer, toBytes } from './mongo-convert';
import type { Models } from './mongo-models';
import { writeJobs } from './mongo-writes';
import type { IdentityRequestDoc, StaffAuthModels } from './mongo-staff-auth.models';

type NewRequest = Omit<IdentityRequestRecord, 'status' | 'decidedBy' | 'decidedAt'>;

const toRequest = (d: IdentityRequestDoc): IdentityRequestRecord => ({
  id: d._id,
  caseId: d.caseId,
  channelId: d.channelId,
  requesterId: d.requesterId,
  reason: toBytes(d.reason),
  custodianReasons: d.custodianReasons.map((r) => ({ custodianId: r.custodianId, sealed: toBytes(r.sealed) })),
  createdAt: d.createdAt,
  status: d.status as IdentityRequestStatus,
  decidedBy: d.decidedBy,
  decidedAt: d.decidedAt,
});

export class MongoIdentityRequestRepo implements IdentityRequestRepo {
  constructor(private readonly connection: Connection, private readonly models: StaffAuthModels, private readonly store: Models) {}

  async create(r: NewRequest, jobs: NewJob[]): Promise<void> {
    const now = new Date();
    await this.connection.transaction(async (session) => {
      await this.models.identityRequests.create(
        [{
          _id: r.id, caseId: r.caseId, channelId: r.channelId, requesterId: r.requesterId, reason: toBuffer(r.reason),
          custodianReasons: r.custodianReasons.map((c) => ({ custodianId: c.custodianId, sealed: toBuffer(c.sealed) })),
          createdAt: r.createdAt, status: 'pending', decidedBy: null, decidedAt: null,
        }],
        { session },
      );
      await writeJobs(this.store, jobs, now, session);
    });
  }

  async get(id: string): Promise<IdentityRequestRecord | null> {
    const doc = await this.models.identityRequests.findById(id).lean<IdentityRequestDoc>();
    return doc ? toRequest(doc) : null;
  }

  async list(query: { status?: IdentityRequestStatus; caseId?: string; limit: number }): Promise<IdentityRequestRecord[]> {
    const filter: Record<string, string> = {};
    if (query.status !== undefined) filter.status = query.status;
    if (query.caseId !== undefined) filter.caseId = query.caseId;
    const docs = await this.models.identityRequests.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit).lean<IdentityRequestDoc[]>();
    return docs.map(toRequest);
  }

  async decide(id: string, status: Exclude<IdentityRequestStatus, 'pending'>, custodianId: string, at: Date): Promise<boolean> {
    const result = await this.models.identityRequests.updateOne({ _id: id, status: 'pending' }, { $set: { status, decidedBy: custodianId, decidedAt: at } });
    return result.modifiedCount === 1;
  }
}

export class MongoCaseViewRepo implements CaseViewRepo {
  constructor(private readonly models: StaffAuthModels, private readonly store: Models) {}

  async markViewed(caseId: string, staffId: string, at: Date): Promise<void> {
    await this.models.caseViews.updateOne({ staffId, caseId }, { $max: { viewedAt: at } }, { upsert: true });
  }

  async unreadCounts(staffId: string, caseIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(caseIds.map((id) => [id, 0]));
    if (caseIds.length === 0) return counts;
    const views = await this.models.caseViews.find({ staffId, caseId: { $in: caseIds } }).lean<{ caseId: string; viewedAt: Date }[]>();
    const seen = new Map(views.map((v) => [v.caseId, v.viewedAt]));
    // One count per case on the (caseId, createdAt) index: a page holds at most 100 cases.
    await Promise.all(
      caseIds.map(async (caseId) => {
        const since = seen.get(caseId);
        const n = await this.store.messages.countDocuments({ caseId, author: 'reporter', kind: 'message', ...(since ? { createdAt: { $gt: since } } : {}) });
        counts.set(caseId, n);
      }),
    );
    return counts;
  }
}
