/**
 * The recovery key shown once at activation: 32 random bytes written as 52 base32 letters
 * and digits in groups of four. It is stretched like a password (with its own salt) into the
 * key that encrypts the private key's second copy and the recovery login secret; its 256
 * bits, not the stretching, are its strength. Typing is forgiving: case, spaces and dashes
 * do not matter, and the digits 0, 1 and 8 are read as the letters O, I and B they resemble.
 */
import type { AmanaCrypto } from '../../../../shared/crypto/index';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const RECOVERY_KEY_BYTES = 32;
/** ceil(256 / 5) */
export const RECOVERY_KEY_LENGTH = 52;

export function encodeRecoveryKey(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export function generateRecoveryKey(crypto: AmanaCrypto): string {
  const bytes = crypto.randomBytes(RECOVERY_KEY_BYTES);
  try {
    return encodeRecoveryKey(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** Groups of four, for display and for writing down. */
export function formatRecoveryKey(key: string): string {
  return key.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The canonical key, or null when the input cannot be one: wrong length, a letter outside
 * the alphabet, or a last letter with bits set beyond the 256 the key has.
 */
export function normalizeRecoveryKey(input: string): string | null {
  const key = input
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2014]/g, '')
    .replace(/0/g, 'O')
    .replace(/1/g, 'I')
    .replace(/8/g, 'B');
  if (key.length !== RECOVERY_KEY_LENGTH) return null;
  for (const ch of key) if (!ALPHABET.includes(ch)) return null;
  // 52 letters carry 260 bits; the last letter holds one bit of key and four zero bits.
  if ((ALPHABET.indexOf(key[RECOVERY_KEY_LENGTH - 1]!) & 0b01111) !== 0) return null;
  return key;
}
