/**
 * An administrator invites a staff member: an invited account with its roles and channels,
 * and a mail job carrying ids only. The job's handler derives the activation link from the
 * invitation id when it sends (worker/handlers/invite.job.ts), so no token sits in the outbox.
 */
import { randomUUID } from 'node:crypto';
import type { StaffInviteRequest } from '../../../shared/api/staff.schema';
import { newJob } from '../../jobs/job-defaults';
import { JOB_NAMES } from '../../jobs/job-names';
import type { StaffRecord } from '../../ports/store.port';
import { assertChannels, syncMemberships } from './staff-access-rules';
import { StaffExists, StaffNotFound, StaffNotInvited } from './staff-errors';
import { audit, type StaffDeps } from './staff-deps';

async function enqueueInvite(deps: StaffDeps, staffId: string): Promise<void> {
  const inviteId = randomUUID();
  await deps.store.outbox.enqueue([newJob(JOB_NAMES.invite, [staffId, inviteId], { staffId, inviteId })]);
  deps.jobs.wake();
}

export async function inviteStaff(deps: StaffDeps, actor: StaffRecord, input: StaffInviteRequest): Promise<StaffRecord> {
  if (await deps.store.staff.byEmail(input.email)) throw StaffExists();
  await assertChannels(deps.store, input.roles, input.channels);
  const staff = await deps.store.staff.create({
    id: randomUUID(),
    email: input.email,
    displayName: input.displayName,
    language: input.language,
    department: input.department,
    status: 'invited',
    roles: input.roles,
    publicKey: null,
    keyBundle: null,
    loginHash: null,
    totpSecret: null,
    awayFrom: null,
    awayUntil: null,
  });
  await syncMemberships(deps.store, staff.id, input.channels);
  await enqueueInvite(deps, staff.id);
  await audit(deps, actor.id, 'staff.invited', null, { staffId: staff.id, roles: input.roles, channels: input.channels.map((c) => c.channelId) });
  return staff;
}

/** A new invitation mail with a new link; earlier links keep working until they expire or one is used. */
export async function resendInvite(deps: StaffDeps, actor: StaffRecord, staffId: string): Promise<void> {
  const staff = await deps.store.staff.get(staffId);
  if (!staff) throw StaffNotFound();
  if (staff.status !== 'invited') throw StaffNotInvited();
  await enqueueInvite(deps, staff.id);
  await audit(deps, actor.id, 'staff.invite_resent', null, { staffId });
}
