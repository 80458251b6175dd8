/**
 * An officer asks to see the identity the reporter disclosed. The identity key is sealed to
 * the custodians only, so the server cannot hand it over: it records the request, with the
 * reason under the case key for the case history and sealed to each custodian holding the
 * identity key, who alone can approve it from their browser.
 */
import { randomUUID } from 'node:crypto';
import type { IdentityRequestRequest } from '../../../shared/api/staff.schema';
import { newJob } from '../../jobs/job-defaults';
import { JOB_NAMES } from '../../jobs/job-names';
import type { IdentityRequestRecord, NewJob, StaffRecord, Store } from '../../ports/store.port';
import { CustodiansInvalid, IdentityAlreadyHeld, IdentityNotDisclosed, IdentityRequestPending } from '../staff/staff-errors';
import { audit, type StaffDeps } from '../staff/staff-deps';
import { caseForOfficer } from './case-access';

const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

/** active custodians holding this case's identity key */
export async function identityCustodians(store: Store, caseId: string): Promise<string[]> {
  const keys = await store.cases.keys(caseId);
  const out: string[] = [];
  for (const key of keys) {
    if (key.kind !== 'identity' || key.recipient === 'reporter') continue;
    const custodian = await store.staff.get(key.recipient);
    if (custodian?.status === 'active' && custodian.roles.includes('custodian')) out.push(custodian.id);
  }
  return out;
}

/**
 * One mail per custodian the request is addressed to, ids only: the worker re-reads the
 * request and the custodian when it runs and stays silent once the request is decided.
 */
export function identityRequestMails(caseId: string, requestId: string, custodianIds: readonly string[]): NewJob[] {
  return custodianIds.map((custodianId) =>
    newJob(JOB_NAMES.notify, [caseId, 'identity-request', requestId, custodianId], { caseId, event: 'identity-request', staffId: custodianId, ref: requestId }),
  );
}

export async function requestIdentity(deps: Pick<StaffDeps, 'store' | 'now' | 'jobs'>, staff: StaffRecord, caseId: string, input: IdentityRequestRequest): Promise<IdentityRequestRecord> {
  const { store } = deps;
  const { record, holds } = await caseForOfficer(store, staff, caseId);
  if (record.identity === null) throw IdentityNotDisclosed();
  if (holds('identity')) throw IdentityAlreadyHeld();
  const pending = await store.identityRequests.list({ caseId, status: 'pending', limit: 100 });
  if (pending.some((r) => r.requesterId === staff.id)) throw IdentityRequestPending();

  // The reason must reach every custodian who could decide, and no one else.
  const custodians = new Set((await identityCustodians(store, caseId)).filter((id) => id !== staff.id));
  const given = new Set(input.custodianReasons.map((r) => r.custodianId));
  if (custodians.size === 0 || given.size !== input.custodianReasons.length || given.size !== custodians.size || [...given].some((id) => !custodians.has(id))) {
    throw CustodiansInvalid();
  }

  const now = deps.now();
  const request = {
    id: randomUUID(),
    caseId,
    channelId: record.channelId,
    requesterId: staff.id,
    reason: bytes(input.reason),
    custodianReasons: input.custodianReasons.map((r) => ({ custodianId: r.custodianId, sealed: bytes(r.sealed) })),
    createdAt: now,
  };
  // Custodians only learn of a request by mail; written with it so neither exists without the other.
  await store.identityRequests.create(request, identityRequestMails(caseId, request.id, request.custodianReasons.map((r) => r.custodianId)));
  await store.cases.update(caseId, {}, {
    id: randomUUID(), at: now, kind: 'identity_request', actorId: staff.id, detail: { requestId: request.id }, sealed: request.reason, visibleToReporter: false,
  }, []);
  await audit(deps, staff.id, 'identity.requested', caseId, { requestId: request.id });
  deps.jobs.wake();
  return { ...request, status: 'pending', decidedBy: null, decidedAt: null };
}
