/**
 * The one source of randomness: the platform CSPRNG (WebCrypto getRandomValues), present in
 * every browser we support and in Node 20 as globalThis.crypto. Both backends draw from it, so
 * choosing a backend never changes where randomness comes from.
 */
import { alloc } from './bytes';
import { CryptoError } from './crypto-error';

// WebCrypto refuses more than 65,536 bytes per call.
const MAX_PER_CALL = 65536;

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(length) || length < 0) throw new CryptoError('bad_params', 'random length must be a non-negative integer');
  const cryptoApi = globalThis.crypto;
  if (cryptoApi === undefined || typeof cryptoApi.getRandomValues !== 'function') {
    // Refusing is the only safe answer: there is no acceptable fallback for key material.
    throw new Error('No CSPRNG: globalThis.crypto.getRandomValues is unavailable');
  }
  const out = alloc(length);
  for (let offset = 0; offset < length; offset += MAX_PER_CALL) {
    cryptoApi.getRandomValues(out.subarray(offset, Math.min(length, offset + MAX_PER_CALL)));
  }
  return out;
}
