/**
 * Stretching the two human secrets. Argon2id gives 64 bytes; the first half stays in the
 * browser (a key), the second half is the login secret the server verifies (it stores only a
 * keyed hash of it), so what the server learns cannot decrypt anything. The parameters come
 * from the client's bundled configuration (config settings.kdf), never from the server: a
 * server that could lower them could make the login secret cheap to attack offline.
 */
import { concatBytes, requireLength, utf8, wipe } from './bytes';
import { CryptoError } from './crypto-error';
import { KEY_BYTES, SALT_BYTES, type Argon2idParams, type CryptoBackend, type X25519Keypair } from './backend';
import { normalizeReceipt, receiptVersion } from './receipt';
import { hkdfSha256, pbkdf2Sha256 } from './webcrypto-kdf';

export interface ReporterKeys {
  keypair: X25519Keypair;
  loginSecret: Uint8Array;
}

export interface StaffKeys {
  keyEncryptionKey: Uint8Array;
  loginSecret: Uint8Array;
}

export const DERIVED_BYTES = 2 * KEY_BYTES;

/**
 * Version 2 receipts (21 digits): PBKDF2-HMAC-SHA-256 at a fixed count, part of the version
 * (docs/PROTOCOL.md §3.1). Fixed rather than configured, so that a receipt opens on any later
 * release and no server can lower it.
 */
export const RECEIPT_V2_ITERATIONS = 300_000;
const V2_SALT_LABEL = 'amana/v2/receipt';
const V2_INFO = 'amana/v2/receipt-keys';

/**
 * The 64 bytes behind a version 2 receipt. PBKDF2 gives 32 bytes (one block: a longer output
 * would make the browser pay per block what an attacker checking only the first pays once),
 * which HKDF expands into the key seed and the login secret.
 */
export async function receiptV2Output(digits: string, installationSalt: Uint8Array): Promise<Uint8Array> {
  const password = utf8(digits);
  const master = await pbkdf2Sha256(password, concatBytes(utf8(V2_SALT_LABEL), installationSalt), RECEIPT_V2_ITERATIONS, KEY_BYTES);
  try {
    return await hkdfSha256(master, new Uint8Array(0), utf8(V2_INFO), DERIVED_BYTES);
  } finally {
    wipe(master, password);
  }
}

/**
 * Reporter keys from the receipt. The salt is installation-wide and public, because the reporter
 * arrives with nothing but the receipt; the receipt's 66 bits, not the stretching, are its strength.
 * The receipt's length says its version: 20 digits are version 1 (Argon2id with `params`, the
 * installation's receipt parameters), 21 are version 2 (PBKDF2, `params` unused).
 */
export async function deriveReporterKeys(
  backend: CryptoBackend,
  receipt: string,
  installationSalt: Uint8Array,
  params: Argon2idParams,
): Promise<ReporterKeys> {
  const digits = normalizeReceipt(receipt);
  requireLength('installation salt', installationSalt, SALT_BYTES);
  const password = utf8(digits);
  const out =
    receiptVersion(digits) === 2
      ? await receiptV2Output(digits, installationSalt)
      : await backend.argon2id(password, installationSalt, params, DERIVED_BYTES);
  try {
    const seed = out.slice(0, KEY_BYTES);
    const keypair = backend.x25519Keypair(seed);
    wipe(seed);
    return { keypair, loginSecret: out.slice(KEY_BYTES) };
  } finally {
    wipe(out, password);
  }
}

/**
 * Staff keys from the password and the staff member's own random salt. The password is
 * normalised to NFC first, so "é" typed as one code point or as e + combining accent (macOS
 * and some Arabic keyboards differ) gives the same keys.
 */
export async function deriveStaffKeys(
  backend: CryptoBackend,
  password: string,
  salt: Uint8Array,
  params: Argon2idParams,
): Promise<StaffKeys> {
  if (typeof password !== 'string' || password.length === 0 || password.length > 1024) {
    throw new CryptoError('bad_params', 'password must be 1 to 1024 characters');
  }
  const bytes = utf8(password.normalize('NFC'));
  const out = await backend.argon2id(bytes, salt, params, DERIVED_BYTES);
  try {
    return { keyEncryptionKey: out.slice(0, KEY_BYTES), loginSecret: out.slice(KEY_BYTES) };
  } finally {
    wipe(out, bytes);
  }
}
