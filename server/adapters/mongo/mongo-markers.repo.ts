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
}
