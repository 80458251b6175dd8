/**
 * One-time recovery codes: 10 codes of 10 characters from a 32-letter alphabet without
 * look-alikes (50 bits each), shown once at activation and stored only as keyed hashes.
 */
import { randomInt } from 'node:crypto';
import type { StaffSecrets } from './staff-secrets';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function code(): string {
  let out = '';
  for (let i = 0; i < 10; i += 1) out += ALPHABET[randomInt(ALPHABET.length)];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

export function newRecoveryCodes(secrets: StaffSecrets, staffId: string): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, code);
  return { codes, hashes: codes.map((c) => secrets.recoveryCodeHash(staffId, c)) };
}
