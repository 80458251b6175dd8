/** Administrators browse the audit log in sequence order, filtered by action, actor or case. */
import type { z } from 'zod';
import type { auditQuery, AuditResponse } from '../../../shared/api/staff.schema';
import type { Store } from '../../ports/store.port';

export async function listAudit(store: Store, query: z.infer<typeof auditQuery>): Promise<AuditResponse> {
  const entries = await store.audit.list({
    limit: query.limit + 1,
    ...(query.fromSeq !== undefined ? { fromSeq: query.fromSeq } : {}),
    ...(query.action !== undefined ? { action: query.action } : {}),
    ...(query.actor !== undefined ? { actorId: query.actor } : {}),
    ...(query.case !== undefined ? { caseId: query.case } : {}),
  });
  const page = entries.slice(0, query.limit);
  const next = entries.length > query.limit ? entries[query.limit] : undefined;
  return {
    entries: page.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, action: e.action, caseId: e.caseId, detail: e.detail, hash: e.hash })),
    nextSeq: next ? next.seq : null,
  };
}
