/**
 * Password change, signed in: the current login secret proves the password is known (a
 * session left open is not enough), and the browser sends the private key re-encrypted under
 * the new password. Other sessions end; this one stays.
 */
import type { PasswordChangeRequest } from '../../../shared/api/staff.schema';
import { assertKdfStrongEnough, assertSameRecovery } from './kdf-policy';
import { lockoutMs } from './login-throttle';
import { hashLoginSecret, verifyLoginSecret } from './login-hash';
import { LoginLocked, PasswordIncorrect } from './staff-errors';
import type { StaffAuth } from './staff-sessions';
import { audit, type StaffDeps } from './staff-deps';

const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

export async function changePassword(deps: StaffDeps, { staff, session }: StaffAuth, input: PasswordChangeRequest): Promise<void> {
  assertKdfStrongEnough(deps.config, input.keyBundle);
  assertSameRecovery(staff.keyBundle, input.keyBundle);
  const now = deps.now();
  const credentials = await deps.store.credentials.get(staff.id);
  if (credentials.lockedUntil && credentials.lockedUntil.getTime() > now.getTime()) throw LoginLocked();
  if (!(await verifyLoginSecret(staff.loginHash, bytes(input.currentLoginSecret)))) {
    // A stolen session must not become a way to guess the password without the lockout.
    const failures = await deps.store.credentials.recordFailure(staff.id);
    const lock = lockoutMs(deps.throttle.limits, failures);
    if (lock > 0) await deps.store.credentials.lockUntil(staff.id, new Date(now.getTime() + lock));
    await audit(deps, staff.id, 'auth.password_change_failed', null, { failures });
    throw PasswordIncorrect();
  }
  const loginHash = await hashLoginSecret(bytes(input.loginSecret));
  await deps.store.staff.update(staff.id, { loginHash, keyBundle: input.keyBundle });
  await deps.sessions.endAll(staff.id, session.tokenHash);
  await audit(deps, staff.id, 'auth.password_changed', null, {});
}
