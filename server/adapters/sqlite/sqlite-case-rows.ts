/**
 * Rows of the case tables and the writes that several compound operations share (events,
 * attachment claims). Every function here runs inside the caller's transaction.
 */
import { AttachmentIncomplete, AttachmentNotFound, Conflict } from '../../errors';
import type { CaseEvent, CaseEventKind, CaseOutcome, CaseRecord, CaseStatus, KeyKind, Lang, WrappedKey } from '../../ports/store.port';
import { blob, blobOrNull, bool, bytes, bytesOrNull, date, dateOrNull, flag, json, ms, parseJson, parseStrings, type Db } from './sqlite-db';

export interface CaseRow {
  id: string;
  channel_id: string;
  category: string;
  language: string;
  status: string;
  outcome: string | null;
  created_at: number;
  acknowledged_at: number | null;
  first_feedback_at: number | null;
  closed_at: number | null;
  ack_due_at: number;
  feedback_due_at: number;
  urgency_at: number;
  assignee_id: string | null;
  flagged: number;
  receipt_lookup: string;
  reporter_public_key: Buffer;
  body: Buffer;
  identity: Buffer | null;
  labels: string;
  last_reporter_access_at: number | null;
  purged_at: number | null;
  questionnaire_version: number;
}

// The CHECK constraints of the schema guarantee the enumerations these casts name.
export function toCase(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    channelId: row.channel_id,
    category: row.category,
    language: row.language as Lang,
    status: row.status as CaseStatus,
    outcome: row.outcome as CaseOutcome | null,
    createdAt: date(row.created_at),
    acknowledgedAt: dateOrNull(row.acknowledged_at),
    firstFeedbackAt: dateOrNull(row.first_feedback_at),
    closedAt: dateOrNull(row.closed_at),
    ackDueAt: date(row.ack_due_at),
    feedbackDueAt: date(row.feedback_due_at),
    assigneeId: row.assignee_id,
    flagged: bool(row.flagged),
    receiptLookup: row.receipt_lookup,
    reporterPublicKey: bytes(row.reporter_public_key),
    body: bytes(row.body),
    identity: bytesOrNull(row.identity),
    labels: parseStrings(row.labels),
    lastReporterAccessAt: dateOrNull(row.last_reporter_access_at),
    purgedAt: dateOrNull(row.purged_at),
    questionnaireVersion: row.questionnaire_version,
  };
}

export interface KeyRow {
  case_id: string;
  kind: string;
  recipient: string;
  wrapped: Buffer;
  granted_by: string | null;
  created_at: number;
}

export function toKey(row: KeyRow): WrappedKey {
  return {
    caseId: row.case_id,
    kind: row.kind as KeyKind,
    recipient: row.recipient,
    wrapped: bytes(row.wrapped),
    grantedBy: row.granted_by,
    createdAt: date(row.created_at),
  };
}

export interface EventRow {
  id: string;
  case_id: string;
  at: number;
  kind: string;
  actor_id: string | null;
  detail: string;
  sealed: Buffer | null;
  visible_to_reporter: number;
}

export function toEvent(row: EventRow): CaseEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    at: date(row.at),
    kind: row.kind as CaseEventKind,
    actorId: row.actor_id,
    detail: parseJson(row.detail),
    sealed: bytesOrNull(row.sealed),
    visibleToReporter: bool(row.visible_to_reporter),
  };
}

/** Writes shared by cases and messages; prepared once per store. */
export interface CaseWrites {
  insertEvent(event: CaseEvent): void;
  /** plain INSERT: a duplicate (caseId, kind, recipient) aborts the transaction */
  insertKey(key: WrappedKey): void;
  /** INSERT OR IGNORE: an existing (caseId, kind, recipient) is kept */
  insertKeyIfAbsent(key: WrappedKey): void;
  /** attaches a complete, unclaimed upload to the case, or throws and so aborts the transaction */
  claimAttachment(attachmentId: string, caseId: string): void;
}

export function caseWrites(db: Db): CaseWrites {
  const event = db.prepare<[string, string, number, string, string | null, string, Buffer | null, number]>(
    `INSERT INTO case_events (id, case_id, at, kind, actor_id, detail, sealed, visible_to_reporter) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const keyColumns = '(case_id, kind, recipient, wrapped, granted_by, created_at) VALUES (?, ?, ?, ?, ?, ?)';
  const key = db.prepare<[string, string, string, Buffer, string | null, number]>(`INSERT INTO case_keys ${keyColumns}`);
  const keyIfAbsent = db.prepare<[string, string, string, Buffer, string | null, number]>(`INSERT OR IGNORE INTO case_keys ${keyColumns}`);
  const claim = db.prepare<[string, string]>(
    `UPDATE attachments SET case_id = ?, status = 'attached' WHERE id = ? AND case_id IS NULL AND status = 'complete'`,
  );
  const attachmentStatus = db.prepare<[string], { status: string }>('SELECT status FROM attachments WHERE id = ?');
  const keyArgs = (k: WrappedKey): [string, string, string, Buffer, string | null, number] => [
    k.caseId, k.kind, k.recipient, blob(k.wrapped), k.grantedBy, ms(k.createdAt),
  ];
  return {
    insertEvent: (e) =>
      event.run(e.id, e.caseId, ms(e.at), e.kind, e.actorId, json(e.detail), blobOrNull(e.sealed), flag(e.visibleToReporter)),
    insertKey: (k) => key.run(...keyArgs(k)),
    insertKeyIfAbsent: (k) => keyIfAbsent.run(...keyArgs(k)),
    claimAttachment(attachmentId, caseId) {
      if (claim.run(caseId, attachmentId).changes === 1) return;
      const row = attachmentStatus.get(attachmentId);
      if (!row) throw AttachmentNotFound();
      if (row.status === 'uploading') throw AttachmentIncomplete();
      // Already attached: a second submission must not take over another case's upload.
      throw Conflict();
    },
  };
}
