/**
 * The primitives Amana uses, behind one interface with two implementations (libsodium.js over
 * WebAssembly, and the pure-JavaScript noble libraries for browsers without WebAssembly).
 * Both must produce identical bytes for identical inputs; test-vectors.json holds them to it.
 * Input checks live here so both backends reject the same inputs with the same error code.
 */
import { requireLength } from './bytes';
import { CryptoError } from './crypto-error';

export type BackendName = 'libsodium' | 'noble';

export interface X25519Keypair {
  /** 32 bytes, the Montgomery u-coordinate. */
  publicKey: Uint8Array;
  /** 32 bytes: the seed with X25519 clamping applied (RFC 7748 decodeScalar25519). */
  secretKey: Uint8Array;
}

/** Argon2id cost; parallelism is always 1 because libsodium's crypto_pwhash only offers that. */
export interface Argon2idParams {
  /** memory in KiB (libsodium memlimit = memKiB * 1024) */
  memKiB: number;
  /** iterations (libsodium opslimit) */
  passes: number;
}

export interface CryptoBackend {
  readonly name: BackendName;
  randomBytes(length: number): Uint8Array;
  /** With a seed the pair is deterministic; without one the seed comes from the CSPRNG. */
  x25519Keypair(seed32?: Uint8Array): X25519Keypair;
  /** libsodium crypto_box_seal: ephemeral pk (32) ‖ XSalsa20-Poly1305 box (16-byte tag first). */
  sealBox(message: Uint8Array, recipientPk: Uint8Array): Uint8Array;
  openSealedBox(ciphertext: Uint8Array, recipientPk: Uint8Array, recipientSk: Uint8Array): Uint8Array;
  /** XChaCha20-Poly1305-IETF, combined mode: ciphertext ‖ 16-byte tag. */
  aeadEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array;
  aeadDecrypt(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, ad: Uint8Array): Uint8Array;
  /** Argon2id v1.3, p = 1, no secret, no associated data. */
  argon2id(password: Uint8Array, salt: Uint8Array, params: Argon2idParams, outLen: number): Promise<Uint8Array>;
  /** Unkeyed or keyed BLAKE2b (RFC 7693), libsodium crypto_generichash. */
  blake2b(message: Uint8Array, outLen: number, key?: Uint8Array): Uint8Array;
}

/**
 * Deterministic variants that only the known-answer tests may use. They are kept off the
 * backend object and out of index.ts so the app has no way to choose an ephemeral key or a
 * nonce: reusing one would break the sealed box.
 */
export interface BackendTestSeams {
  sealBoxWithEphemeral(message: Uint8Array, recipientPk: Uint8Array, ephemeralSeed: Uint8Array): Uint8Array;
  /** NaCl crypto_box (crypto_box_easy), for the published NaCl box vector. */
  boxWithNonce(message: Uint8Array, nonce: Uint8Array, recipientPk: Uint8Array, senderSk: Uint8Array): Uint8Array;
}

const seams = new WeakMap<CryptoBackend, BackendTestSeams>();

export function registerTestSeams(backend: CryptoBackend, testSeams: BackendTestSeams): void {
  seams.set(backend, testSeams);
}

export function testSeamsFor(backend: CryptoBackend): BackendTestSeams {
  const found = seams.get(backend);
  if (found === undefined) throw new Error(`no test seams registered for backend ${backend.name}`);
  return found;
}

export const KEY_BYTES = 32;
export const XNONCE_BYTES = 24;
export const TAG_BYTES = 16;
export const SALT_BYTES = 16;
export const SEAL_OVERHEAD = 32 + TAG_BYTES;

/** RFC 7748 decodeScalar25519, the clamping crypto_scalarmult applies internally. */
export function clampX25519(seed: Uint8Array): Uint8Array {
  requireLength('X25519 seed', seed, KEY_BYTES);
  const scalar = seed.slice();
  scalar[0] = scalar[0] & 248;
  scalar[31] = (scalar[31] & 127) | 64;
  return scalar;
}

export function checkAead(key: Uint8Array, nonce: Uint8Array): void {
  requireLength('AEAD key', key, KEY_BYTES);
  requireLength('AEAD nonce', nonce, XNONCE_BYTES);
}

export function checkSealedBox(ciphertext: Uint8Array, pk: Uint8Array, sk: Uint8Array): void {
  requireLength('recipient public key', pk, KEY_BYTES);
  requireLength('recipient secret key', sk, KEY_BYTES);
  if (ciphertext.length < SEAL_OVERHEAD) throw new CryptoError('bad_length', 'sealed box shorter than its overhead');
}

// The limits are the intersection of what libsodium and noble accept, so an input one backend
// takes is never refused by the other.
export function checkArgon2id(salt: Uint8Array, params: Argon2idParams, outLen: number): void {
  requireLength('Argon2id salt', salt, SALT_BYTES);
  const { memKiB, passes } = params;
  if (!Number.isInteger(memKiB) || memKiB < 8 || memKiB > 1024 * 1024) {
    throw new CryptoError('bad_params', 'Argon2id memKiB must be an integer from 8 to 1048576');
  }
  if (!Number.isInteger(passes) || passes < 1 || passes > 64) {
    throw new CryptoError('bad_params', 'Argon2id passes must be an integer from 1 to 64');
  }
  // Above 64 bytes noble-hashes 1.8.0 truncates outputs that are not a multiple of 4 (its H'
  // returns a Uint32Array view), so the backends would disagree; Amana needs exactly 64.
  if (!Number.isInteger(outLen) || outLen < 16 || outLen > 64) {
    throw new CryptoError('bad_params', 'Argon2id output length must be from 16 to 64 bytes');
  }
}

export function checkBlake2b(outLen: number, key: Uint8Array | undefined): void {
  if (!Number.isInteger(outLen) || outLen < 16 || outLen > 64) {
    throw new CryptoError('bad_params', 'BLAKE2b output length must be from 16 to 64 bytes');
  }
  if (key !== undefined && (key.length < 16 || key.length > 64)) {
    throw new CryptoError('bad_length', 'BLAKE2b key must be from 16 to 64 bytes');
  }
}
