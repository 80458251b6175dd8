/**
 * The only form in which a receipt reaches storage: a keyed hash of the login secret the
 * browser derives from it. The key (server pepper) lives outside the database, so a stolen
 * database alone cannot be used to test receipt guesses.
 */
import { createHmac } from 'node:crypto';

export function receiptLookup(serverPepper: Buffer, loginSecretB64: string): string {
  return createHmac('sha256', serverPepper).update(Buffer.from(loginSecretB64, 'base64')).digest('hex');
}
