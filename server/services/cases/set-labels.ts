/** Officers' labels on a case: clear metadata for their own sorting, never shown to the reporter. */
import type { CaseRecord, StaffRecord } from '../../ports/store.port';
import { audit, type StaffDeps } from '../staff/staff-deps';
import { caseForOfficer } from './case-access';

export async function setLabels(deps: Pick<StaffDeps, 'store' | 'now'>, staff: StaffRecord, caseId: string, labels: string[]): Promise<CaseRecord> {
  await caseForOfficer(deps.store, staff, caseId);
  const updated = await deps.store.cases.update(caseId, { labels }, null, []);
  await audit(deps, staff.id, 'case.labels', caseId, { labels });
  return updated;
}
