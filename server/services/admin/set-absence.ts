/**
 * An administrator records a staff member's absence (or clears it): routing skips an
 * absent officer for new cases, and the preview shows them as away. Audited with the dates.
 */
import type { AbsenceRequest, StaffSummary } from '../../../shared/api/admin.schema';
import { ValidationFailed } from '../../errors';
import type { AdminDeps } from './admin-deps';
import { StaffNotFound } from '../staff/staff-errors';
import { staffSummary } from '../staff/staff-profile';

export const ABSENCE_AUDIT_ACTION = 'staff.absence';

export async function setAbsence(deps: AdminDeps, actorId: string, staffId: string, input: AbsenceRequest): Promise<StaffSummary> {
  const target = await deps.store.staff.get(staffId);
  if (!target || target.status === 'deactivated') throw StaffNotFound();
  const awayFrom = input.awayFrom === null ? null : new Date(input.awayFrom);
  const awayUntil = input.awayUntil === null ? null : new Date(input.awayUntil);
  if (awayFrom && awayUntil && awayFrom.getTime() >= awayUntil.getTime()) throw ValidationFailed('awayUntil', 'must be after awayFrom');
  const audit = { actorId, action: ABSENCE_AUDIT_ACTION, caseId: null, detail: { staffId, awayFrom: input.awayFrom, awayUntil: input.awayUntil } };
  const updated = await deps.store.staff.updateAudited(staffId, { awayFrom, awayUntil }, deps.now(), audit);
  return staffSummary(deps.store, updated);
}
