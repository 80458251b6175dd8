/**
 * The setup page creates the first administrator: the setup link is used up, an invited
 * administrator account is made, and the same browser continues into activation with a
 * short-lived activation token, where it makes the keys and enrols TOTP like any staff member.
 */
import { randomUUID } from 'node:crypto';
import type { SetupRequest, SetupResponse } from '../../../shared/api/staff.schema';
import type { StaffRecord } from '../../ports/store.port';
import { hasActiveAdmin } from './announce-setup';
import { issueActivationToken } from './activation-token';
import { LinkInvalid, SetupDone, StaffExists } from './staff-errors';
import { audit, type StaffDeps } from './staff-deps';
import { tokenHash } from './staff-secrets';

/** Long enough to write down a recovery key and scan a QR code, short enough to be useless later. */
export const SETUP_ACTIVATION_TTL_MS = 60 * 60 * 1000;

export async function completeSetup(deps: StaffDeps, input: SetupRequest): Promise<SetupResponse> {
  const { store } = deps;
  if (await hasActiveAdmin(store)) throw SetupDone();
  const used = await store.tokens.consume(tokenHash(input.token), 'setup', deps.now());
  if (!used) throw LinkInvalid();
  const admin = await invitedAdmin(deps, input);
  const activationToken = await issueActivationToken(deps, admin.id, SETUP_ACTIVATION_TTL_MS);
  await audit(deps, admin.id, 'setup.completed', null, { staffId: admin.id });
  return { activationToken };
}

/** A setup abandoned before activation left an invited account; the next setup may reuse it. */
async function invitedAdmin(deps: StaffDeps, input: SetupRequest): Promise<StaffRecord> {
  const existing = await deps.store.staff.byEmail(input.email);
  if (existing) {
    if (existing.status !== 'invited') throw StaffExists();
    const roles = existing.roles.includes('admin') ? existing.roles : [...existing.roles, 'admin' as const];
    return deps.store.staff.update(existing.id, { displayName: input.displayName, language: input.language, roles });
  }
  return deps.store.staff.create({
    id: randomUUID(),
    email: input.email,
    displayName: input.displayName,
    language: input.language,
    department: null,
    status: 'invited',
    roles: ['admin'],
    publicKey: null,
    keyBundle: null,
    loginHash: null,
    totpSecret: null,
    awayFrom: null,
    awayUntil: null,
  });
}
