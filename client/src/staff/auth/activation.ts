/**
 * Activation in the browser: the key pair is made here, the private key is encrypted
 * under the password and under the recovery key, and only the public key, the two
 * encrypted copies and the two login secrets are sent, with a TOTP code proving the
 * authenticator app was set up.
 */
import type { ActivationStartResponse } from '../../../../shared/api/staff.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { activate } from '../api/staff-endpoints';
import { createAccountKeys, type NewAccountKeys } from '../crypto/key-bundle';
import { newBundleKdfParams } from '../crypto/staff-kdf';
import type { Unlocked } from '../staff-session';
import { deriverFor } from './staff-auth';

export function makeAccountKeys(crypto: AmanaCrypto, start: ActivationStartResponse, password: string, recoveryKey: string): Promise<NewAccountKeys> {
  return createAccountKeys(crypto, deriverFor(crypto), password, recoveryKey, newBundleKdfParams(start.kdfParams));
}

export async function sendActivation(token: string, keys: NewAccountKeys, totp: string): Promise<{ unlocked: Unlocked; recoveryCodes: string[] }> {
  const answer = await activate({
    token,
    publicKey: keys.publicKey,
    keyBundle: keys.keyBundle,
    loginSecret: keys.loginSecret,
    recoveryLoginSecret: keys.recoveryLoginSecret,
    totp,
  });
  return {
    unlocked: { session: answer.session, me: answer.me, publicKey: answer.publicKey, keypair: keys.keypair, keyBundle: answer.keyBundle },
    recoveryCodes: answer.recoveryCodes,
  };
}

/** A password a person can type, long enough that the 64 MiB stretching has something to protect. */
export const PASSWORD_MIN_LENGTH = 12;

/** The secret for an authenticator app, in groups of four so it can be typed by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
