/**
 * The page side of the browser crypto benchmark, bundled by esbuild with shared/crypto and
 * loaded by bench/browser/crypto-bench.html. Attachment encryption follows the client's
 * upload loop (client/src/attachments/upload-attachment.ts): read a part of the file with
 * Blob.slice(), encrypt its 64 KiB chunks one by one into the part's buffer, yield to the
 * page every 30 ms. The WebCrypto peer runs the same loop with AES-256-GCM per chunk.
 */
import {
  ATTACHMENT_CHUNK_BYTES,
  ATTACHMENT_CIPHER_CHUNK_BYTES,
  createAmanaCrypto,
  generateReceipt,
  loadBackend,
  webAssemblyAvailable,
  type Argon2idParams,
  type BackendName,
} from '../../shared/crypto';

const PART_CHUNKS = 64;

export interface TimedRun {
  label: string;
  plainBytes: number;
  ms: number;
  /** one byte of every part folded together, so the work cannot be optimised away */
  checksum: number;
}

export interface BrowserBench {
  webAssembly: boolean;
  /** makes the file the next runs encrypt: `plainBytes` of random bytes in a Blob */
  prepareFile(plainBytes: number): void;
  /** STREAM (XChaCha20-Poly1305) over the prepared file, with the named backend */
  encryptAttachment(backend: BackendName): Promise<TimedRun>;
  /** AES-256-GCM per 64 KiB chunk over the prepared file, through crypto.subtle */
  webCryptoGcm(): Promise<TimedRun>;
  /** the receipt's Argon2id (deriveReporterKeys) with the given parameters */
  receiptKdf(backend: BackendName, params: Argon2idParams): Promise<TimedRun>;
}

declare global {
  interface Window {
    amanaBench?: BrowserBench;
  }
}

/** A file of `plainBytes` random bytes, held by the browser like a picked File. */
function sourceFile(plainBytes: number): Blob {
  const part = new Uint8Array(PART_CHUNKS * ATTACHMENT_CHUNK_BYTES);
  // getRandomValues fills at most 64 KiB per call.
  for (let at = 0; at < part.length; at += ATTACHMENT_CHUNK_BYTES) crypto.getRandomValues(part.subarray(at, at + ATTACHMENT_CHUNK_BYTES));
  const pieces: Uint8Array<ArrayBuffer>[] = [];
  for (let n = 0; n < plainBytes; n += part.byteLength) pieces.push(part);
  return new Blob(pieces).slice(0, plainBytes);
}

type ChunkCipher = (plain: Uint8Array<ArrayBuffer>, index: number, isLast: boolean) => Promise<Uint8Array> | Uint8Array;

// Made before a run, so the runs' memory figures do not count the making of the file.
let prepared: Blob | null = null;

function prepareFile(plainBytes: number): void {
  prepared = sourceFile(plainBytes);
}

async function encryptFile(label: string, cipherChunk: ChunkCipher): Promise<TimedRun> {
  const file = prepared;
  if (!file) throw new Error('prepareFile() first');
  const plainBytes = file.size;
  const chunks = Math.floor(plainBytes / ATTACHMENT_CHUNK_BYTES) + 1;
  const parts = Math.ceil(chunks / PART_CHUNKS);
  let checksum = 0;
  const started = performance.now();
  let lastYield = started;
  for (let part = 0; part < parts; part++) {
    const first = part * PART_CHUNKS;
    const end = Math.min(chunks, first + PART_CHUNKS);
    const plain = new Uint8Array(await file.slice(first * ATTACHMENT_CHUNK_BYTES, Math.min(plainBytes, end * ATTACHMENT_CHUNK_BYTES)).arrayBuffer());
    const out = new Uint8Array((end - first) * ATTACHMENT_CIPHER_CHUNK_BYTES);
    for (let chunk = first; chunk < end; chunk++) {
      const offset = (chunk - first) * ATTACHMENT_CHUNK_BYTES;
      const data = plain.subarray(offset, Math.min(plain.length, offset + ATTACHMENT_CHUNK_BYTES));
      out.set(await cipherChunk(data, chunk, chunk === chunks - 1), (chunk - first) * ATTACHMENT_CIPHER_CHUNK_BYTES);
      if (performance.now() - lastYield > 30) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
    }
    // The part is dropped here, as the client drops it once uploaded.
    checksum ^= out[0] ?? 0;
  }
  const ms = performance.now() - started;
  return { label, plainBytes, ms, checksum };
}

async function encryptAttachment(backend: BackendName): Promise<TimedRun> {
  const amana = createAmanaCrypto(await loadBackend(backend));
  const encryptor = amana.createAttachmentEncryptor(amana.randomBytes(32));
  return encryptFile(backend, (plain, index, isLast) => encryptor.encryptChunk(plain, index, isLast));
}

async function webCryptoGcm(): Promise<TimedRun> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const iv = new Uint8Array(12);
  const view = new DataView(iv.buffer);
  return encryptFile('webcrypto-aes-gcm', async (plain, index) => {
    view.setUint32(8, index);
    return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  });
}

async function receiptKdf(backend: BackendName, params: Argon2idParams): Promise<TimedRun> {
  const amana = createAmanaCrypto(await loadBackend(backend));
  const salt = amana.randomBytes(16);
  const receipt = generateReceipt();
  const started = performance.now();
  await amana.deriveReporterKeys(receipt, salt, params);
  return { label: backend, plainBytes: 0, ms: performance.now() - started, checksum: 0 };
}

window.amanaBench = { webAssembly: webAssemblyAvailable(), prepareFile, encryptAttachment, webCryptoGcm, receiptKdf };
