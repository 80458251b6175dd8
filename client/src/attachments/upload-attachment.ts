/**
 * Encrypts a file with the STREAM construction (64 KiB chunks, a fresh random key) and
 * uploads it in parts of `partChunks` chunks. Only one part is in memory at a time, read
 * with Blob.slice(). A part that fails for a transient reason is retried with backoff;
 * first the server is asked which parts it has, so a part that arrived is not sent twice.
 * A part is encrypted exactly once: the encryptor refuses to reuse a chunk index (a nonce),
 * so retries resend the same ciphertext.
 *
 * Announcing the upload costs a proof of work of its own (`pow`). A solution is spent once:
 * when a retried announcement finds it spent (its first try reached the server but the
 * answer was lost) or expired, a fresh one is solved and the announcement sent once more.
 */
import { ATTACHMENT_CHUNK_BYTES, ATTACHMENT_CIPHER_CHUNK_BYTES, type AmanaCrypto } from '../../../shared/crypto/index';
import type { PowSolution } from '../../../shared/api/report.schema';
import { ApiFailure, isTransient } from '../api/http';
import { attachmentState, createAttachment, putAttachmentPart } from '../api/reporter-api';

export interface UploadOptions {
  partChunks: number;
  token: string | null;
  /** a proof-of-work solution for the announcement (pow-ahead.ts takeUploadSolution) */
  pow(signal: AbortSignal): Promise<PowSolution>;
  signal: AbortSignal;
  /** fraction of ciphertext acknowledged by the server, and whether a retry is under way */
  onProgress(done: number, retrying: boolean): void;
}

export interface UploadedAttachment {
  attachmentId: string;
  fileKey: Uint8Array;
  header: Uint8Array;
  size: number;
}

const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 30_000;

export function cipherLayout(size: number, partChunks: number): { chunks: number; bytes: number; parts: number } {
  // The last chunk always carries padding, so a file of exactly n chunks has n + 1.
  const chunks = Math.floor(size / ATTACHMENT_CHUNK_BYTES) + 1;
  return { chunks, bytes: chunks * ATTACHMENT_CIPHER_CHUNK_BYTES, parts: Math.ceil(chunks / partChunks) };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

/** Runs `attempt` until it succeeds, retrying transient failures with exponential backoff. */
export async function withRetry<T>(attempt: () => Promise<T>, signal: AbortSignal, onRetry: () => void): Promise<T> {
  for (let n = 1; ; n++) {
    signal.throwIfAborted();
    try {
      return await attempt();
    } catch (err) {
      if (!isTransient(err) || n >= MAX_ATTEMPTS) throw err;
      onRetry();
      await sleep(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (n - 1)), signal);
    }
  }
}

/** Lets the page repaint between chunks: without a JIT one chunk takes tens of milliseconds. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function announce(layout: { bytes: number; parts: number }, options: UploadOptions, retrying: () => void) {
  const { token, signal } = options;
  let pow = await options.pow(signal);
  for (let renewed = false; ; renewed = true) {
    try {
      return await withRetry(() => createAttachment({ size: layout.bytes, parts: layout.parts, pow }, token, signal), signal, retrying);
    } catch (err) {
      if (renewed || !(err instanceof ApiFailure && err.id === 'pow_invalid')) throw err;
      pow = await options.pow(signal);
    }
  }
}

export async function uploadAttachment(crypto: AmanaCrypto, source: Blob, options: UploadOptions): Promise<UploadedAttachment> {
  const { partChunks, token, signal, onProgress } = options;
  const layout = cipherLayout(source.size, partChunks);
  let sent = 0;
  const retrying = () => onProgress(sent / layout.bytes, true);
  const created = await announce(layout, options, retrying);
  const fileKey = crypto.randomBytes(32);
  const encryptor = crypto.createAttachmentEncryptor(fileKey);
  for (let part = 0; part < layout.parts; part++) {
    const first = part * partChunks;
    const end = Math.min(layout.chunks, first + partChunks);
    const plain = new Uint8Array(await source.slice(first * ATTACHMENT_CHUNK_BYTES, Math.min(source.size, end * ATTACHMENT_CHUNK_BYTES)).arrayBuffer());
    const cipher = new Uint8Array((end - first) * ATTACHMENT_CIPHER_CHUNK_BYTES);
    let lastYield = Date.now();
    for (let chunk = first; chunk < end; chunk++) {
      signal.throwIfAborted();
      const offset = (chunk - first) * ATTACHMENT_CHUNK_BYTES;
      const data = plain.subarray(offset, Math.min(plain.length, offset + ATTACHMENT_CHUNK_BYTES));
      cipher.set(encryptor.encryptChunk(data, chunk, chunk === layout.chunks - 1), (chunk - first) * ATTACHMENT_CIPHER_CHUNK_BYTES);
      if (Date.now() - lastYield > 30) {
        await yieldToPage();
        lastYield = Date.now();
      }
    }
    plain.fill(0);
    let failed = false;
    await withRetry(
      async () => {
        // A request that failed on our side may still have reached the server.
        if (failed && (await attachmentState(created.id, token)).received.includes(part)) return;
        await putAttachmentPart(created.id, part, cipher, token, signal);
      },
      signal,
      () => {
        failed = true;
        retrying();
      },
    );
    sent += cipher.length;
    onProgress(sent / layout.bytes, false);
  }
  return { attachmentId: created.id, fileKey, header: encryptor.header, size: source.size };
}
