/** A staff member's own settings: language, and the absence that routing skips them for. */
import type { MePatchRequest } from '../../../shared/api/staff.schema';
import { ValidationFailed } from '../../errors';
import type { StaffPatch, StaffRecord } from '../../ports/store.port';
import { audit, type StaffDeps } from './staff-deps';

const dateOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value));

export async function updateMe(deps: StaffDeps, staff: StaffRecord, input: MePatchRequest): Promise<StaffRecord> {
  const patch: StaffPatch = {};
  if (input.language !== undefined) patch.language = input.language;
  if (input.awayFrom !== undefined) patch.awayFrom = dateOrNull(input.awayFrom);
  if (input.awayUntil !== undefined) patch.awayUntil = dateOrNull(input.awayUntil);
  const from = patch.awayFrom !== undefined ? patch.awayFrom : staff.awayFrom;
  const until = patch.awayUntil !== undefined ? patch.awayUntil : staff.awayUntil;
  if (from && until && from.getTime() >= until.getTime()) throw ValidationFailed('awayUntil', 'must be after awayFrom');
  const fields = Object.keys(patch);
  if (fields.length === 0) return staff;
  const updated = await deps.store.staff.update(staff.id, patch);
  await audit(deps, staff.id, 'me.updated', null, { fields });
  return updated;
}
