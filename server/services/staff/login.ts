/** Step two of sign-in: the login secret and a second factor open a session. */
import type { LoginRequest } from '../../../shared/api/staff.schema';
import { authenticate, type AuthResult } from './authenticate';
import { audit, type StaffDeps } from './staff-deps';

export async function login(deps: StaffDeps, input: LoginRequest): Promise<AuthResult> {
  const result = await authenticate(deps, { email: input.email, secret: input.loginSecret, kind: 'login', totp: input.totp, recoveryCode: input.recoveryCode });
  if (result.ok) await audit(deps, result.staff.id, 'auth.login', null, { factor: result.factor });
  return result;
}
