/**
 * Purpose-bound keys derived from SESSION_KEY, so a MAC made for one purpose (a proof-of-work
 * challenge) can never be accepted as another (a reporter session token).
 */
import { hkdfSync } from 'node:crypto';

export type KeyPurpose = 'pow-challenge' | 'reporter-session';

export function deriveKey(sessionKey: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionKey, Buffer.alloc(0), `amana/${purpose}/v1`, 32));
}
