/**
 * Idempotency markers on MongoDB: the key is the _id, so of concurrent inserts exactly one
 * succeeds and the others fail with a duplicate key.
 */
import type { MarkerRepo } from '../../ports/store.port';
import { isDuplicateKey } from './mongo-convert';
import type { Models } from './mongo-models';

export class MongoMarkerRepo implements MarkerRepo {
  constructor(private readonly models: Models) {}

  async claim(key: string, at: Date): Promise<boolean> {
    try {
      await this.models.markers.create({ _id: key, at });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.models.markers.exists({ _id: key })) !== null;
  }

  async deleteOlderThan(prefix: string, before: Date, limit: number): Promise<number> {
    if (prefix === '') throw new Error('marker prefix must be non-empty');
    if (limit <= 0) return 0;
    // An anchored regex on _id is a range scan of the _id index. deleteMany has no limit, so
    // the batch is chosen first; `at` is checked again so the result counts only old markers.
    const filter = { _id: { $regex: `^${escapeRegex(prefix)}` }, at: { $lt: before } };
    const batch = await this.models.markers.find(filter, { _id: 1 }).limit(limit).lean<Array<{ _id: string }>>();
    if (batch.length === 0) return 0;
    const result = await this.models.markers.deleteMany({ _id: { $in: batch.map((m) => m._id) }, at: { $lt: before } });
    return result.deletedCount;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
