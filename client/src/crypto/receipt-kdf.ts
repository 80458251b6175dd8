/**
 * Argon2id parameters for receipt codes. The installation advertises them, but a server
 * that lowered them could make a stolen login secret cheap to brute-force offline, and one
 * that raised them absurdly could freeze reporters' browsers. So the advertised values are
 * accepted only between a floor (the shipped default, config settings.kdf.receipt) and a
 * ceiling that a phone without WebAssembly can still finish.
 */
import type { Argon2idParams } from '../../../shared/crypto/index';
import { settings } from '../../../config/settings';

export const RECEIPT_KDF_FLOOR: Argon2idParams = { ...settings.kdf.receipt };
const CEILING: Argon2idParams = { memKiB: 64 * 1024, passes: 8 };

export function receiptKdfParams(advertised: Argon2idParams): Argon2idParams {
  const memKiB = Math.max(advertised.memKiB, RECEIPT_KDF_FLOOR.memKiB);
  const passes = Math.max(advertised.passes, RECEIPT_KDF_FLOOR.passes);
  return { memKiB: Math.min(memKiB, CEILING.memKiB), passes: Math.min(passes, CEILING.passes) };
}
