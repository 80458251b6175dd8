/**
 * A custodian decides an identity request. On approval their browser has opened the case's
 * identity key and sealed it to the requesting officer; the server adds that wrapped key
 * and records the decision, which the reporter sees on follow-up (that the identity was
 * disclosed, when, and to an officer). A refusal is recorded for officers and the audit
 * log only: the reporter's event says only "disclosed", and nothing was.
 * The first decision wins when two custodians answer at once.
 */
import { randomUUID } from 'node:crypto';
import type { IdentityDecisionRequest } from '../../../shared/api/staff.schema';
import type { StaffRecord } from '../../ports/store.port';
import { GranteeInvalid, IdentityRequestDecided, IdentityRequestNotFound, OwnIdentityRequest } from '../staff/staff-errors';
import { audit, type StaffDeps } from '../staff/staff-deps';

export async function decideIdentity(deps: Pick<StaffDeps, 'store' | 'now'>, custodian: StaffRecord, requestId: string, input: IdentityDecisionRequest): Promise<void> {
  const { store } = deps;
  const request = await store.identityRequests.get(requestId);
  if (!request || !request.custodianReasons.some((c) => c.custodianId === custodian.id)) throw IdentityRequestNotFound();
  if (request.requesterId === custodian.id) throw OwnIdentityRequest();
  if (request.status !== 'pending') throw IdentityRequestDecided();

  if (input.approve) {
    const own = await store.cases.keysFor(request.caseId, custodian.id);
    if (!own.some((k) => k.kind === 'identity')) throw IdentityRequestNotFound();
    const requester = await store.staff.get(request.requesterId);
    const requesterKeys = await store.cases.keysFor(request.caseId, request.requesterId);
    if (!requester || requester.status !== 'active' || !requester.roles.includes('officer') || !requesterKeys.some((k) => k.kind === 'case')) throw GranteeInvalid();
  }

  const now = deps.now();
  if (!(await store.identityRequests.decide(requestId, input.approve ? 'approved' : 'refused', custodian.id, now))) throw IdentityRequestDecided();
  const event = {
    id: randomUUID(),
    at: now,
    kind: 'identity_decision' as const,
    actorId: custodian.id,
    detail: { role: 'officer', approved: input.approve, requestId },
    sealed: null,
    visibleToReporter: input.approve,
  };
  if (input.approve && input.wrappedIdentityKey) {
    const wrapped = new Uint8Array(Buffer.from(input.wrappedIdentityKey, 'base64'));
    await store.cases.addKeys(request.caseId, [{ kind: 'identity', recipient: request.requesterId, wrapped, grantedBy: custodian.id }], event);
  } else {
    await store.cases.update(request.caseId, {}, event, []);
  }
  await audit(deps, custodian.id, 'identity.decided', request.caseId, { requestId, approved: input.approve });
}
