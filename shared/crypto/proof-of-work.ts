/**
 * Proof of work asked before an anonymous submission, instead of a third-party CAPTCHA that
 * would leak the reporter to a third party. Find a nonce n (uint64) such that
 *   SHA-256(challenge ‖ uint64be(n)) starts with `difficultyBits` zero bits.
 * SHA-256 comes from WebCrypto (native code, fast even when the JavaScript JIT is off), and
 * the server verifies with the same function through Node's globalThis.crypto.subtle.
 */
import { alloc, concatBytes } from './bytes';
import { CryptoError } from './crypto-error';

export const POW_MAX_DIFFICULTY = 64;
const MAX_UINT64 = (1n << 64n) - 1n;
const DEFAULT_BATCH = 256;

export interface SolveOptions {
  /** Stops the search (the page was left, the challenge expired). */
  signal?: AbortSignal;
  /** Digests requested at once; larger batches amortise the promise overhead. */
  batchSize?: number;
}

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (api === undefined) throw new Error('WebCrypto SHA-256 is unavailable (crypto.subtle needs a secure context)');
  return api;
}

function checkChallenge(challenge: Uint8Array, difficultyBits: number): void {
  if (!(challenge instanceof Uint8Array) || challenge.length < 16 || challenge.length > 256) {
    throw new CryptoError('bad_length', 'challenge must be 16 to 256 bytes');
  }
  if (!Number.isInteger(difficultyBits) || difficultyBits < 0 || difficultyBits > POW_MAX_DIFFICULTY) {
    throw new CryptoError('bad_params', `difficulty must be an integer from 0 to ${POW_MAX_DIFFICULTY}`);
  }
}

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** challenge ‖ uint64be(nonce), the exact bytes that are hashed. */
export function powInput(challenge: Uint8Array, nonce: bigint): Uint8Array<ArrayBuffer> {
  const suffix = alloc(8);
  let rest = nonce;
  for (let i = 7; i >= 0; i--) {
    suffix[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return concatBytes(challenge, suffix);
}

/**
 * Returns the smallest valid nonce, as a decimal string (uint64 does not fit a JSON number).
 * Expected work is 2^difficultyBits digests.
 */
export async function solvePow(challenge: Uint8Array, difficultyBits: number, options: SolveOptions = {}): Promise<string> {
  checkChallenge(challenge, difficultyBits);
  const batch = options.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(batch) || batch < 1) throw new CryptoError('bad_params', 'batch size must be a positive integer');
  const api = subtle();
  // One buffer per batch slot, rewritten in place: only the last 8 bytes change.
  const inputs = Array.from({ length: batch }, () => powInput(challenge, 0n));
  const suffixAt = challenge.length;
  for (let start = 0; start <= Number.MAX_SAFE_INTEGER - batch; start += batch) {
    options.signal?.throwIfAborted();
    for (let i = 0; i < batch; i++) writeUint64be(inputs[i], suffixAt, start + i);
    const digests = await Promise.all(inputs.map((input) => api.digest('SHA-256', input)));
    for (let i = 0; i < batch; i++) {
      if (leadingZeroBits(new Uint8Array(digests[i])) >= difficultyBits) return String(start + i);
    }
  }
  throw new Error('proof-of-work search space exhausted');
}

function writeUint64be(target: Uint8Array, offset: number, value: number): void {
  const high = Math.floor(value / 0x100000000);
  const low = value >>> 0;
  for (let i = 0; i < 4; i++) {
    target[offset + 3 - i] = (high >>> (8 * i)) & 0xff;
    target[offset + 7 - i] = (low >>> (8 * i)) & 0xff;
  }
}

/**
 * The bytes whose SHA-256 must meet the difficulty, or null for a nonce that is not a
 * canonical uint64 decimal. Lets a caller with a synchronous SHA-256 (the server's
 * node:crypto) run the very check verifyPow runs, without a promise per submission.
 */
export function powCandidate(challenge: Uint8Array, nonce: string, difficultyBits: number): Uint8Array<ArrayBuffer> | null {
  checkChallenge(challenge, difficultyBits);
  // Canonical form only (no sign, no leading zeros, no exponent), so one solution has one spelling.
  if (typeof nonce !== 'string' || !/^(0|[1-9][0-9]{0,19})$/.test(nonce)) return null;
  const value = BigInt(nonce);
  if (value > MAX_UINT64) return null;
  return powInput(challenge, value);
}

/** False for any nonce that is not a canonical uint64 decimal or does not meet the difficulty. */
export async function verifyPow(challenge: Uint8Array, nonce: string, difficultyBits: number): Promise<boolean> {
  const input = powCandidate(challenge, nonce, difficultyBits);
  if (input === null) return false;
  const digest = new Uint8Array(await subtle().digest('SHA-256', input));
  return leadingZeroBits(digest) >= difficultyBits;
}
