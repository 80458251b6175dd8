/**
 * Attachments: the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015) over
 * XChaCha20-Poly1305, with a fresh random key per attachment.
 *   header  = version (0x01) ‖ nonce prefix (16 random bytes)                    17 bytes
 *   nonce_i = prefix ‖ uint32be(i) ‖ uint32be(last ? 1 : 0)                     24 bytes
 *   ad_i    = "amana/v1/attachment-chunk" ‖ header ‖ uint32be(i) ‖ (last ? 0x01 : 0x00)
 * Every chunk has exactly 64 KiB of plaintext: full data chunks, and a final chunk holding
 * 0..65535 data bytes padded with 0x80 then zeros. So chunks cannot be reordered (i is in the
 * nonce), dropped or truncated (only the final chunk authenticates as last), and only the
 * number of chunks reveals the file's size.
 */
import { concatBytes, requireLength, uint32be, utf8 } from './bytes';
import { CryptoError } from './crypto-error';
import { KEY_BYTES, TAG_BYTES, type CryptoBackend } from './backend';
import { padTo, unpadFixed } from './padding';

export const STREAM_VERSION = 0x01;
export const STREAM_PREFIX_BYTES = 16;
export const STREAM_HEADER_BYTES = 1 + STREAM_PREFIX_BYTES;
/** Must equal config settings.limits.chunkBytes (a test holds them together). */
export const ATTACHMENT_CHUNK_BYTES = 64 * 1024;
export const ATTACHMENT_CIPHER_CHUNK_BYTES = ATTACHMENT_CHUNK_BYTES + TAG_BYTES;
const MAX_CHUNKS = 0xffffffff;
const CHUNK_LABEL = utf8('amana/v1/attachment-chunk');

export interface AttachmentEncryptor {
  /** Stored beside the chunks; needed to decrypt. */
  readonly header: Uint8Array;
  /** Chunks go in order from 0; a non-final chunk has exactly 64 KiB, the final one less. */
  encryptChunk(plain: Uint8Array, index: number, isLast: boolean): Uint8Array;
}

export interface AttachmentDecryptor {
  decryptChunk(cipher: Uint8Array, index: number, isLast: boolean): Uint8Array;
  /** Throws 'truncated' unless the final chunk was decrypted: call it before trusting the file. */
  finish(): void;
}

function chunkNonce(header: Uint8Array, index: number, isLast: boolean): Uint8Array {
  return concatBytes(header.subarray(1), uint32be(index), uint32be(isLast ? 1 : 0));
}

function chunkAd(header: Uint8Array, index: number, isLast: boolean): Uint8Array {
  return concatBytes(CHUNK_LABEL, header, uint32be(index), Uint8Array.of(isLast ? 1 : 0));
}

/**
 * Tracks position so a chunk index is never used twice (a nonce reuse) or skipped. A chunk
 * counts only once it has been processed, so a final chunk that failed does not end the stream.
 */
class Sequence {
  private expected = 0;
  private failed = false;
  private done = false;

  get ended(): boolean {
    return this.done;
  }

  check(index: number): void {
    if (this.failed) throw new CryptoError('bad_order', 'stream already failed');
    if (this.done) throw new CryptoError('bad_order', 'chunk after the last chunk');
    if (index !== this.expected || index > MAX_CHUNKS) throw new CryptoError('bad_order', `expected chunk ${this.expected}, got ${index}`);
  }

  commit(isLast: boolean): void {
    this.expected += 1;
    this.done = isLast;
  }

  fail(): void {
    this.failed = true;
  }
}

export function createAttachmentEncryptor(backend: CryptoBackend, fileKey: Uint8Array): AttachmentEncryptor {
  return createAttachmentEncryptorWithPrefix(backend, fileKey, backend.randomBytes(STREAM_PREFIX_BYTES));
}

/** Known-answer tests only: a caller-chosen nonce prefix. Not exported from index.ts. */
export function createAttachmentEncryptorWithPrefix(backend: CryptoBackend, fileKey: Uint8Array, prefix: Uint8Array): AttachmentEncryptor {
  requireLength('file key', fileKey, KEY_BYTES);
  requireLength('nonce prefix', prefix, STREAM_PREFIX_BYTES);
  const key = fileKey.slice();
  const header = concatBytes(Uint8Array.of(STREAM_VERSION), prefix);
  const position = new Sequence();
  return {
    header: header.slice(),
    encryptChunk(plain, index, isLast) {
      if (isLast ? plain.length >= ATTACHMENT_CHUNK_BYTES : plain.length !== ATTACHMENT_CHUNK_BYTES) {
        throw new CryptoError('bad_length', `a chunk holds ${ATTACHMENT_CHUNK_BYTES} bytes, the last one fewer`);
      }
      position.check(index);
      position.commit(isLast);
      const padded = isLast ? padTo(plain, ATTACHMENT_CHUNK_BYTES) : plain;
      const out = backend.aeadEncrypt(key, chunkNonce(header, index, isLast), padded, chunkAd(header, index, isLast));
      if (isLast) {
        padded.fill(0);
        key.fill(0);
      }
      return out;
    },
  };
}

export function createAttachmentDecryptor(backend: CryptoBackend, fileKey: Uint8Array, header: Uint8Array): AttachmentDecryptor {
  requireLength('file key', fileKey, KEY_BYTES);
  requireLength('stream header', header, STREAM_HEADER_BYTES);
  if (header[0] !== STREAM_VERSION) throw new CryptoError('bad_version', `unknown stream version ${header[0]}`);
  const key = fileKey.slice();
  const fixedHeader = header.slice();
  const position = new Sequence();
  return {
    decryptChunk(cipher, index, isLast) {
      if (cipher.length !== ATTACHMENT_CIPHER_CHUNK_BYTES) throw new CryptoError('bad_length', `a chunk is ${ATTACHMENT_CIPHER_CHUNK_BYTES} bytes`);
      position.check(index);
      try {
        const plain = backend.aeadDecrypt(key, chunkNonce(fixedHeader, index, isLast), cipher, chunkAd(fixedHeader, index, isLast));
        const data = isLast ? unpadFixed(plain) : plain;
        position.commit(isLast);
        return data;
      } catch (err) {
        position.fail();
        throw err;
      }
    },
    finish() {
      if (!position.ended) throw new CryptoError('truncated', 'the attachment ended before its last chunk');
    },
  };
}
