/**
 * Argon2id parameters for staff passwords and recovery keys. The server tells the browser
 * which parameters an account's key bundle was made with, but a server that lowered them
 * would make the login secret it receives cheap to attack offline (docs/PROTOCOL.md §3).
 * So a bundle weaker than the floor shipped with this client (config settings.kdf.staff)
 * is refused before the password is touched, and new bundles are never made weaker.
 */
import type { KdfParams } from '../../../../shared/api/staff.schema';
import { settings } from '../../../../config/settings';
import { ApiFailure } from '../../api/http';

export const STAFF_KDF_FLOOR: KdfParams = { ...settings.kdf.staff };
/** what a laptop browser finishes in reasonable time; a server asking more is refused rather than obeyed */
const CEILING: KdfParams = { memKiB: 1024 * 1024, passes: 16 };

function kdfRefused(): ApiFailure {
  return new ApiFailure('kdf_unsafe', 0, 'The password derivation parameters are outside what this client accepts.');
}

/** Parameters of an existing bundle: used exactly, since they must reproduce the same keys. */
export function checkedKdfParams(params: KdfParams): KdfParams {
  const { memKiB, passes } = params;
  if (!Number.isInteger(memKiB) || !Number.isInteger(passes)) throw kdfRefused();
  if (memKiB < STAFF_KDF_FLOOR.memKiB || passes < STAFF_KDF_FLOOR.passes) throw kdfRefused();
  if (memKiB > CEILING.memKiB || passes > CEILING.passes) throw kdfRefused();
  return { memKiB, passes };
}

/** Parameters for a new bundle: the server's requirement, raised to the floor where it is lower. */
export function newBundleKdfParams(required: KdfParams): KdfParams {
  return checkedKdfParams({ memKiB: Math.max(required.memKiB, STAFF_KDF_FLOOR.memKiB), passes: Math.max(required.passes, STAFF_KDF_FLOOR.passes) });
}
