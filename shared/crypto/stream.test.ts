import { Readable } from 'node:stream';
import { settings } from '../../config';
import type { BackendName, CryptoBackend } from './backend';
import { concatBytes, fromHex, toHex } from './bytes';
import { CryptoError } from './crypto-error';
import { decryptAttachmentStream, encryptAttachmentStream, newAttachmentKey, openAttachmentKey, readableStreamChunks, toReadableStream } from './attachment-stream';
import { loadBackend } from './select-backend';
import {
  ATTACHMENT_CHUNK_BYTES as CHUNK,
  ATTACHMENT_CIPHER_CHUNK_BYTES as CIPHER_CHUNK,
  createAttachmentDecryptor,
  createAttachmentEncryptor,
  createAttachmentEncryptorWithPrefix,
} from './stream';
import { pattern } from './test-vectors.generate';
import vectors from './test-vectors.json';

const NAMES: BackendName[] = ['libsodium', 'noble'];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CryptoError ? err.code : `not a CryptoError: ${String(err)}`;
  }
  return undefined;
}

/** Encrypts `data` chunk by chunk, exactly as the streaming helper does. */
function encryptAll(b: CryptoBackend, key: Uint8Array, data: Uint8Array): { header: Uint8Array; chunks: Uint8Array[] } {
  const encryptor = createAttachmentEncryptor(b, key);
  const chunks: Uint8Array[] = [];
  for (let index = 0; ; index++) {
    const piece = data.subarray(index * CHUNK, (index + 1) * CHUNK);
    const isLast = piece.length < CHUNK;
    chunks.push(encryptor.encryptChunk(piece, index, isLast));
    if (isLast) return { header: encryptor.header, chunks };
  }
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return concatBytes(...parts);
}

async function* from(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

test('the chunk size is the one configured for uploads', () => {
  expect(settings.limits.chunkBytes).toBe(CHUNK);
});

describe.each(NAMES)('STREAM with %s', (name) => {
  let b: CryptoBackend;
  let key: Uint8Array;
  beforeAll(async () => {
    b = await loadBackend(name);
    key = b.randomBytes(32);
  });

  test.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK])('%i bytes: every chunk is 64 KiB + tag, round trip', (length) => {
    const data = b.randomBytes(length);
    const { header, chunks } = encryptAll(b, key, data);
    expect(chunks.length).toBe(Math.floor(length / CHUNK) + 1);
    for (const chunk of chunks) expect(chunk.length).toBe(CIPHER_CHUNK);
    const decryptor = createAttachmentDecryptor(b, key, header);
    const plain = chunks.map((chunk, index) => decryptor.decryptChunk(chunk, index, index === chunks.length - 1));
    decryptor.finish();
    expect(toHex(concatBytes(...plain))).toBe(toHex(data));
  });

  test('reordered, dropped, duplicated chunks and a missing last chunk are detected', () => {
    const { header, chunks } = encryptAll(b, key, b.randomBytes(2 * CHUNK + 10));
    const swapped = createAttachmentDecryptor(b, key, header);
    expect(codeOf(() => swapped.decryptChunk(chunks[1], 0, false))).toBe('auth_failed');
    expect(codeOf(() => swapped.decryptChunk(chunks[0], 0, false))).toBe('bad_order'); // poisoned after a failure

    const dropped = createAttachmentDecryptor(b, key, header);
    dropped.decryptChunk(chunks[0], 0, false);
    expect(codeOf(() => dropped.decryptChunk(chunks[2], 2, true))).toBe('bad_order');
    expect(codeOf(() => dropped.decryptChunk(chunks[2], 1, true))).toBe('auth_failed');

    const duplicated = createAttachmentDecryptor(b, key, header);
    duplicated.decryptChunk(chunks[0], 0, false);
    expect(codeOf(() => duplicated.decryptChunk(chunks[0], 1, false))).toBe('auth_failed');

    const truncated = createAttachmentDecryptor(b, key, header);
    truncated.decryptChunk(chunks[0], 0, false);
    truncated.decryptChunk(chunks[1], 1, false);
    expect(codeOf(() => truncated.finish())).toBe('truncated');
    // Presenting a middle chunk as the last one does not authenticate.
    const early = createAttachmentDecryptor(b, key, header);
    early.decryptChunk(chunks[0], 0, false);
    expect(codeOf(() => early.decryptChunk(chunks[1], 1, true))).toBe('auth_failed');
    expect(codeOf(() => early.finish())).toBe('truncated');

    const extra = createAttachmentDecryptor(b, key, header);
    chunks.forEach((chunk, index) => extra.decryptChunk(chunk, index, index === 2));
    extra.finish();
    expect(codeOf(() => extra.decryptChunk(chunks[2], 3, true))).toBe('bad_order');
  });

  test('tampering, wrong key, wrong header, wrong lengths and unknown version', () => {
    const { header, chunks } = encryptAll(b, key, b.randomBytes(100));
    for (const at of [0, 100, CHUNK - 1, CHUNK, CIPHER_CHUNK - 1]) {
      const tampered = chunks[0].slice();
      tampered[at] ^= 0x01;
      expect(codeOf(() => createAttachmentDecryptor(b, key, header).decryptChunk(tampered, 0, true))).toBe('auth_failed');
    }
    expect(codeOf(() => createAttachmentDecryptor(b, b.randomBytes(32), header).decryptChunk(chunks[0], 0, true))).toBe('auth_failed');
    const otherPrefix = header.slice();
    otherPrefix[5] ^= 0x01;
    expect(codeOf(() => createAttachmentDecryptor(b, key, otherPrefix).decryptChunk(chunks[0], 0, true))).toBe('auth_failed');
    expect(codeOf(() => createAttachmentDecryptor(b, key, header).decryptChunk(chunks[0].subarray(1), 0, true))).toBe('bad_length');
    expect(codeOf(() => createAttachmentDecryptor(b, key, concatBytes(Uint8Array.of(2), header.subarray(1))))).toBe('bad_version');
    expect(codeOf(() => createAttachmentDecryptor(b, key, header.subarray(1)))).toBe('bad_length');
  });

  test('the encryptor refuses skipped or repeated indexes (nonce reuse) and wrong sizes', () => {
    const encryptor = createAttachmentEncryptor(b, key);
    expect(codeOf(() => encryptor.encryptChunk(new Uint8Array(CHUNK - 1), 0, false))).toBe('bad_length');
    expect(codeOf(() => encryptor.encryptChunk(new Uint8Array(CHUNK), 0, true))).toBe('bad_length');
    encryptor.encryptChunk(new Uint8Array(CHUNK), 0, false);
    expect(codeOf(() => encryptor.encryptChunk(new Uint8Array(CHUNK), 0, false))).toBe('bad_order');
    expect(codeOf(() => encryptor.encryptChunk(new Uint8Array(1), 2, true))).toBe('bad_order');
    encryptor.encryptChunk(new Uint8Array(1), 1, true);
    expect(codeOf(() => encryptor.encryptChunk(new Uint8Array(1), 2, true))).toBe('bad_order');
  });

  test('fresh header per attachment: the same file encrypts differently twice', () => {
    const data = b.randomBytes(10);
    const [first, second] = [encryptAll(b, key, data), encryptAll(b, key, data)];
    expect(toHex(first.header)).not.toBe(toHex(second.header));
    expect(toHex(first.chunks[0])).not.toBe(toHex(second.chunks[0]));
  });

  test.each(vectors.generated.stream)('known answer: $plaintext', (v) => {
    const encryptor = createAttachmentEncryptorWithPrefix(b, fromHex(v.key), fromHex(v.header).subarray(1));
    expect(toHex(encryptor.header)).toBe(v.header);
    const length = Number(/pattern\((\d+), 3\)/.exec(v.plaintext)?.[1]);
    const chunks: Uint8Array[] = [];
    const data = pattern(length, 3);
    for (let index = 0; index < v.chunks.length; index++) {
      const isLast = index === v.chunks.length - 1;
      chunks.push(encryptor.encryptChunk(data.subarray(index * CHUNK, isLast ? length : (index + 1) * CHUNK), index, isLast));
    }
    expect(chunks.map((c) => ({ length: c.length, blake2b256: toHex(b.blake2b(c, 32)), tag: toHex(c.subarray(c.length - 16)) }))).toEqual(v.chunks);
  });

  test('streaming over Node streams and web ReadableStreams, in odd-sized pieces', async () => {
    const data = b.randomBytes(2 * CHUNK + 777);
    const pieces = [data.subarray(0, 1000), data.subarray(1000, 70000), data.subarray(70000)];
    const encrypted = encryptAttachmentStream(b, key, Readable.from(pieces));
    const web = toReadableStream(encrypted.chunks);
    const cipher = await collect(readableStreamChunks(web));
    expect(cipher.length).toBe(3 * CIPHER_CHUNK);
    const oddPieces = [cipher.subarray(0, 5), cipher.subarray(5, CIPHER_CHUNK + 3), cipher.subarray(CIPHER_CHUNK + 3)];
    expect(toHex(await collect(decryptAttachmentStream(b, key, encrypted.header, Readable.from(oddPieces))))).toBe(toHex(data));
    // Cut anywhere: inside a chunk, or at a chunk boundary (a dropped last chunk).
    await expect(collect(decryptAttachmentStream(b, key, encrypted.header, from(cipher.subarray(0, cipher.length - 1))))).rejects.toMatchObject({ code: 'truncated' });
    await expect(collect(decryptAttachmentStream(b, key, encrypted.header, from(cipher.subarray(0, 2 * CIPHER_CHUNK))))).rejects.toMatchObject({ code: 'auth_failed' });
    await expect(collect(decryptAttachmentStream(b, key, encrypted.header, from()))).rejects.toMatchObject({ code: 'truncated' });
  });

  test('file keys travel as attachment-key envelopes under the case key, bound to the attachment id', () => {
    const caseKey = b.randomBytes(32);
    const { fileKey, wrappedFileKey } = newAttachmentKey(b, caseKey, 'att-1');
    expect(toHex(openAttachmentKey(b, caseKey, 'att-1', wrappedFileKey))).toBe(toHex(fileKey));
    expect(codeOf(() => openAttachmentKey(b, caseKey, 'att-2', wrappedFileKey))).toBe('auth_failed');
    expect(codeOf(() => openAttachmentKey(b, b.randomBytes(32), 'att-1', wrappedFileKey))).toBe('auth_failed');
  });
});

test.each([
  ['libsodium', 'noble'],
  ['noble', 'libsodium'],
] as const)('an attachment encrypted with %s decrypts with %s', async (writerName, readerName) => {
  const [writer, reader] = await Promise.all([loadBackend(writerName), loadBackend(readerName)]);
  const key = writer.randomBytes(32);
  const data = writer.randomBytes(CHUNK + 5);
  const encrypted = encryptAttachmentStream(writer, key, from(data));
  const cipher = await collect(encrypted.chunks);
  expect(toHex(await collect(decryptAttachmentStream(reader, key, encrypted.header, from(cipher))))).toBe(toHex(data));
});
