/**
 * Blobs as files under DATA_DIR/blobs. Key "a/b/c" lives at "<root>/a/b/c.blob": the ".blob"
 * suffix keeps a blob ("a.blob") from colliding with the folder of its children ("a/"),
 * and since keys never contain a dot, the ".tmp-*" files of uploads in progress can never
 * be mistaken for a blob.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { access, constants, mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFound, type BlobStore } from '../../ports/blob.port';
import { ByteLimit, assertBlobKey } from '../blob-guards';

const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'ENOENT';

export class DiskBlobStore implements BlobStore {
  readonly kind = 'disk' as const;

  constructor(private readonly root: string) {
    // Attachments are ciphertext, but their number and sizes are still nobody else's business.
    mkdirSync(root, { recursive: true, mode: 0o700 });
  }

  private fileOf(key: string): string {
    assertBlobKey(key);
    return `${path.join(this.root, ...key.split('/'))}.blob`;
  }

  async put(key: string, source: Readable, maxBytes: number): Promise<number> {
    const file = this.fileOf(key);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(dir, `.tmp-${randomBytes(12).toString('hex')}`);
    const limit = new ByteLimit(maxBytes);
    try {
      // flush: fsync before close, so the rename below never publishes a file whose bytes
      // are still only in the page cache.
      await pipeline(source, limit, createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true }));
      await rename(temp, file);
    } catch (err) {
      await unlink(temp).catch((e: unknown) => {
        if (!isMissing(e)) throw e;
      });
      throw err;
    }
    await syncDir(dir);
    return limit.bytes;
  }

  async get(key: string): Promise<Readable> {
    const file = this.fileOf(key);
    // Opening first turns a missing file into BlobNotFound here, not into a stream error later.
    const handle = await open(file, 'r').catch((err: unknown) => {
      throw isMissing(err) ? new BlobNotFound(key) : err;
    });
    return handle.createReadStream();
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.fileOf(key))).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertBlobKey(prefix);
    await rm(path.join(this.root, ...prefix.split('/')), { recursive: true, force: true });
  }

  async ping(): Promise<void> {
    await access(this.root, constants.W_OK);
  }

  async close(): Promise<void> {
    // Nothing is held open between calls: every stream closes its own descriptor.
  }
}

/** Makes the rename durable: without it a crash can forget the new directory entry. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
