/**
 * Everything a reporter may see of their case, as stored: the case key sealed to them, the
 * report, the events marked for them, the messages (never officers' notes) and the
 * attachments. Decryption happens in the browser.
 */
import type { AttachmentRecord, CaseEvent, CaseRecord, MessageRecord, Store } from '../ports/store.port';
import { SessionInvalid } from '../errors';
import { reporterCase } from './reporter-case';
import type { ReporterSession } from './reporter-token';

export interface FollowUpView {
  record: CaseRecord;
  previousAccessAt: Date | null;
  wrappedKey: Uint8Array;
  events: CaseEvent[];
  messages: MessageRecord[];
  attachments: AttachmentRecord[];
}

const REPORTER_EVENT_KINDS = new Set<CaseEvent['kind']>(['created', 'status', 'identity_decision']);

export async function loadFollowUpCase(deps: { store: Store }, session: ReporterSession): Promise<FollowUpView> {
  const record = await reporterCase(deps.store, session);
  const [keys, events, messages, attachments] = await Promise.all([
    deps.store.cases.keysFor(record.id, 'reporter'),
    deps.store.cases.events(record.id),
    deps.store.messages.list(record.id, ['message']),
    deps.store.attachments.listForCase(record.id),
  ]);
  const caseKey = keys.find((k) => k.kind === 'case');
  if (!caseKey) throw SessionInvalid();
  return {
    record,
    previousAccessAt: session.previousAccessAt,
    wrappedKey: caseKey.wrapped,
    events: events.filter((e) => e.visibleToReporter && REPORTER_EVENT_KINDS.has(e.kind)),
    messages: messages.filter((m) => m.kind === 'message'),
    attachments,
  };
}
