/**
 * Byte helpers shared by both backends and the domain API. Plain Uint8Array only: this file
 * runs in the browser bundle, so no Buffer and no node: imports.
 */
import { CryptoError } from './crypto-error';

/** A fresh buffer typed with a plain ArrayBuffer, as WebCrypto's BufferSource wants. */
export function alloc(length: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new ArrayBuffer(length));
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = alloc(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function uint32be(value: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new CryptoError('bad_params', 'uint32 out of range');
  }
  const out = alloc(4);
  out[0] = value >>> 24;
  out[1] = (value >>> 16) & 0xff;
  out[2] = (value >>> 8) & 0xff;
  out[3] = value & 0xff;
  return out;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return concatBytes(encoder.encode(text));
}

/** Throws on invalid UTF-8 rather than inventing U+FFFD characters in evidence. */
export function fromUtf8(bytes: Uint8Array): string {
  return strictDecoder.decode(bytes);
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new CryptoError('bad_length', 'hex string of odd length or with non-hex characters');
  }
  const out = alloc(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Compares without an early exit, so the time taken does not reveal how many leading bytes of
 * a secret (a login secret's keyed hash, a MAC) an attacker got right. Lengths are public.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Best effort only: JavaScript engines may keep copies, but we do not leave our own around. */
export function wipe(...buffers: Uint8Array[]): void {
  for (const buffer of buffers) buffer.fill(0);
}

export function requireLength(what: string, bytes: Uint8Array, length: number): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new CryptoError('bad_length', `${what} must be ${length} bytes`);
  }
}
