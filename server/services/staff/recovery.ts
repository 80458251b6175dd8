/**
 * Recovery after a forgotten password, in two steps. First the recovery key's login secret
 * and a second factor prove who is asking; the answer is the private key's recovery copy
 * and a 15-minute one-time token. The browser decrypts the copy with the recovery key,
 * re-encrypts it under a new password and completes with the token; every other session
 * ends, since whoever had the old password may hold one.
 */
import type { z } from 'zod';
import type { RecoveryRequest, RecoveryStartResponse, recoveryCompleteRequest } from '../../../shared/api/staff.schema';
import type { StaffRecord } from '../../ports/store.port';
import { authenticate, type AuthResult } from './authenticate';
import { assertKdfStrongEnough, assertSameRecovery, storedBundle } from './kdf-policy';
import { hashLoginSecret } from './login-hash';
import { KeyBundleInvalid, LinkInvalid } from './staff-errors';
import { audit, type StaffDeps } from './staff-deps';
import { newToken, tokenHash } from './staff-secrets';

export const RECOVERY_TOKEN_TTL_MS = 15 * 60 * 1000;

export type RecoveryStart = { ok: true; response: RecoveryStartResponse } | Exclude<AuthResult, { ok: true }>;

export async function startRecovery(deps: StaffDeps, input: RecoveryRequest): Promise<RecoveryStart> {
  const result = await authenticate(deps, { email: input.email, secret: input.recoveryLoginSecret, kind: 'recovery', totp: input.totp, recoveryCode: input.recoveryCode });
  if (!result.ok) return result;
  const { staff } = result;
  const bundle = storedBundle(staff.keyBundle);
  if (!bundle || !staff.publicKey) throw KeyBundleInvalid();
  const token = newToken();
  const now = deps.now();
  await deps.store.tokens.create({ tokenHash: tokenHash(token), purpose: 'recovery', staffId: staff.id, createdAt: now, expiresAt: new Date(now.getTime() + RECOVERY_TOKEN_TTL_MS) });
  await deps.store.tokens.revoke('recovery', staff.id, tokenHash(token));
  await audit(deps, staff.id, 'auth.recovery_started', null, { factor: result.factor });
  return { ok: true, response: { recoveryToken: token, publicKey: Buffer.from(staff.publicKey).toString('base64'), keyBundle: bundle } };
}

export async function completeRecovery(deps: StaffDeps, input: z.infer<typeof recoveryCompleteRequest>): Promise<StaffRecord> {
  assertKdfStrongEnough(deps.config, input.keyBundle);
  const token = await deps.store.tokens.consume(tokenHash(input.recoveryToken), 'recovery', deps.now());
  const staff = token?.staffId ? await deps.store.staff.get(token.staffId) : null;
  if (!staff || staff.status !== 'active') throw LinkInvalid();
  assertSameRecovery(staff.keyBundle, input.keyBundle);
  const loginHash = await hashLoginSecret(new Uint8Array(Buffer.from(input.loginSecret, 'base64')));
  const updated = await deps.store.staff.update(staff.id, { loginHash, keyBundle: input.keyBundle });
  await deps.sessions.endAll(staff.id);
  await deps.store.credentials.clearFailures(staff.id);
  await audit(deps, staff.id, 'auth.recovery_completed', null, {});
  return updated;
}
