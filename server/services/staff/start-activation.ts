/**
 * The activation page opens: the link is checked (not used up yet) and a fresh TOTP secret
 * is made and shown once. Opening the page again replaces the secret, so a secret shown on
 * an abandoned screen is worthless.
 */
import type { ActivationStartResponse } from '../../../shared/api/staff.schema';
import { base32Encode, newTotpSecret, otpauthUri } from '../totp';
import { LinkInvalid } from './staff-errors';
import type { StaffDeps } from './staff-deps';
import { tokenHash } from './staff-secrets';

export async function startActivation(deps: StaffDeps, token: string): Promise<ActivationStartResponse> {
  const found = await deps.store.tokens.peek(tokenHash(token), 'activation', deps.now());
  const staff = found?.staffId ? await deps.store.staff.get(found.staffId) : null;
  if (!staff || staff.status !== 'invited') throw LinkInvalid();
  const secret = newTotpSecret();
  await deps.store.staff.update(staff.id, { totpSecret: deps.secrets.sealTotpSecret(staff.id, secret) });
  const issuer = `Amana ${new URL(deps.config.env.PUBLIC_URL).host}`;
  return {
    staffId: staff.id,
    email: staff.email,
    displayName: staff.displayName,
    language: staff.language,
    roles: staff.roles,
    kdfParams: { ...deps.config.kdf.staff },
    totp: { secret: base32Encode(secret), uri: otpauthUri(secret, staff.email, issuer) },
  };
}
