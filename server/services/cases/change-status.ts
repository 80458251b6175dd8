/**
 * Status changes move forward only: received -> acknowledged -> investigating -> closed.
 * Acknowledgement can never be skipped (the reporter is owed it), while an acknowledged
 * report may be closed without an investigation (inadmissible, referred elsewhere).
 * Closing names an outcome. Each change carries a reason under the case key and is shown
 * to the reporter with it.
 */
import type { StatusChangeRequest } from '../../../shared/api/staff.schema';
import type { CaseRecord, CaseRepo, CaseStatus, StaffRecord } from '../../ports/store.port';
import { StatusTransitionInvalid } from '../staff/staff-errors';
import { audit, type StaffDeps } from '../staff/staff-deps';
import { caseForOfficer } from './case-access';

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['acknowledged'],
  acknowledged: ['investigating', 'closed'],
  investigating: ['closed'],
  closed: [],
};

export async function changeStatus(deps: Pick<StaffDeps, 'store' | 'now'>, staff: StaffRecord, caseId: string, input: StatusChangeRequest): Promise<CaseRecord> {
  const { record } = await caseForOfficer(deps.store, staff, caseId);
  if (!NEXT[record.status].includes(input.status)) throw StatusTransitionInvalid({ from: record.status, to: input.status });
  const now = deps.now();
  const patch: Parameters<CaseRepo['update']>[1] = { status: input.status };
  if (input.status === 'acknowledged') patch.acknowledgedAt = now;
  if (input.status === 'closed') {
    patch.closedAt = now;
    patch.outcome = input.outcome ?? null;
  }
  const detail = { from: record.status, status: input.status, ...(input.outcome ? { outcome: input.outcome } : {}) };
  const event = {
    // Statuses only move forward, so each is entered once: a fixed event id lets the store
    // commit only one of two officers changing the same case at the same moment.
    id: statusEventId(caseId, input.status),
    at: now,
    kind: 'status' as const,
    actorId: staff.id,
    detail,
    sealed: new Uint8Array(Buffer.from(input.reason, 'base64')),
    visibleToReporter: true,
  };
  let updated: CaseRecord;
  try {
    updated = await deps.store.cases.update(caseId, patch, event, []);
  } catch (err) {
    const current = await deps.store.cases.get(caseId);
    if (current && current.status !== record.status) throw StatusTransitionInvalid({ from: current.status, to: input.status });
    throw err;
  }
  await audit(deps, staff.id, 'case.status', caseId, detail);
  return updated;
}

export const statusEventId = (caseId: string, status: CaseStatus): string => `status:${caseId}:${status}`;
