/**
 * Picks the blob adapter that goes with the store: GridFS on the MongoDB store's own
 * connection at scale, files under DATA_DIR/blobs otherwise. Blobs follow the store so a
 * MongoDB backup holds the attachments of the cases it holds.
 */
import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../../config';
import type { BlobStore } from '../ports/blob.port';
import type { Store } from '../ports/store.port';
import { DiskBlobStore } from './disk/disk.blob';
import { GridFsBlobStore } from './mongo/gridfs.blob';

/** Structural, so this file does not depend on how the MongoDB store class is laid out. */
function mongoConnectionOf(store: Store): Connection | null {
  if (store.kind !== 'mongo' || !('connection' in store)) return null;
  const { connection } = store;
  return connection instanceof mongoose.Connection ? connection : null;
}

export function createBlobStore(config: Config, store: Store): BlobStore {
  if (store.kind === 'mongo') {
    const connection = mongoConnectionOf(store);
    if (connection === null) throw new Error('the MongoDB store exposes no mongoose connection for GridFS');
    return new GridFsBlobStore(connection);
  }
  return new DiskBlobStore(config.paths.blobs);
}
