/**
 * Stretching the two human secrets. Argon2id gives 64 bytes; the first half stays in the
 * browser (a key), the second half is the login secret the server verifies (it stores only a
 * keyed hash of it), so what the server learns cannot decrypt anything. The parameters come
 * from the client's bundled configuration (config settings.kdf), never from the server: a
 * server that could lower them could make the login secret cheap to attack offline.
 */
import { utf8, wipe } from './bytes';
import { CryptoError } from './crypto-error';
import { KEY_BYTES, type Argon2idParams, type CryptoBackend, type X25519Keypair } from './backend';
import { normalizeReceipt } from './receipt';

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
 * Reporter keys from the receipt. The salt is installation-wide and public, because the reporter
 * arrives with nothing but the receipt; the receipt's 66 bits, not the stretching, are its strength.
 */
export async function deriveReporterKeys(
  backend: CryptoBackend,
  receipt: string,
  installationSalt: Uint8Array,
  params: Argon2idParams,
): Promise<ReporterKeys> {
  const password = utf8(normalizeReceipt(receipt));
  const out = await backend.argon2id(password, installationSalt, params, DERIVED_BYTES);
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
