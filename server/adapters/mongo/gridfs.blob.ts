/**
 * Blobs in MongoDB GridFS, on the store's own mongoose connection (one client per process).
 * GridFS writes the chunks first and the files document last, so an upload only becomes
 * visible under its name once it is complete; a failed upload has its chunks removed.
 * Write-once: a unique index on the files' filename makes the files document of a second
 * writer fail, so of two puts of one key exactly one publishes and the other removes only
 * its own chunks (a put never deletes another writer's file, issue 12).
 */
import mongoose, { type Connection } from 'mongoose';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { BlobExists, BlobNotFound, BlobSizeMismatch, BlobTooLarge, type BlobStore } from '../../ports/blob.port';
import { assertBlobKey } from '../blob-guards';

type ObjectId = mongoose.mongo.ObjectId;
type GridFSBucket = mongoose.mongo.GridFSBucket;

export const GRIDFS_BUCKET = 'blobs';
const OLDEST_FIRST = { uploadDate: 1, _id: 1 } as const;
const DUPLICATE_KEY = 11000;

export class GridFsBlobStore implements BlobStore {
  readonly kind = 'gridfs' as const;
  private readonly bucket: GridFSBucket;
  private uniqueNames: Promise<unknown> | null = null;

  constructor(private readonly connection: Connection) {
    const db = connection.db;
    if (db === undefined) throw new Error('GridFS needs an open mongoose connection');
    this.bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: GRIDFS_BUCKET });
  }

  /** The index that makes keys write-once; created once per process, before the first put. */
  private ensureUniqueNames(): Promise<unknown> {
    const db = this.connection.db;
    if (db === undefined) return Promise.reject(new Error('MongoDB connection is closed'));
    this.uniqueNames ??= db.collection(`${GRIDFS_BUCKET}.files`).createIndex({ filename: 1 }, { unique: true, name: 'filename_write_once' }).catch((err: unknown) => {
      this.uniqueNames = null;
      throw err;
    });
    return this.uniqueNames;
  }

  async put(key: string, source: Readable, maxBytes: number, options: { exactBytes?: boolean } = {}): Promise<number> {
    assertBlobKey(key);
    await this.ensureUniqueNames();
    if (await this.has(key)) throw new BlobExists();
    const upload = this.bucket.openUploadStream(key);
    let bytes = 0;
    try {
      // Written chunk by chunk, each awaited, rather than piped: when the limit is hit or
      // the source fails, no chunk insert is still in flight, so the clean-up below cannot
      // race an insert and leave an orphan chunk behind.
      for await (const piece of source) {
        const chunk = typeof piece === 'string' ? Buffer.from(piece) : (piece as Buffer);
        bytes += chunk.length;
        if (bytes > maxBytes) throw new BlobTooLarge(maxBytes);
        await new Promise<void>((resolve, reject) => upload.write(chunk, (err) => (err ? reject(err) : resolve())));
      }
      if (options.exactBytes && bytes !== maxBytes) throw new BlobSizeMismatch(maxBytes);
      // The files document, which makes the blob visible, is written on end; the unique index
      // refuses it when another writer published this key first.
      upload.end();
      await finished(upload);
    } catch (err) {
      await upload.abort().catch(() => undefined);
      // Only this upload's own id: another writer's blob under the same key stays.
      await this.removeQuietly(upload.id);
      throw isDuplicateKey(err) ? new BlobExists() : err;
    }
    return bytes;
  }

  async get(key: string): Promise<Readable> {
    assertBlobKey(key);
    // With the unique index there is one revision; the first one written wins if an old
    // installation still holds several.
    const oldest = await this.bucket.find({ filename: key }, { sort: OLDEST_FIRST, limit: 1, projection: { _id: 1 } }).toArray();
    const file = oldest[0];
    if (file === undefined) throw new BlobNotFound(key);
    return this.bucket.openDownloadStream(file._id);
  }

  async has(key: string): Promise<boolean> {
    assertBlobKey(key);
    const found = await this.bucket.find({ filename: key }, { limit: 1, projection: { _id: 1 } }).toArray();
    return found.length > 0;
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertBlobKey(prefix);
    // The key alphabet has no regex metacharacters except "-", which is literal outside a class.
    const files = await this.bucket.find({ filename: { $regex: `^${prefix}/` } }, { projection: { _id: 1 } }).toArray();
    for (const file of files) await this.removeQuietly(file._id);
  }

  /**
   * An upload whose process died leaves chunks without a files document. Those whose newest
   * chunk (chunk ids are ObjectIds, stamped when inserted) is older than `before` go; an
   * upload still writing has recent chunks and stays. One pass over the chunks collection,
   * run by the daily retention sweep.
   */
  async sweepTemporaries(before: Date): Promise<number> {
    const db = this.connection.db;
    if (db === undefined) throw new Error('MongoDB connection is closed');
    const cutoff = mongoose.mongo.ObjectId.createFromTime(Math.floor(before.getTime() / 1000));
    const orphans = await db
      .collection(`${GRIDFS_BUCKET}.chunks`)
      .aggregate<{ _id: ObjectId }>([
        { $group: { _id: '$files_id', newest: { $max: '$_id' } } },
        { $match: { newest: { $lt: cutoff } } },
        { $lookup: { from: `${GRIDFS_BUCKET}.files`, localField: '_id', foreignField: '_id', as: 'file' } },
        { $match: { file: { $size: 0 } } },
        { $project: { _id: 1 } },
      ])
      .toArray();
    for (const orphan of orphans) await db.collection(`${GRIDFS_BUCKET}.chunks`).deleteMany({ files_id: orphan._id });
    return orphans.length;
  }

  async ping(): Promise<void> {
    const db = this.connection.db;
    if (db === undefined) throw new Error('MongoDB connection is closed');
    await db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    // The connection belongs to the store, which closes it.
  }

  /**
   * bucket.delete removes the files document and then every chunk of that id; it throws
   * FileNotFound when there was no files document (an aborted upload), after removing the
   * chunks all the same, which is exactly the clean-up wanted here.
   */
  private async removeQuietly(id: ObjectId): Promise<void> {
    try {
      await this.bucket.delete(id);
    } catch (err) {
      if (!isFileNotFound(err)) throw err;
    }
  }
}

function isDuplicateKey(err: unknown): boolean {
  return err instanceof mongoose.mongo.MongoServerError && err.code === DUPLICATE_KEY;
}

/** The driver has no dedicated class for this yet (NODE-3483), only this message. */
function isFileNotFound(err: unknown): boolean {
  return err instanceof mongoose.mongo.MongoRuntimeError && err.message.startsWith('File not found for id');
}
