/**
 * Sign-in, recovery and password change, as the browser does them: the password (or the
 * recovery key) is stretched here, only the derived login secret is sent, and the private
 * key that comes back encrypted is opened here. Every derived secret is wiped once sent.
 */
import { fromB64, toB64 } from '../../../../shared/api/common.schema';
import type { StaffSignIn } from '../../../../shared/api/staff.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { deriveStaffKeysOffPage } from '../../crypto/derive-keys';
import { changePassword, completeRecovery, login, prelogin, startRecovery } from '../api/staff-endpoints';
import type { StaffClient } from '../api/staff-client';
import { derivePasswordKeys, deriveRecoveryKeys, openPrivateKey, rewrapForNewPassword, wipeStaffKeys, type DeriveStaffKeys } from '../crypto/key-bundle';
import { checkedKdfParams } from '../crypto/staff-kdf';
import type { Unlocked } from '../staff-session';

/** exactly one second factor: a TOTP code or a one-time recovery code */
export type SecondFactor = { totp: string } | { recoveryCode: string };

export function deriverFor(crypto: AmanaCrypto): DeriveStaffKeys {
  return (secret, salt, params) => deriveStaffKeysOffPage(crypto, secret, salt, checkedKdfParams(params));
}

function unlockedFrom(crypto: AmanaCrypto, answer: StaffSignIn, kek: Uint8Array): Unlocked {
  const keypair = openPrivateKey(crypto, answer.keyBundle, 'password', kek, answer.publicKey);
  return { session: answer.session, me: answer.me, publicKey: answer.publicKey, keypair, keyBundle: answer.keyBundle };
}

export async function signInWithPassword(crypto: AmanaCrypto, email: string, password: string, factor: SecondFactor): Promise<Unlocked> {
  const pre = await prelogin(email);
  const keys = await deriverFor(crypto)(password, fromB64(pre.kdfSalt), pre.kdfParams);
  try {
    const answer = await login({ email, loginSecret: toB64(keys.loginSecret), ...factor });
    return unlockedFrom(crypto, answer, keys.keyEncryptionKey);
  } finally {
    wipeStaffKeys(keys);
  }
}

/**
 * A forgotten password: the recovery key's login secret and a second factor open the
 * private key's recovery copy, which is re-encrypted under the new password at once.
 */
export async function recoverWithKey(crypto: AmanaCrypto, email: string, recoveryKey: string, factor: SecondFactor, newPassword: string): Promise<Unlocked> {
  const derive = deriverFor(crypto);
  const pre = await prelogin(email);
  const recovery = await deriveRecoveryKeys(derive, pre, recoveryKey);
  try {
    const started = await startRecovery({ email, recoveryLoginSecret: toB64(recovery.loginSecret), ...factor });
    const keypair = openPrivateKey(crypto, started.keyBundle, 'recovery', recovery.keyEncryptionKey, started.publicKey);
    try {
      const next = await rewrapForNewPassword(crypto, derive, keypair, started.keyBundle, newPassword);
      const answer = await completeRecovery({ recoveryToken: started.recoveryToken, loginSecret: next.loginSecret, keyBundle: next.keyBundle });
      return { session: answer.session, me: answer.me, publicKey: answer.publicKey, keypair, keyBundle: answer.keyBundle };
    } catch (err) {
      keypair.secretKey.fill(0);
      throw err;
    }
  } finally {
    wipeStaffKeys(recovery);
  }
}

/** Signed in: the current password proves itself again; the private key is re-encrypted under the new one. */
export async function changeOwnPassword(crypto: AmanaCrypto, client: StaffClient, unlocked: Unlocked, currentPassword: string, newPassword: string): Promise<Unlocked['keyBundle']> {
  const derive = deriverFor(crypto);
  const current = await derivePasswordKeys(derive, unlocked.keyBundle, currentPassword);
  try {
    const next = await rewrapForNewPassword(crypto, derive, unlocked.keypair, unlocked.keyBundle, newPassword);
    await changePassword(client, { currentLoginSecret: toB64(current.loginSecret), loginSecret: next.loginSecret, keyBundle: next.keyBundle });
    return next.keyBundle;
  } finally {
    wipeStaffKeys(current);
  }
}
