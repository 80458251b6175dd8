/**
 * An administrator sets a staff member's roles, department and channel memberships
 * together. The change applies to the next request: sessions read roles from the account
 * each time. Keys already wrapped to the member stay; a removed officer loses access
 * because case content is served to officers only.
 */
import type { StaffAccessRequest } from '../../../shared/api/staff.schema';
import type { StaffRecord } from '../../ports/store.port';
import { assertChannels, assertNotLastAdmin, syncMemberships } from './staff-access-rules';
import { StaffNotFound } from './staff-errors';
import { audit, type StaffDeps } from './staff-deps';

export async function setStaffAccess(deps: StaffDeps, actor: StaffRecord, staffId: string, input: StaffAccessRequest): Promise<StaffRecord> {
  const target = await deps.store.staff.get(staffId);
  if (!target || target.status === 'deactivated') throw StaffNotFound();
  if (!input.roles.includes('admin')) await assertNotLastAdmin(deps.store, target);
  await assertChannels(deps.store, input.roles, input.channels);
  const updated = await deps.store.staff.update(staffId, { roles: input.roles, department: input.department });
  await syncMemberships(deps.store, staffId, input.channels);
  await audit(deps, actor.id, 'staff.access_changed', null, {
    staffId,
    roles: input.roles,
    department: input.department,
    channels: input.channels.map((c) => ({ channelId: c.channelId, supervisor: c.supervisor })),
  });
  return updated;
}
