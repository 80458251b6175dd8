/**
 * Benchmarks on MongoDB write into a database of their own, named per run, and drop it
 * afterwards, so the database named in MONGODB_URI is never touched.
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { Store } from '../../server/ports/store.port';

/** `uri` with its database name replaced by a fresh one (query options kept). */
export function scratchMongoUri(uri: string): string {
  const scheme = uri.indexOf('://') + 3;
  const slash = uri.indexOf('/', scheme);
  const query = uri.indexOf('?', scheme);
  const hostsEnd = slash >= 0 && (query < 0 || slash < query) ? slash : query >= 0 ? query : uri.length;
  const options = query >= 0 ? uri.slice(query) : '';
  return `${uri.slice(0, hostsEnd)}/amana-bench-${randomUUID().slice(0, 8)}${options}`;
}

/** Drops the store's database when it is a MongoDB store (reached like create-blob-store does). */
export async function dropIfMongo(store: Store): Promise<void> {
  if (store.kind !== 'mongo' || !('connection' in store)) return;
  const { connection } = store;
  if (connection instanceof mongoose.Connection) await connection.dropDatabase();
}
