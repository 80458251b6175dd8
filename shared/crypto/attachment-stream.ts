/**
 * Whole attachments as async iterables, so the same code runs over a browser File's
 * ReadableStream and over a Node stream (both are async iterables of Uint8Array once adapted).
 * Plaintext is yielded as it is verified, before the end of the file is known to be intact:
 * a consumer must treat the file as incomplete unless the iteration finishes without throwing.
 */
import { concatBytes } from './bytes';
import { CryptoError } from './crypto-error';
import { KEY_BYTES, type CryptoBackend } from './backend';
import { decryptEnvelope, encryptEnvelope } from './envelope';
import { decodeKeyBlob, encodeKeyBlob } from './key-blob';
import { ATTACHMENT_CHUNK_BYTES, ATTACHMENT_CIPHER_CHUNK_BYTES, createAttachmentDecryptor, createAttachmentEncryptor } from './stream';

export interface NewAttachmentKey {
  fileKey: Uint8Array;
  /** The file key as an 'attachment-key' envelope under the case key: whoever holds the case key can open it. */
  wrappedFileKey: Uint8Array;
}

export function newAttachmentKey(backend: CryptoBackend, caseKey: Uint8Array, attachmentId: string): NewAttachmentKey {
  const fileKey = backend.randomBytes(KEY_BYTES);
  const blob = encodeKeyBlob(fileKey, 'file');
  try {
    return { fileKey, wrappedFileKey: encryptEnvelope(backend, caseKey, blob, attachmentId, 'attachment-key') };
  } finally {
    blob.fill(0);
  }
}

export function openAttachmentKey(backend: CryptoBackend, caseKey: Uint8Array, attachmentId: string, wrappedFileKey: Uint8Array): Uint8Array {
  return decodeKeyBlob(decryptEnvelope(backend, caseKey, wrappedFileKey, attachmentId, 'attachment-key'), 'file');
}

/** Cuts a byte stream into pieces of exactly `size` bytes, the remainder (possibly empty) last. */
async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<{ bytes: Uint8Array; full: boolean }> {
  let pending: Uint8Array = new Uint8Array(0);
  for await (const piece of source) {
    pending = pending.length === 0 ? piece : concatBytes(pending, piece);
    let offset = 0;
    while (pending.length - offset >= size) {
      yield { bytes: pending.slice(offset, offset + size), full: true };
      offset += size;
    }
    pending = pending.slice(offset);
  }
  yield { bytes: pending, full: false };
}

export interface EncryptedAttachmentStream {
  header: Uint8Array;
  chunks: AsyncIterable<Uint8Array>;
}

export function encryptAttachmentStream(backend: CryptoBackend, fileKey: Uint8Array, source: AsyncIterable<Uint8Array>): EncryptedAttachmentStream {
  const encryptor = createAttachmentEncryptor(backend, fileKey);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let index = 0;
    // A full 64 KiB piece is never the last chunk: the last one carries the padding, so a file
    // whose size is a multiple of 64 KiB ends with a chunk of padding only. No look-ahead needed.
    for await (const { bytes, full } of rechunk(source, ATTACHMENT_CHUNK_BYTES)) {
      yield encryptor.encryptChunk(bytes, index++, !full);
    }
  }
  return { header: encryptor.header, chunks: chunks() };
}

export async function* decryptAttachmentStream(
  backend: CryptoBackend,
  fileKey: Uint8Array,
  header: Uint8Array,
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const decryptor = createAttachmentDecryptor(backend, fileKey, header);
  let held: Uint8Array | undefined;
  let index = 0;
  // One chunk of look-ahead: a chunk is the last one exactly when the source ends after it.
  for await (const { bytes, full } of rechunk(source, ATTACHMENT_CIPHER_CHUNK_BYTES)) {
    if (!full) {
      if (bytes.length !== 0) throw new CryptoError('truncated', 'the attachment ends inside a chunk');
      break;
    }
    if (held !== undefined) yield decryptor.decryptChunk(held, index++, false);
    held = bytes;
  }
  if (held === undefined) throw new CryptoError('truncated', 'the attachment has no chunks');
  yield decryptor.decryptChunk(held, index, true);
  decryptor.finish();
}

/** Browser ReadableStream (a File's .stream(), a fetch body) as an async iterable. */
export async function* readableStreamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** An async iterable as a browser ReadableStream, e.g. a fetch() upload body or a download. */
export function toReadableStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
