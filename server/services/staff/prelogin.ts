/**
 * Step one of sign-in: the salts and parameters the browser needs to derive the login
 * secret from the password. An address without an active account gets salts that are a
 * keyed hash of the address, stable across requests, so the answer has the same shape and
 * the same stability whether or not the account exists.
 */
import type { PreloginResponse } from '../../../shared/api/staff.schema';
import { storedBundle } from './kdf-policy';
import type { StaffDeps } from './staff-deps';

export async function prelogin(deps: StaffDeps, email: string): Promise<PreloginResponse> {
  const staff = await deps.store.staff.byEmail(email);
  const bundle = staff?.status === 'active' ? storedBundle(staff.keyBundle) : null;
  if (bundle) return { kdfSalt: bundle.kdfSalt, kdfParams: bundle.kdfParams, recoverySalt: bundle.recoverySalt };
  return {
    kdfSalt: deps.secrets.fakeSalt(email, 'kdf').toString('base64'),
    kdfParams: { ...deps.config.kdf.staff },
    recoverySalt: deps.secrets.fakeSalt(email, 'recovery').toString('base64'),
  };
}
