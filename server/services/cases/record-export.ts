/**
 * Exports are assembled and decrypted in the officer's browser; the server only learns
 * that one happened, which is exactly what the audit log must show.
 */
import type { StaffRecord } from '../../ports/store.port';
import { audit, type StaffDeps } from '../staff/staff-deps';
import { caseForOfficer } from './case-access';

export async function recordExport(deps: Pick<StaffDeps, 'store' | 'now'>, staff: StaffRecord, caseId: string, format: 'pdf' | 'json' | 'zip'): Promise<void> {
  await caseForOfficer(deps.store, staff, caseId);
  await audit(deps, staff.id, 'case.export', caseId, { format });
}
