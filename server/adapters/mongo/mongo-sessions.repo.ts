/**
 * Staff sessions and one-time tokens on MongoDB. A token is consumed with
 * findOneAndDelete, atomic on one document: of concurrent requests exactly one gets it.
 */
import type { OneTimeToken, SessionRecord, SessionRepo, TokenPurpose, TokenRepo } from '../../ports/store.port';
import { isDuplicateKey } from './mongo-convert';
import type { SessionDoc, StaffAuthModels, TokenDoc } from './mongo-staff-auth.models';

const toSession = (d: SessionDoc): SessionRecord => ({ tokenHash: d._id, staffId: d.staffId, createdAt: d.createdAt, lastSeenAt: d.lastSeenAt, expiresAt: d.expiresAt });
const toToken = (d: TokenDoc): OneTimeToken => ({ tokenHash: d._id, purpose: d.purpose as TokenPurpose, staffId: d.staffId, createdAt: d.createdAt, expiresAt: d.expiresAt });

export class MongoSessionRepo implements SessionRepo {
  constructor(private readonly models: StaffAuthModels) {}

  async create(s: SessionRecord): Promise<void> {
    await this.models.sessions.create({ _id: s.tokenHash, staffId: s.staffId, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt });
  }

  async getByHash(tokenHash: string): Promise<SessionRecord | null> {
    const doc = await this.models.sessions.findById(tokenHash).lean<SessionDoc>();
    return doc ? toSession(doc) : null;
  }

  async touch(tokenHash: string, at: Date): Promise<void> {
    await this.models.sessions.updateOne({ _id: tokenHash, lastSeenAt: { $lt: at } }, { $set: { lastSeenAt: at } });
  }

  async delete(tokenHash: string): Promise<void> {
    await this.models.sessions.deleteOne({ _id: tokenHash });
  }

  async deleteAllFor(staffId: string, exceptHash?: string): Promise<number> {
    const filter = exceptHash === undefined ? { staffId } : { staffId, _id: { $ne: exceptHash } };
    return (await this.models.sessions.deleteMany(filter)).deletedCount;
  }
}

export class MongoTokenRepo implements TokenRepo {
  constructor(private readonly models: StaffAuthModels) {}

  async create(t: OneTimeToken): Promise<void> {
    try {
      await this.models.tokens.create({ _id: t.tokenHash, purpose: t.purpose, staffId: t.staffId, createdAt: t.createdAt, expiresAt: t.expiresAt });
    } catch (err) {
      // The same hash again is the same re-derived invitation token: the first one stands.
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async peek(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<OneTimeToken | null> {
    const doc = await this.models.tokens.findOne({ _id: tokenHash, purpose, expiresAt: { $gt: now } }).lean<TokenDoc>();
    return doc ? toToken(doc) : null;
  }

  async consume(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<OneTimeToken | null> {
    const doc = await this.models.tokens.findOneAndDelete({ _id: tokenHash, purpose, expiresAt: { $gt: now } }).lean<TokenDoc>();
    return doc ? toToken(doc) : null;
  }

  async revoke(purpose: TokenPurpose, staffId: string | null, exceptHash?: string): Promise<void> {
    const filter = exceptHash === undefined ? { purpose, staffId } : { purpose, staffId, _id: { $ne: exceptHash } };
    await this.models.tokens.deleteMany(filter);
  }
}
