/**
 * Length hiding. A report of 1,000 bytes and one of 1,900 bytes must look the same to the
 * server, so plaintexts are padded (ISO/IEC 7816-4: one 0x80 byte, then zeros) up to a bucket:
 * the next power of two of at least 256 bytes, and above 64 KiB the next multiple of 64 KiB.
 * Unpadding is strict: anything but the canonical padding for the bucket is rejected.
 */
import { alloc } from './bytes';
import { CryptoError } from './crypto-error';

export const MIN_PADDED_BYTES = 256;
export const PAD_STEP_BYTES = 64 * 1024;

/** The bucket a plaintext of `length` bytes is padded to (always at least length + 1). */
export function paddedLength(length: number): number {
  if (!Number.isInteger(length) || length < 0) throw new CryptoError('bad_params', 'length must be a non-negative integer');
  const needed = length + 1;
  if (needed <= MIN_PADDED_BYTES) return MIN_PADDED_BYTES;
  if (needed <= PAD_STEP_BYTES) {
    let bucket = MIN_PADDED_BYTES;
    while (bucket < needed) bucket *= 2;
    return bucket;
  }
  return Math.ceil(needed / PAD_STEP_BYTES) * PAD_STEP_BYTES;
}

/** True for every length paddedLength can return: a check that costs nothing before decrypting. */
export function isPaddedLength(length: number): boolean {
  if (!Number.isInteger(length) || length < MIN_PADDED_BYTES) return false;
  if (length <= PAD_STEP_BYTES) return (length & (length - 1)) === 0;
  return length % PAD_STEP_BYTES === 0;
}

export function pad(plaintext: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = alloc(paddedLength(plaintext.length));
  out.set(plaintext, 0);
  out[plaintext.length] = 0x80;
  return out;
}

export function unpad(padded: Uint8Array): Uint8Array {
  if (!isPaddedLength(padded.length)) throw new CryptoError('bad_padding', 'padded length is not a bucket size');
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 0x80) throw new CryptoError('bad_padding', 'padding marker missing');
  // Canonical only: a writer that padded to a larger bucket than needed is a bug, not a variant.
  if (paddedLength(end) !== padded.length) throw new CryptoError('bad_padding', 'padding longer than its bucket requires');
  return padded.slice(0, end);
}

/**
 * The padding of an attachment's final STREAM chunk: the data, 0x80, then zeros up to exactly
 * `size` bytes, so every chunk of an attachment has the same length.
 */
export function padTo(data: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  if (data.length >= size) throw new CryptoError('bad_length', `data must be shorter than ${size} bytes to be padded`);
  const out = alloc(size);
  out.set(data, 0);
  out[data.length] = 0x80;
  return out;
}

export function unpadFixed(padded: Uint8Array): Uint8Array {
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 0x80) throw new CryptoError('bad_padding', 'padding marker missing');
  return padded.slice(0, end);
}
