/**
 * PBKDF2-HMAC-SHA-256 and HKDF-SHA-256 from WebCrypto, for the version 2 receipt derivation.
 * They are native code in every browser, so they run at full speed when the JavaScript JIT and
 * WebAssembly are off (Tor Browser "Safer"), where a pure-JavaScript Argon2id takes seconds.
 * Both backends call these same functions (libsodium has neither), and WebCrypto is already
 * required by the proof of work, so no page that can submit a report lacks them.
 */
import { alloc, concatBytes } from './bytes';
import { CryptoError } from './crypto-error';

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (api === undefined) throw new Error('WebCrypto is unavailable (crypto.subtle needs a secure context)');
  return api;
}

function checkOutLen(outLen: number): void {
  if (!Number.isInteger(outLen) || outLen < 16 || outLen > 64) throw new CryptoError('bad_params', 'KDF output length must be from 16 to 64 bytes');
}

/** PBKDF2 (RFC 8018) with HMAC-SHA-256. */
export async function pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number, outLen: number): Promise<Uint8Array<ArrayBuffer>> {
  checkOutLen(outLen);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000_000) {
    throw new CryptoError('bad_params', 'PBKDF2 iterations must be an integer from 1 to 10000000');
  }
  const key = await subtle().importKey('raw', concatBytes(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: concatBytes(salt), iterations }, key, outLen * 8);
  return new Uint8Array(bits);
}

/** HKDF (RFC 5869) with SHA-256; an empty salt is the RFC's default (HashLen zero bytes). */
export async function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, outLen: number): Promise<Uint8Array<ArrayBuffer>> {
  checkOutLen(outLen);
  const key = await subtle().importKey('raw', concatBytes(ikm), 'HKDF', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: salt.length === 0 ? alloc(32) : concatBytes(salt), info: concatBytes(info) },
    key,
    outLen * 8,
  );
  return new Uint8Array(bits);
}
