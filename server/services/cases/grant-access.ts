/**
 * An officer with access gives it to another officer of the case's channel: their browser
 * opened the case and notes keys and sealed them to the grantee's public key; the server
 * checks who may receive them and records the grant on the case. A transfer is the same
 * grant plus the change of lead officer, who is told by mail (ids only, the same
 * notification routing sends). Keys are never taken back (a key once read cannot be
 * unread), so the granting officer keeps theirs.
 */
import { randomUUID } from 'node:crypto';
import type { GrantRequest } from '../../../shared/api/staff.schema';
import { newJob } from '../../jobs/job-defaults';
import { JOB_NAMES } from '../../jobs/job-names';
import type { StaffRecord, Store } from '../../ports/store.port';
import { AlreadyGranted, GranteeInvalid, NotesKeyRequired } from '../staff/staff-errors';
import { audit, type StaffDeps } from '../staff/staff-deps';
import { caseForOfficer } from './case-access';

async function activeOfficerOf(store: Store, staffId: string, channelId: string): Promise<StaffRecord | null> {
  const grantee = await store.staff.get(staffId);
  if (!grantee || grantee.status !== 'active' || !grantee.roles.includes('officer') || !grantee.publicKey) return null;
  const members = await store.channels.members(channelId);
  return members.some((m) => m.staffId === staffId) ? grantee : null;
}

export async function grantAccess(deps: Pick<StaffDeps, 'store' | 'now' | 'jobs'>, staff: StaffRecord, caseId: string, input: GrantRequest): Promise<void> {
  const { store } = deps;
  const { record, holds } = await caseForOfficer(store, staff, caseId);
  if (input.keys.some((k) => k.kind === 'notes') && !holds('notes')) throw NotesKeyRequired();
  const grantee = input.staffId === staff.id ? null : await activeOfficerOf(store, input.staffId, record.channelId);
  if (!grantee) throw GranteeInvalid();

  const held = new Set((await store.cases.keysFor(caseId, grantee.id)).map((k) => k.kind));
  const fresh = input.keys.filter((k) => !held.has(k.kind));
  const transfer = input.transfer && record.assigneeId !== grantee.id;
  if (fresh.length === 0 && !transfer) throw AlreadyGranted();

  const now = deps.now();
  const kinds = fresh.map((k) => k.kind);
  const detail = { staffId: grantee.id, kinds, ...(transfer ? { from: record.assigneeId } : {}) };
  await store.cases.addKeys(
    caseId,
    fresh.map((k) => ({ kind: k.kind, recipient: grantee.id, wrapped: new Uint8Array(Buffer.from(k.wrapped, 'base64')), grantedBy: staff.id })),
    { id: randomUUID(), at: now, kind: transfer ? 'transfer' : 'grant', actorId: staff.id, detail, sealed: null, visibleToReporter: false },
  );
  if (transfer) {
    const mail = newJob(JOB_NAMES.notify, [caseId, 'new-case', grantee.id], { caseId, event: 'new-case', staffId: grantee.id });
    await store.cases.update(caseId, { assigneeId: grantee.id }, null, [mail]);
    deps.jobs.wake();
  }
  await audit(deps, staff.id, transfer ? 'case.transfer' : 'case.grant', caseId, detail);
}
