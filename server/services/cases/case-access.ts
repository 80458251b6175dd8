/**
 * Who may see a case: an officer holding a wrapped case key for it. Anyone else (an
 * administrator, a committee member, a custodian, an officer of another channel, or an
 * officer whose role was removed) gets the same 404 as for a case that does not exist, so
 * the answer does not even confirm that the case exists.
 */
import { ReportNotFound } from '../../errors';
import type { CaseRecord, KeyKind, StaffRecord, Store, WrappedKey } from '../../ports/store.port';

export interface CaseAccess {
  record: CaseRecord;
  /** the caller's own wrapped keys */
  keys: WrappedKey[];
  holds: (kind: KeyKind) => boolean;
}

export async function caseForOfficer(store: Pick<Store, 'cases'>, staff: StaffRecord, caseId: string): Promise<CaseAccess> {
  if (staff.status !== 'active' || !staff.roles.includes('officer')) throw ReportNotFound();
  const record = await store.cases.get(caseId);
  if (!record || record.purgedAt !== null) throw ReportNotFound();
  const keys = await store.cases.keysFor(caseId, staff.id);
  const kinds = new Set(keys.map((k) => k.kind));
  if (!kinds.has('case')) throw ReportNotFound();
  return { record, keys, holds: (kind) => kinds.has(kind) };
}
