/**
 * The blob contract against MongoDB GridFS, when MONGODB_URI points at a server.
 * Each test gets its own database, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
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

  describe('GridFsBlobStore on MongoDB', () => {
    it('sweeps the chunks of an upload a killed process left without a files document, and only old ones', async () => {
      const connection = await mongoose
        .createConnection(uri, { dbName: `amana_blob_test_${randomBytes(6).toString('hex')}`, serverSelectionTimeoutMS: 5000 })
        .asPromise();
      const db = connection.db;
      if (db === undefined) throw new Error('no database on the test connection');
      try {
        const blobs = new GridFsBlobStore(connection);
        await blobs.put('kept/0', Readable.from([Buffer.from('stored')]), 100);
        const chunks = db.collection(`${GRIDFS_BUCKET}.chunks`);
        const { ObjectId } = mongoose.mongo;
        const hourAgo = Math.floor(Date.now() / 1000) - 3600;
        // What openUploadStream leaves when its process dies: chunks, no files document.
        // new ObjectId(seconds): that time stamp, unique rest (createFromTime would repeat one id).
        const stale = new ObjectId(hourAgo);
        await chunks.insertMany([0, 1].map((n) => ({ _id: new ObjectId(hourAgo), files_id: stale, n, data: Buffer.from('half') })));
        const fresh = new ObjectId();
        await chunks.insertOne({ _id: new ObjectId(), files_id: fresh, n: 0, data: Buffer.from('in progress') });
        expect(await blobs.sweepTemporaries(new Date(Date.now() - 60_000))).toBe(1);
        expect(await chunks.countDocuments({ files_id: stale })).toBe(0);
        expect(await chunks.countDocuments({ files_id: fresh })).toBe(1);
        expect(await blobs.has('kept/0')).toBe(true);
      } finally {
        await db.dropDatabase();
        await connection.close();
      }
    });
  });
}
