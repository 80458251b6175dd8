/**
 * What the server can check of browser-side key material without seeing any key: the
 * derivation parameters are at least the installation's, and a new password keeps the
 * recovery copy's salt (the recovery key does not change with the password, so a bundle
 * with another recovery salt could not be the same recovery copy).
 */
import type { Config } from '../../../config';
import { keyBundle, type KeyBundle } from '../../../shared/api/staff.schema';
import type { Json } from '../../ports/store.port';
import { KdfTooWeak, KeyBundleInvalid } from './staff-errors';

export function assertKdfStrongEnough(config: Pick<Config, 'kdf'>, bundle: KeyBundle): void {
  const min = config.kdf.staff;
  if (bundle.kdfParams.memKiB < min.memKiB || bundle.kdfParams.passes < min.passes) throw KdfTooWeak({ memKiB: min.memKiB, passes: min.passes });
}

export function storedBundle(value: Json | null): KeyBundle | null {
  const parsed = keyBundle.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function assertSameRecovery(current: Json | null, next: KeyBundle): void {
  const stored = storedBundle(current);
  if (!stored || stored.recoverySalt !== next.recoverySalt) throw KeyBundleInvalid();
}
