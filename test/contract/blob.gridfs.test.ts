/**
 * The blob contract against MongoDB GridFS, when MONGODB_URI points at a server.
 * Each test gets its own database, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { GRIDFS_BUCKET, GridFsBlobStore } from '../../server/adapters/mongo/gridfs.blob';
import { describeBlobContract } from './blob.contract';

const uri = process.env.MONGODB_URI;

if (uri === undefined || uri === '') {
  describe('BlobStore contract: gridfs', () => {
    it.skip('skipped: MONGODB_URI is not set, so there is no MongoDB to test GridFS against', () => undefined);
  });
  // eslint-disable-next-line no-console
  console.log('blob.gridfs: skipped because MONGODB_URI is not set');
} else {
  describeBlobContract('gridfs', async () => {
    const connection = await mongoose
      .createConnection(uri, { dbName: `amana_blob_test_${randomBytes(6).toString('hex')}`, serverSelectionTimeoutMS: 5000 })
      .asPromise();
    const db = connection.db;
    if (db === undefined) throw new Error('no database on the test connection');
    const count = async (suffix: string): Promise<number> => db.collection(`${GRIDFS_BUCKET}.${suffix}`).countDocuments();
    return {
      blobs: new GridFsBlobStore(connection),
      storedObjects: async () => (await count('files')) + (await count('chunks')),
      cleanup: async () => {
        await db.dropDatabase();
        await connection.close();
      },
    };
  });
}
