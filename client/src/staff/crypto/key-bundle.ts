/**
 * A staff member's keys, made and opened in the browser (docs/PROTOCOL.md §3.2, §6). The
 * X25519 key pair is made at activation; its secret key leaves the browser only inside two
 * `private-key` envelopes, one under the password-derived key and one under the
 * recovery-key-derived key. The server receives the two login secrets, never what they
 * were derived from. Both copies use the bundle's one set of Argon2id parameters, so a
 * password change keeps them: the recovery copy must stay openable with what was written down.
 */
import { fromB64, toB64 } from '../../../../shared/api/common.schema';
import type { KdfParams, KeyBundle } from '../../../../shared/api/staff.schema';
import { constantTimeEqual, CryptoError, type AmanaCrypto, type Argon2idParams, type PrivateKeySlot, type StaffKeys, type X25519Keypair } from '../../../../shared/crypto/index';

/** Argon2id of a password or recovery key; the page runs it in a worker (crypto/derive-keys.ts). */
export type DeriveStaffKeys = (secret: string, salt: Uint8Array, params: Argon2idParams) => Promise<StaffKeys>;

const SALT_BYTES = 16;

export interface NewAccountKeys {
  keypair: X25519Keypair;
  publicKey: string;
  keyBundle: KeyBundle;
  loginSecret: string;
  recoveryLoginSecret: string;
}

function wipeKeys(...keys: StaffKeys[]): void {
  for (const k of keys) {
    k.keyEncryptionKey.fill(0);
    k.loginSecret.fill(0);
  }
}

export async function createAccountKeys(crypto: AmanaCrypto, derive: DeriveStaffKeys, password: string, recoveryKey: string, params: KdfParams): Promise<NewAccountKeys> {
  const kdfSalt = crypto.randomBytes(SALT_BYTES);
  const recoverySalt = crypto.randomBytes(SALT_BYTES);
  const byPassword = await derive(password, kdfSalt, params);
  const byRecovery = await derive(recoveryKey, recoverySalt, params);
  const keypair = crypto.x25519Keypair();
  try {
    const keyBundle: KeyBundle = {
      v: 1,
      kdfSalt: toB64(kdfSalt),
      kdfParams: { ...params },
      password: toB64(crypto.encryptPrivateKey(keypair.secretKey, byPassword.keyEncryptionKey, 'password')),
      recoverySalt: toB64(recoverySalt),
      recovery: toB64(crypto.encryptPrivateKey(keypair.secretKey, byRecovery.keyEncryptionKey, 'recovery')),
    };
    return { keypair, publicKey: toB64(keypair.publicKey), keyBundle, loginSecret: toB64(byPassword.loginSecret), recoveryLoginSecret: toB64(byRecovery.loginSecret) };
  } finally {
    wipeKeys(byPassword, byRecovery);
  }
}

/**
 * Opens one copy of the private key and checks that it belongs to the public key the
 * server lists for this account, so a bundle from another account is refused.
 */
export function openPrivateKey(crypto: AmanaCrypto, bundle: KeyBundle, slot: PrivateKeySlot, kek: Uint8Array, publicKey: string): X25519Keypair {
  const secretKey = crypto.decryptPrivateKey(fromB64(bundle[slot]), kek, slot);
  // A clamped secret key is its own seed: this gives back the same pair.
  const keypair = crypto.x25519Keypair(secretKey);
  secretKey.fill(0);
  if (!constantTimeEqual(keypair.publicKey, fromB64(publicKey))) {
    keypair.secretKey.fill(0);
    throw new CryptoError('auth_failed', 'the private key does not match the account’s public key');
  }
  return keypair;
}

/** Derives the password copy's key and login secret for an existing bundle. */
export function derivePasswordKeys(derive: DeriveStaffKeys, bundle: KeyBundle, password: string): Promise<StaffKeys> {
  return derive(password, fromB64(bundle.kdfSalt), bundle.kdfParams);
}

export function deriveRecoveryKeys(derive: DeriveStaffKeys, bundle: Pick<KeyBundle, 'recoverySalt' | 'kdfParams'>, recoveryKey: string): Promise<StaffKeys> {
  return derive(recoveryKey, fromB64(bundle.recoverySalt), bundle.kdfParams);
}

/** A new password: a new salt, login secret and password copy; the recovery copy and its salt unchanged. */
export async function rewrapForNewPassword(
  crypto: AmanaCrypto,
  derive: DeriveStaffKeys,
  keypair: X25519Keypair,
  bundle: KeyBundle,
  newPassword: string,
): Promise<{ keyBundle: KeyBundle; loginSecret: string }> {
  const kdfSalt = crypto.randomBytes(SALT_BYTES);
  const keys = await derive(newPassword, kdfSalt, bundle.kdfParams);
  try {
    const password = toB64(crypto.encryptPrivateKey(keypair.secretKey, keys.keyEncryptionKey, 'password'));
    return { keyBundle: { ...bundle, kdfSalt: toB64(kdfSalt), password }, loginSecret: toB64(keys.loginSecret) };
  } finally {
    wipeKeys(keys);
  }
}

export { wipeKeys as wipeStaffKeys };
