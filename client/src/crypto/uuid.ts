/**
 * A random (version 4) UUID from the crypto module's CSPRNG. crypto.randomUUID exists only
 * in secure contexts, and a message id must never depend on where the page is served from.
 */
import type { AmanaCrypto } from '../../../shared/crypto/index';

export function randomUuid(crypto: AmanaCrypto): string {
  const bytes = crypto.randomBytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
