/**
 * Checks a sign-in: a login secret (or the recovery key's login secret) and a second factor
 * (a TOTP code of a step newer than the last one used, or an unused recovery code).
 *
 * Every outcome that is not success looks the same from outside: an unknown address, an
 * invited or deactivated account, a wrong secret and a wrong or replayed code all give
 * `failed`, after exactly one Argon2id verification; a locked account and a locked unknown
 * address both give `locked`. Failures of real accounts are counted in the store with an
 * exponential lockout and written to the audit log.
 */
import type { StaffRecord } from '../../ports/store.port';
import { matchTotp } from '../totp';
import { lockoutMs } from './login-throttle';
import { verifyLoginSecret } from './login-hash';
import { audit, type StaffDeps } from './staff-deps';

export interface SignInProof {
  email: string;
  /** base64 of the 32-byte secret */
  secret: string;
  kind: 'login' | 'recovery';
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

export type SecondFactor = 'totp' | 'recovery_code';
export type AuthResult =
  | { ok: true; staff: StaffRecord; factor: SecondFactor }
  | { ok: false; reason: 'failed' }
  | { ok: false; reason: 'locked'; retryAfter: number };

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

export async function authenticate(deps: StaffDeps, proof: SignInProof): Promise<AuthResult> {
  const { store, secrets, throttle } = deps;
  const now = deps.now();
  const secret = new Uint8Array(Buffer.from(proof.secret, 'base64'));
  const found = await store.staff.byEmail(proof.email);
  const staff = found && found.status === 'active' && found.loginHash !== null && found.totpSecret !== null ? found : null;

  if (!staff) {
    const key = secrets.emailKey(proof.email);
    const locked = await throttle.unknownLockedMs(key);
    if (locked > 0) return { ok: false, reason: 'locked', retryAfter: seconds(locked) };
    await verifyLoginSecret(null, secret);
    await throttle.unknownFailed(key);
    return { ok: false, reason: 'failed' };
  }

  const credentials = await store.credentials.get(staff.id);
  if (credentials.lockedUntil && credentials.lockedUntil.getTime() > now.getTime()) {
    return { ok: false, reason: 'locked', retryAfter: seconds(credentials.lockedUntil.getTime() - now.getTime()) };
  }
  const hash = proof.kind === 'login' ? staff.loginHash : credentials.recoveryHash;
  const secretOk = await verifyLoginSecret(hash, secret);
  // The second factor is only tried behind a right secret, so a guess cannot burn a TOTP step or a code.
  const factor = secretOk ? await secondFactor(deps, staff, proof, now) : null;
  if (!factor) {
    await recordFailure(deps, staff.id, now, secretOk ? 'second_factor' : 'secret');
    return { ok: false, reason: 'failed' };
  }
  if (credentials.failedLogins > 0) await store.credentials.clearFailures(staff.id);
  return { ok: true, staff, factor };
}

async function secondFactor(deps: StaffDeps, staff: StaffRecord, proof: SignInProof, now: Date): Promise<SecondFactor | null> {
  if (proof.totp !== undefined && staff.totpSecret) {
    let secret: Uint8Array;
    try {
      secret = deps.secrets.openTotpSecret(staff.id, staff.totpSecret);
    } catch {
      // Sealed under another SESSION_KEY (a restore without the secrets file): the account
      // answers like any failure rather than with an error that would single it out.
      deps.logger.error({ staffId: staff.id }, 'TOTP secret cannot be opened with this installation key');
      return null;
    }
    const step = matchTotp(secret, proof.totp, now.getTime());
    if (step === null) return null;
    return (await deps.store.credentials.useTotpStep(staff.id, step)) ? 'totp' : null;
  }
  if (proof.recoveryCode !== undefined) {
    const used = await deps.store.credentials.useRecoveryCode(staff.id, deps.secrets.recoveryCodeHash(staff.id, proof.recoveryCode));
    return used ? 'recovery_code' : null;
  }
  return null;
}

async function recordFailure(deps: StaffDeps, staffId: string, now: Date, reason: 'secret' | 'second_factor'): Promise<void> {
  const failures = await deps.store.credentials.recordFailure(staffId);
  const lock = lockoutMs(deps.throttle.limits, failures);
  if (lock > 0) await deps.store.credentials.lockUntil(staffId, new Date(now.getTime() + lock));
  await audit(deps, staffId, 'auth.login_failed', null, { reason, failures, locked: lock > 0 });
}
