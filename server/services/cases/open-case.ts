/**
 * An officer opens a case: its metadata, the caller's own wrapped keys, the ciphertexts
 * (answers, identity, messages, notes when the caller holds the notes key), the history,
 * who holds which key, and the custodians an identity request would be sealed to. Nobody
 * else's wrapped key ever leaves the server. Opening is audited and resets unread counts.
 */
import type { CaseViewResponse } from '../../../shared/api/staff.schema';
import type { StaffRecord, Store, WrappedKey } from '../../ports/store.port';
import { audit } from '../staff/staff-deps';
import { caseForOfficer } from './case-access';
import { caseMeta } from './case-meta';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

async function custodiansOf(store: Store, keys: WrappedKey[]): Promise<CaseViewResponse['custodians']> {
  const out: CaseViewResponse['custodians'] = [];
  for (const key of keys) {
    if (key.kind !== 'identity' || key.recipient === 'reporter') continue;
    const staff = await store.staff.get(key.recipient);
    if (staff?.status === 'active' && staff.roles.includes('custodian') && staff.publicKey) out.push({ id: staff.id, publicKey: b64(staff.publicKey) });
  }
  return out;
}

export async function openCase(deps: { store: Store; now: () => Date }, staff: StaffRecord, caseId: string): Promise<CaseViewResponse> {
  const { store } = deps;
  const { record, keys, holds } = await caseForOfficer(store, staff, caseId);
  const [allKeys, events, messages, attachments, requests] = await Promise.all([
    store.cases.keys(caseId),
    store.cases.events(caseId),
    store.messages.list(caseId, holds('notes') ? ['message', 'note'] : ['message']),
    store.attachments.listForCase(caseId),
    store.identityRequests.list({ caseId, limit: 100 }),
  ]);
  const now = deps.now();
  await store.caseViews.markViewed(caseId, staff.id, now);
  await audit(deps, staff.id, 'case.opened', caseId, {});
  return {
    case: caseMeta(record, now),
    keys: keys.map((k) => ({ kind: k.kind, wrapped: b64(k.wrapped), grantedBy: k.grantedBy, createdAt: k.createdAt.toISOString() })),
    body: b64(record.body),
    identity: record.identity ? b64(record.identity) : null,
    events: events.map((e) => ({
      id: e.id, at: e.at.toISOString(), kind: e.kind, actorId: e.actorId, detail: e.detail,
      sealed: e.sealed ? b64(e.sealed) : null, visibleToReporter: e.visibleToReporter,
    })),
    messages: messages.map((m) => ({ id: m.id, author: m.author, kind: m.kind, body: b64(m.body), attachmentIds: m.attachmentIds, createdAt: m.createdAt.toISOString() })),
    attachments: attachments.filter((a) => a.status === 'attached').map((a) => ({ id: a.id, size: a.size, parts: a.chunkCount })),
    access: allKeys
      .filter((k) => k.recipient !== 'reporter')
      .map((k) => ({ staffId: k.recipient, kind: k.kind, grantedBy: k.grantedBy, createdAt: k.createdAt.toISOString() })),
    custodians: record.identity ? await custodiansOf(store, allKeys) : [],
    identityRequests: requests.map((r) => ({ id: r.id, requesterId: r.requesterId, status: r.status, createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null })),
  };
}
