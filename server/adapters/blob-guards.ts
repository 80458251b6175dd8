/**
 * Guards shared by both blob adapters. Keys are made by services, but a key still becomes a
 * file path or a GridFS file name, so anything outside a strict alphabet is refused before
 * it gets there (no dots, so no "..", no absolute paths, no empty segments).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { BlobTooLarge } from '../ports/blob.port';

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
const MAX_KEY_LENGTH = 512;

export class BlobKeyInvalid extends Error {
  constructor() {
    // The key itself is left out: it is an id and ends up in logs through error messages.
    super('blob key is not of the form segment(/segment)* with [A-Za-z0-9_-] segments');
  }
}

export function assertBlobKey(key: string): void {
  if (key.length > MAX_KEY_LENGTH || !KEY.test(key)) throw new BlobKeyInvalid();
}

/**
 * Counts bytes as they stream through and errors as soon as `maxBytes` is exceeded, so an
 * oversized upload is stopped at the limit instead of being written out and checked after.
 */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, done: TransformCallback): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    this.bytes += buf.length;
    if (this.bytes > this.maxBytes) {
      done(new BlobTooLarge(this.maxBytes));
      return;
    }
    done(null, buf);
  }
}
