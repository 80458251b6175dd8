/**
 * Activation: the browser sends the public key, the private key encrypted twice (password
 * and recovery key), the two login secrets and a TOTP code proving the authenticator was set
 * up. The link is used up only once everything checks, so a mistyped code can be retried.
 */
import type { ActivateRequest } from '../../../shared/api/staff.schema';
import type { Json, StaffRecord } from '../../ports/store.port';
import { matchTotp } from '../totp';
import { assertKdfStrongEnough } from './kdf-policy';
import { hashLoginSecret } from './login-hash';
import { newRecoveryCodes } from './recovery-codes';
import { LinkInvalid, TotpInvalid } from './staff-errors';
import { audit, type StaffDeps } from './staff-deps';
import { tokenHash } from './staff-secrets';

const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

export async function activate(deps: StaffDeps, input: ActivateRequest): Promise<{ staff: StaffRecord; recoveryCodes: string[] }> {
  const { store } = deps;
  assertKdfStrongEnough(deps.config, input.keyBundle);
  const hash = tokenHash(input.token);
  const found = await store.tokens.peek(hash, 'activation', deps.now());
  const staff = found?.staffId ? await store.staff.get(found.staffId) : null;
  if (!staff || staff.status !== 'invited' || !staff.totpSecret) throw LinkInvalid();

  const step = matchTotp(deps.secrets.openTotpSecret(staff.id, staff.totpSecret), input.totp, deps.now().getTime());
  if (step === null) throw TotpInvalid();
  const [loginHash, recoveryHash] = await Promise.all([hashLoginSecret(bytes(input.loginSecret)), hashLoginSecret(bytes(input.recoveryLoginSecret))]);
  // Used up only now, and atomically: of two concurrent activations one gets here.
  if (!(await store.tokens.consume(hash, 'activation', deps.now()))) throw LinkInvalid();

  const { codes, hashes } = newRecoveryCodes(deps.secrets, staff.id);
  await store.credentials.enrol(staff.id, recoveryHash, hashes, step);
  const active = await store.staff.update(staff.id, {
    status: 'active',
    publicKey: bytes(input.publicKey),
    keyBundle: input.keyBundle as unknown as Json,
    loginHash,
  });
  await audit(deps, staff.id, 'staff.activated', null, { staffId: staff.id });
  return { staff: active, recoveryCodes: codes };
}
