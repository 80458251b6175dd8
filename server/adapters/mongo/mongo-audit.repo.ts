/**
 * The hash-chained audit log on MongoDB. An append takes the next seq from a counter
 * document ({_id: 'audit'}, $inc) and reads the previous entry's hash in the same
 * transaction. Two concurrent appenders both write the counter, so one of them hits a
 * write conflict, is aborted and retried by connection.transaction: the chain never forks,
 * across processes too.
 */
import type { ClientSession, Connection } from 'mongoose';
import type { AuditEntry, AuditInput, AuditRepo } from '../../ports/store.port';
import { auditHash, GENESIS_HASH, normalizeJson } from '../../services/audit-chain';
import { isDuplicateKey } from './mongo-convert';
import type { AuditDoc, Models } from './mongo-models';
import { toAudit } from './mongo-records';

export const AUDIT_COUNTER = 'audit';
type AuditQuery = Parameters<AuditRepo['list']>[0];

export class MongoAuditRepo implements AuditRepo {
  constructor(private readonly connection: Connection, private readonly models: Models) {}

  /**
   * Creates the counter before any append, outside a transaction: creating it inside one
   * would let two first appenders both try to insert it. Starts from the last stored seq
   * so a log restored without its counter continues where it was.
   */
  async ensureCounter(): Promise<void> {
    const last = await this.models.audit.findOne({}, { seq: 1 }).sort({ seq: -1 }).lean<Pick<AuditDoc, 'seq'>>();
    try {
      await this.models.counters.updateOne({ _id: AUDIT_COUNTER }, { $setOnInsert: { seq: last?.seq ?? 0 } }, { upsert: true });
    } catch (err) {
      // Another process created it at the same moment: that is the outcome wanted.
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async append(input: AuditInput): Promise<AuditEntry> {
    return this.connection.transaction(async (session) => this.appendWithin(session, input));
  }

  /** Inside another repository's transaction, so a change and its audit entry commit together. */
  async appendWithin(session: ClientSession, input: AuditInput): Promise<AuditEntry> {
    const detail = normalizeJson(input.detail);
    const counter = await this.models.counters
      .findOneAndUpdate({ _id: AUDIT_COUNTER }, { $inc: { seq: 1 } }, { new: true, session })
      .lean<{ seq: number }>();
    if (!counter) throw new Error('the audit counter is missing: openMongoStore creates it');
    const seq = counter.seq;
    let prevHash = GENESIS_HASH;
    if (seq > 1) {
      const previous = await this.models.audit.findOne({ seq: seq - 1 }, { hash: 1 }).session(session).lean<Pick<AuditDoc, 'hash'>>();
      // Never chain past a gap: that would hide the very deletion the chain exists to show.
      if (!previous) throw new Error(`audit entry ${seq - 1} is missing; run the audit verification`);
      prevHash = previous.hash;
    }
    const entry = { seq, at: input.at, actorId: input.actorId, action: input.action, caseId: input.caseId, detail };
    const hash = auditHash(prevHash, entry);
    await this.models.audit.create([{ ...entry, prevHash, hash }], { session });
    return { ...entry, prevHash, hash };
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const filter: Partial<Record<keyof AuditDoc, unknown>> = { seq: { $gte: query.fromSeq ?? 0 } };
    if (query.action !== undefined) filter.action = query.action;
    if (query.actorId !== undefined) filter.actorId = query.actorId;
    if (query.caseId !== undefined) filter.caseId = query.caseId;
    const docs = await this.models.audit.find(filter).sort({ seq: 1 }).limit(query.limit).lean<AuditDoc[]>();
    return docs.map(toAudit);
  }
}
