/**
 * The officers a grant may go to: active officers of the case's channel, with the public
 * key the granting browser seals to and the keys each already holds.
 */
import type { CaseOfficersResponse, StaffKeyKind } from '../../../shared/api/staff.schema';
import type { StaffRecord, Store } from '../../ports/store.port';
import { caseForOfficer } from './case-access';

export async function listCaseOfficers(store: Store, staff: StaffRecord, caseId: string): Promise<CaseOfficersResponse> {
  const { record } = await caseForOfficer(store, staff, caseId);
  const [members, keys] = await Promise.all([store.channels.members(record.channelId), store.cases.keys(caseId)]);
  const officers: CaseOfficersResponse['officers'] = [];
  for (const member of members) {
    const officer = await store.staff.get(member.staffId);
    if (!officer || officer.status !== 'active' || !officer.roles.includes('officer') || !officer.publicKey) continue;
    const holds: StaffKeyKind[] = keys.filter((k) => k.recipient === officer.id).map((k) => k.kind);
    officers.push({
      id: officer.id,
      displayName: officer.displayName,
      department: officer.department,
      supervisor: member.supervisor,
      publicKey: Buffer.from(officer.publicKey).toString('base64'),
      holds,
    });
  }
  return { officers };
}
