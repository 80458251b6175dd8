/**
 * Size rules of encrypted attachments (docs/PROTOCOL.md §7). The browser encrypts a file in
 * chunks of config.limits.chunkBytes plaintext; each ciphertext chunk gains a 16-byte tag, so
 * every chunk is exactly chunkBytes + 16 bytes. The uploaded blob is the chunks only (the
 * STREAM header travels in the descriptor, inside the encrypted report), sent PART_CHUNKS
 * chunks per request, so a dropped connection costs one part, not the file. Every part
 * but the last carries PART_CHUNKS whole chunks, the last the remaining whole chunks: the
 * size of each part follows from the announced size, to the byte.
 */
import type { Config } from '../../config';

export const PART_CHUNKS = 64;
const TAG_BYTES = 16;

type Limits = Config['limits'];

export function cipherChunkBytes(limits: Limits): number {
  return limits.chunkBytes + TAG_BYTES;
}

export function maxPartBytes(limits: Limits): number {
  return PART_CHUNKS * cipherChunkBytes(limits);
}

/** every chunk is padded to chunkBytes, and a file of exactly n chunks still needs one more to carry the padding */
export function maxAttachmentChunks(limits: Limits): number {
  return Math.floor(limits.attachmentBytes / limits.chunkBytes) + 1;
}

export function maxAttachmentBytes(limits: Limits): number {
  return maxAttachmentChunks(limits) * cipherChunkBytes(limits);
}

/** How an announced upload is cut: its chunks, and the parts that carry them. */
export interface UploadLayout {
  chunks: number;
  parts: number;
}

/** the layout of `size` ciphertext bytes, or null when the size is not a whole number of chunks */
export function layoutOf(size: number, limits: Limits): UploadLayout | null {
  const chunk = cipherChunkBytes(limits);
  if (size <= 0 || size % chunk !== 0) return null;
  const chunks = size / chunk;
  return { chunks, parts: Math.ceil(chunks / PART_CHUNKS) };
}

/** the chunks part `index` of a `chunks`-chunk upload carries (0 past the end) */
export function partChunks(chunks: number, index: number): number {
  return Math.max(0, Math.min(PART_CHUNKS, chunks - index * PART_CHUNKS));
}

/** the exact byte count of part `index` */
export function partBytes(chunks: number, index: number, limits: Limits): number {
  return partChunks(chunks, index) * cipherChunkBytes(limits);
}
