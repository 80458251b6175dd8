/**
 * Size rules of encrypted attachments. The browser encrypts a file in chunks of
 * config.limits.chunkBytes (each gains a 16-byte tag) and uploads PART_CHUNKS chunks per
 * request, so a dropped connection costs one part, not the file.
 */
import type { Config } from '../../config';

export const PART_CHUNKS = 64;
const TAG_BYTES = 16;
/** room for the stream header (version, nonce prefix) carried by the first part */
const HEADER_ALLOWANCE = 64;

type Limits = Config['limits'];

export function maxPartBytes(limits: Limits): number {
  return PART_CHUNKS * (limits.chunkBytes + TAG_BYTES) + HEADER_ALLOWANCE;
}

/** every chunk is padded to chunkBytes, and a file of exactly n chunks still needs one more to carry the padding */
export function maxAttachmentBytes(limits: Limits): number {
  const chunks = Math.floor(limits.attachmentBytes / limits.chunkBytes) + 1;
  return chunks * (limits.chunkBytes + TAG_BYTES) + HEADER_ALLOWANCE;
}

/**
 * Whether `parts` can carry `size` bytes: enough parts to hold it, and no more than full
 * parts (plus one for the header) would need, so an upload cannot reserve thousands of
 * near-empty parts.
 */
export function partsFit(size: number, parts: number, limits: Limits): boolean {
  const fewest = Math.ceil(size / maxPartBytes(limits));
  const most = Math.ceil(size / (PART_CHUNKS * limits.chunkBytes)) + 1;
  return parts >= fewest && parts <= Math.min(most, size);
}
