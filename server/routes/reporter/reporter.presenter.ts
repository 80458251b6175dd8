/**
 * The reporter's view of a case. Officers appear as "officer", never by id or name; events
 * carry only the clear metadata the reporter may see (status, outcome, a role).
 */
import { z } from 'zod';
import { caseOutcome, caseStatus } from '../../../shared/api/common.schema';
import type { FollowUpCase, FollowUpEvent, FollowUpMessage } from '../../../shared/api/report.schema';
import type { MessageRecord } from '../../ports/store.port';
import type { FollowUpView, ReporterEvent } from '../../services/follow-up-case.service';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

const eventDetail = z.object({
  status: caseStatus.optional().catch(undefined),
  outcome: caseOutcome.optional().catch(undefined),
  role: z.string().max(40).optional().catch(undefined),
});

export function presentMessage(m: MessageRecord): FollowUpMessage {
  return { id: m.id, from: m.author === 'reporter' ? 'reporter' : 'officer', body: b64(m.body), attachmentIds: m.attachmentIds, createdAt: m.createdAt.toISOString() };
}

function presentEvent(e: ReporterEvent): FollowUpEvent {
  const parsed = eventDetail.safeParse(e.detail);
  const detail = parsed.success ? parsed.data : {};
  return {
    at: e.at.toISOString(),
    kind: e.kind,
    ...(detail.status ? { status: detail.status } : {}),
    ...(detail.outcome ? { outcome: detail.outcome } : {}),
    ...(e.kind === 'identity_decision' && detail.role ? { role: detail.role } : {}),
    ...(e.sealed ? { sealed: b64(e.sealed) } : {}),
  };
}

export function presentFollowUpCase(view: FollowUpView): FollowUpCase {
  const { record } = view;
  return {
    status: record.status,
    outcome: record.outcome,
    createdAt: record.createdAt.toISOString(),
    acknowledgeBy: record.ackDueAt.toISOString(),
    feedbackBy: record.feedbackDueAt.toISOString(),
    acknowledgedAt: iso(record.acknowledgedAt),
    previousAccessAt: iso(view.previousAccessAt),
    wrappedKey: b64(view.wrappedKey),
    body: b64(record.body),
    events: view.events.map(presentEvent),
    messages: view.messages.map(presentMessage),
    attachments: view.attachments.map((a) => ({ id: a.id, size: a.size, parts: a.chunkCount })),
  };
}
