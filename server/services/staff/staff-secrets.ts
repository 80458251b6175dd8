/**
 * Server-side keys of staff sign-in, each derived from an installation secret for one
 * purpose (HKDF info strings distinct from derived-keys.ts), so no MAC or ciphertext made
 * for one use is accepted for another:
 * - TOTP secrets are stored under AES-256-GCM, bound to their staff id, so a database copy
 *   alone yields no second factor and a row's secret cannot be moved to another account;
 * - an unknown e-mail gets salts that are a keyed hash of the address, stable and
 *   indistinguishable from a real account's random ones;
 * - recovery codes are hashed with a key (they are random, so no slow hash is needed);
 * - invitation tokens are re-derived from the invitation id, so a retried mail job sends
 *   the same link instead of invalidating the one already delivered.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Secrets } from '../../../config/secrets';

const TOTP_SEAL_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const TOKEN_BYTES = 32;

function derive(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `amana/staff-${purpose}/v1`, 32));
}

/** 32 random bytes as base64url: 43 characters, the shape `oneTimeToken` accepts. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Tokens are random with 256 bits, so an unkeyed SHA-256 is enough to make the stored value useless. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class StaffSecrets {
  private readonly totpKey: Buffer;
  private readonly saltKey: Buffer;
  private readonly codeKey: Buffer;
  private readonly inviteKey: Buffer;

  constructor(secrets: Pick<Secrets, 'serverPepper' | 'sessionKey'>) {
    this.totpKey = derive(secrets.sessionKey, 'totp-secret');
    this.saltKey = derive(secrets.serverPepper, 'fake-salt');
    this.codeKey = derive(secrets.serverPepper, 'recovery-code');
    this.inviteKey = derive(secrets.sessionKey, 'invite-token');
  }

  sealTotpSecret(staffId: string, secret: Uint8Array): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.totpKey, iv);
    cipher.setAAD(Buffer.from(`amana/totp/v1|${staffId}`, 'utf8'));
    const body = Buffer.concat([cipher.update(secret), cipher.final()]);
    return new Uint8Array(Buffer.concat([Buffer.of(TOTP_SEAL_VERSION), iv, body, cipher.getAuthTag()]));
  }

  /** throws when the value was not sealed for this staff member with this installation's key */
  openTotpSecret(staffId: string, sealed: Uint8Array): Uint8Array {
    const data = Buffer.from(sealed);
    if (data.length <= 1 + IV_BYTES + TAG_BYTES || data[0] !== TOTP_SEAL_VERSION) throw new Error('unknown TOTP secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.totpKey, data.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(Buffer.from(`amana/totp/v1|${staffId}`, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return new Uint8Array(Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES, data.length - TAG_BYTES)), decipher.final()]));
  }

  /** 16 bytes that stand in for a salt of an account that does not exist */
  fakeSalt(email: string, purpose: 'kdf' | 'recovery'): Buffer {
    return createHmac('sha256', this.saltKey).update(`${purpose}\u0000${normalizeEmail(email)}`, 'utf8').digest().subarray(0, 16);
  }

  /** keyed hash of an e-mail address, for counters of accounts that do not exist */
  emailKey(email: string): string {
    return createHmac('sha256', this.saltKey).update(`throttle\u0000${normalizeEmail(email)}`, 'utf8').digest('base64url');
  }

  recoveryCodeHash(staffId: string, code: string): string {
    const normalized = code.replace(/[\s-]/g, '').toUpperCase();
    return createHmac('sha256', this.codeKey).update(`${staffId}\u0000${normalized}`, 'utf8').digest('hex');
  }

  inviteToken(inviteId: string): string {
    return createHmac('sha256', this.inviteKey).update(`invite\u0000${inviteId}`, 'utf8').digest('base64url');
  }
}
