/**
 * Activation tokens. At most one is valid per staff member: issuing one revokes the others,
 * so only the newest invitation link works.
 */
import type { StaffDeps } from './staff-deps';
import { newToken, tokenHash } from './staff-secrets';

/** invitation links stay valid three days, enough for a weekend */
export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;

export async function issueActivationToken(deps: Pick<StaffDeps, 'store' | 'now'>, staffId: string, ttlMs: number, token: string = newToken()): Promise<string> {
  const hash = tokenHash(token);
  const now = deps.now();
  await deps.store.tokens.create({ tokenHash: hash, purpose: 'activation', staffId, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
  await deps.store.tokens.revoke('activation', staffId, hash);
  return token;
}
