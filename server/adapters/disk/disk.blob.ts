/**
 * Blobs as files under DATA_DIR/blobs. Key "a/b/c" lives at "<root>/a/b/c.blob": the ".blob"
 * suffix keeps a blob ("a.blob") from colliding with the folder of its children ("a/"),
 * and since keys never contain a dot, the ".tmp-*" files of uploads in progress can never
 * be mistaken for a blob.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { access, constants, link, mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobExists, BlobNotFound, BlobSizeMismatch, type BlobStore } from '../../ports/blob.port';
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

  async put(key: string, source: Readable, maxBytes: number, options: { exactBytes?: boolean } = {}): Promise<number> {
    const file = this.fileOf(key);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(dir, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
    const limit = new ByteLimit(maxBytes);
    try {
      // flush: fsync before close, so the link below never publishes a file whose bytes
      // are still only in the page cache.
      await pipeline(source, limit, createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true }));
      if (options.exactBytes && limit.bytes !== maxBytes) throw new BlobSizeMismatch(maxBytes);
      // link() never replaces an existing name (rename() would): of two writers racing for a
      // key exactly one gets it, and a blob once stored cannot be swapped for another.
      await link(temp, file).catch((err: unknown) => {
        throw (err as NodeJS.ErrnoException).code === 'EEXIST' ? new BlobExists() : err;
      });
    } finally {
      await unlink(temp).catch((e: unknown) => {
        if (!isMissing(e)) throw e;
      });
    }
    await syncDir(dir);
    return limit.bytes;
  }

  /**
   * Removes upload temporaries older than `before` that a killed process left behind (a crash
   * between writing and unlinking). Returns how many went. Blobs themselves are never touched.
   */
  async sweepTemporaries(before: Date): Promise<number> {
    return sweepTemps(this.root, before.getTime());
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

const TEMP_PREFIX = '.tmp-';

async function sweepTemps(dir: string, beforeMs: number): Promise<number> {
  let removed = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
    if (isMissing(err)) return [];
    throw err;
  });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) removed += await sweepTemps(full, beforeMs);
    else if (entry.name.startsWith(TEMP_PREFIX)) {
      // A temporary younger than `before` may belong to an upload still running.
      const info = await stat(full).catch(() => null);
      if (info && info.mtimeMs < beforeMs) {
        await unlink(full).catch((e: unknown) => {
          if (!isMissing(e)) throw e;
        });
        removed += 1;
      }
    }
  }
  return removed;
}

/** Makes the link durable: without it a crash can forget the new directory entry. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
