/**
 * Everything a reporter may see of their case, as stored: the case key sealed to them, the
 * report, the events marked for them, the messages (never officers' notes) and the
 * attachments. Decryption happens in the browser.
 */
import type { AttachmentRecord, CaseEvent, CaseRecord, MessageRecord, Store } from '../ports/store.port';
import { SessionInvalid } from '../errors';
import { reporterCase } from './reporter-case';
import type { ReporterSession } from './reporter-token';

/** the event kinds a reporter is ever shown */
export type ReporterEvent = CaseEvent & { kind: 'created' | 'status' | 'identity_decision' };

export interface FollowUpView {
  record: CaseRecord;
  previousAccessAt: Date | null;
  wrappedKey: Uint8Array;
  events: ReporterEvent[];
  messages: MessageRecord[];
  attachments: AttachmentRecord[];
}

function forReporter(event: CaseEvent): event is ReporterEvent {
  return event.visibleToReporter && (event.kind === 'created' || event.kind === 'status' || event.kind === 'identity_decision');
}

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
    events: events.filter(forReporter),
    messages: messages.filter((m) => m.kind === 'message'),
    attachments,
  };
}
