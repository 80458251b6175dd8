/**
 * Shared lockout counters on MongoDB. A hit is one findOneAndUpdate with an update pipeline
 * and upsert, atomic on the document; the key is the _id. A TTL index deletes counters once
 * they expired (the server's TTL monitor runs about once a minute, so reads also check
 * `expiresAt` themselves). Two first hits racing on a new key may both try the insert: the
 * loser gets a duplicate key and retries, then updates the winner's document.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { LimitCount, LimitRepo } from '../../ports/store.port';
import { isDuplicateKey } from './mongo-convert';

export interface LimitDoc { _id: string; count: number; lastAt: Date; expiresAt: Date }

const limitSchema = new Schema<LimitDoc>({ _id: String, count: Number, lastAt: Date, expiresAt: Date }, { versionKey: false });
limitSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

const toCount = (doc: LimitDoc): LimitCount => ({ count: doc.count, lastAt: doc.lastAt, expiresAt: doc.expiresAt });

export class MongoLimitRepo implements LimitRepo {
  readonly model: Model<LimitDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<LimitDoc>('LimitCounter', limitSchema, 'limit_counters');
  }

  async hit(key: string, now: Date, windowMs: number, mode: 'fixed' | 'sliding'): Promise<LimitCount> {
    const expires = new Date(now.getTime() + windowMs);
    // A missing document has no expiresAt, which compares below any date: it starts at 1.
    const live = { $gt: ['$expiresAt', now] };
    const update = [{
      $set: {
        count: { $cond: [live, { $add: ['$count', 1] }, 1] },
        expiresAt: mode === 'sliding' ? expires : { $cond: [live, '$expiresAt', expires] },
        lastAt: now,
      },
    }];
    for (let attempt = 0; ; attempt += 1) {
      try {
        const doc = await this.model.findOneAndUpdate({ _id: key }, update, { upsert: true, new: true, lean: true }).lean<LimitDoc>();
        if (!doc) throw new Error('the limit counter upsert returned no document');
        return toCount(doc);
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 2) throw err;
      }
    }
  }

  async get(key: string, now: Date): Promise<LimitCount | null> {
    const doc = await this.model.findOne({ _id: key, expiresAt: { $gt: now } }).lean<LimitDoc>();
    return doc ? toCount(doc) : null;
  }

  async clear(key: string): Promise<void> {
    await this.model.deleteOne({ _id: key });
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    if (limit <= 0) return 0;
    const batch = await this.model.find({ expiresAt: { $lte: now } }, { _id: 1 }).limit(limit).lean<Array<{ _id: string }>>();
    if (batch.length === 0) return 0;
    return (await this.model.deleteMany({ _id: { $in: batch.map((d) => d._id) }, expiresAt: { $lte: now } })).deletedCount;
  }
}
