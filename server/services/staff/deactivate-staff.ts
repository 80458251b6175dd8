/**
 * An administrator deactivates an account. The record, its audit trail and the case
 * history stay; the person can no longer sign in, every session ends at once, pending
 * links stop working, and channel memberships go so no new report is sealed to them.
 */
import type { StaffRecord } from '../../ports/store.port';
import { assertNotLastAdmin } from './staff-access-rules';
import { StaffNotFound } from './staff-errors';
import { audit, type StaffDeps } from './staff-deps';

export async function deactivateStaff(deps: StaffDeps, actor: StaffRecord, staffId: string): Promise<StaffRecord> {
  const target = await deps.store.staff.get(staffId);
  if (!target) throw StaffNotFound();
  if (target.status === 'deactivated') return target;
  await assertNotLastAdmin(deps.store, target);
  const updated = await deps.store.staff.update(staffId, { status: 'deactivated' });
  const channels = await deps.store.channels.channelsOf(staffId);
  for (const m of channels) await deps.store.channels.removeMember(m.channelId, staffId);
  const sessions = await deps.sessions.endAll(staffId);
  await deps.store.tokens.revoke('activation', staffId);
  await deps.store.tokens.revoke('recovery', staffId);
  await audit(deps, actor.id, 'staff.deactivated', null, { staffId, channels: channels.map((m) => m.channelId), sessions });
  return updated;
}
