/**
 * The one error type the crypto module throws on bad input or failed authentication.
 * Codes are stable: the app maps them to user-facing messages and HTTP errors, so they are
 * never renamed. Messages never contain key material or plaintext.
 */
export type CryptoErrorCode =
  | 'bad_version' // unknown envelope, key blob or stream header version
  | 'bad_type' // unknown envelope type, or a type/kind other than the one expected
  | 'bad_length' // a key, nonce, salt, envelope or chunk of the wrong size
  | 'auth_failed' // the AEAD or sealed-box tag did not verify: wrong key, wrong AD or tampering
  | 'bad_padding' // authenticated plaintext whose padding is not canonical (a buggy writer)
  | 'bad_key' // a public key that X25519 rejects (low order), so nothing can be sealed to it
  | 'bad_params' // Argon2id parameters, context strings or PoW difficulty out of range
  | 'bad_receipt' // not 20 digits, or not 21 with a valid check digit, after normalisation
  | 'bad_order' // STREAM chunks given out of order, after the last chunk, or after a failure
  | 'truncated'; // a STREAM that ended before its last chunk

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'CryptoError';
    this.code = code;
  }
}

export function isCryptoError(err: unknown, code?: CryptoErrorCode): err is CryptoError {
  return err instanceof CryptoError && (code === undefined || err.code === code);
}
