/**
 * A custodian's list of identity requests: only those whose reason was sealed to them, and
 * never their own (the two-person rule). They see no case content, only what deciding and
 * re-sealing need: the reason sealed to them, the requester's public key and their own
 * wrapped identity key of the case.
 */
import type { IdentityRequestStatus, IdentityRequestView } from '../../../shared/api/staff.schema';
import type { StaffRecord, Store } from '../../ports/store.port';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const LIST_LIMIT = 200;

export async function listIdentityRequests(store: Store, custodian: StaffRecord, status: IdentityRequestStatus): Promise<IdentityRequestView[]> {
  const requests = await store.identityRequests.list({ status, limit: LIST_LIMIT });
  const views: IdentityRequestView[] = [];
  for (const r of requests) {
    const sealed = r.custodianReasons.find((c) => c.custodianId === custodian.id);
    if (!sealed || r.requesterId === custodian.id) continue;
    const [requester, keys] = await Promise.all([store.staff.get(r.requesterId), store.cases.keysFor(r.caseId, custodian.id)]);
    const identityKey = keys.find((k) => k.kind === 'identity');
    views.push({
      id: r.id,
      caseId: r.caseId,
      channelId: r.channelId,
      requester: { id: r.requesterId, displayName: requester?.displayName ?? '', publicKey: requester?.publicKey ? b64(requester.publicKey) : null },
      createdAt: r.createdAt.toISOString(),
      status: r.status,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      sealedReason: b64(sealed.sealed),
      wrappedIdentityKey: identityKey ? b64(identityKey.wrapped) : null,
    });
  }
  return views;
}
