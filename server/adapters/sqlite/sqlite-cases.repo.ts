/**
 * Cases on SQLite. Each compound operation of the port is one better-sqlite3 transaction:
 * if any statement throws (a duplicate receipt lookup, a duplicate key, an attachment that
 * cannot be claimed), nothing of the operation is written.
 */
import { randomUUID } from 'node:crypto';
import { Conflict, ReportNotFound } from '../../errors';
import type { CaseEvent, CaseRecord, CaseRepo, CreateCaseInput, InboxPage, InboxQuery, NewJob, WrappedKey } from '../../ports/store.port';
import { urgencyAt } from '../inbox-order';
import { caseWrites, toCase, toEvent, toKey, type CaseRow, type EventRow, type KeyRow } from './sqlite-case-rows';
import { blob, blobOrNull, flag, json, ms, msOrNull, type Db } from './sqlite-db';
import { inboxReader } from './sqlite-inbox.query';
import { jobWriter } from './sqlite-outbox.repo';

type CasePatch = Parameters<CaseRepo['update']>[1];
type EventInput = Omit<CaseEvent, 'caseId'>;
type KeyInput = Omit<WrappedKey, 'caseId' | 'createdAt'>;

export class SqliteCaseRepo implements CaseRepo {
  private readonly sql;
  private readonly createTx: (input: CreateCaseInput, now: number) => CaseRecord;
  private readonly updateTx: (id: string, patch: CasePatch, event: EventInput | null, jobs: NewJob[], now: number) => CaseRecord;
  private readonly addKeysTx: (caseId: string, keys: KeyInput[], event: EventInput) => void;
  private readonly purgeTx: (id: string, at: number, jobs: NewJob[], now: number) => string[];
  private readonly readInbox: (query: InboxQuery) => InboxPage;

  constructor(db: Db) {
    const writes = caseWrites(db);
    const writeJobs = jobWriter(db);
    this.readInbox = inboxReader(db);
    this.sql = {
      get: db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?'),
      byLookup: db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE receipt_lookup = ?'),
      keys: db.prepare<[string], KeyRow>('SELECT * FROM case_keys WHERE case_id = ? ORDER BY created_at, kind, recipient'),
      keysFor: db.prepare<[string, string], KeyRow>('SELECT * FROM case_keys WHERE case_id = ? AND recipient = ? ORDER BY created_at, kind'),
      events: db.prepare<[string], EventRow>('SELECT * FROM case_events WHERE case_id = ? ORDER BY at, id'),
      openCounts: db.prepare<[string], { assignee_id: string; n: number }>(
        `SELECT assignee_id, COUNT(*) AS n FROM cases
         WHERE assignee_id IN (SELECT value FROM json_each(?)) AND status <> 'closed' GROUP BY assignee_id`,
      ),
      closedBefore: db.prepare<[number, number], { id: string }>(
        `SELECT id FROM cases WHERE status = 'closed' AND purged_at IS NULL AND closed_at < ? ORDER BY closed_at, id LIMIT ?`,
      ),
      insert: db.prepare<Record<string, string | number | Buffer | null>>(
        `INSERT INTO cases (id, channel_id, category, language, status, created_at, ack_due_at, feedback_due_at, urgency_at,
           receipt_lookup, reporter_public_key, body, identity)
         VALUES (@id, @channelId, @category, @language, @status, @createdAt, @ackDueAt, @feedbackDueAt, @urgencyAt,
           @receiptLookup, @reporterPublicKey, @body, @identity)`,
      ),
      update: db.prepare<Record<string, string | number | null>>(
        `UPDATE cases SET status = @status, outcome = @outcome, acknowledged_at = @acknowledgedAt, first_feedback_at = @firstFeedbackAt,
           closed_at = @closedAt, assignee_id = @assigneeId, flagged = @flagged, labels = @labels,
           last_reporter_access_at = @lastReporterAccessAt, urgency_at = @urgencyAt
         WHERE id = @id`,
      ),
      attachmentsOf: db.prepare<[string], { id: string }>('SELECT id FROM attachments WHERE case_id = ? ORDER BY id'),
      shred: db.prepare<[number, string]>(`UPDATE cases SET body = x'', identity = NULL, purged_at = ? WHERE id = ?`),
      deleteKeys: db.prepare<[string]>('DELETE FROM case_keys WHERE case_id = ?'),
      deleteMessages: db.prepare<[string]>('DELETE FROM messages WHERE case_id = ?'),
      unsealEvents: db.prepare<[string]>('UPDATE case_events SET sealed = NULL WHERE case_id = ?'),
      deleteAttachments: db.prepare<[string]>('DELETE FROM attachments WHERE case_id = ?'),
    };
    const mustGet = (id: string): CaseRecord => {
      const row = this.sql.get.get(id);
      if (!row) throw ReportNotFound();
      return toCase(row);
    };

    const insertMarker = db.prepare<[string, number]>('INSERT INTO markers (key, at) VALUES (?, ?)');
    const createTx = db.transaction((input: CreateCaseInput, now: number): CaseRecord => {
      const c = input.case;
      // A plain INSERT: a marker already claimed fails the whole submission (a primary key error).
      if (input.marker) insertMarker.run(input.marker.key, ms(input.marker.at));
      this.sql.insert.run({
        id: c.id, channelId: c.channelId, category: c.category, language: c.language, status: c.status,
        createdAt: ms(c.createdAt), ackDueAt: ms(c.ackDueAt), feedbackDueAt: ms(c.feedbackDueAt),
        urgencyAt: urgencyAt(c.status, c.ackDueAt, c.feedbackDueAt), receiptLookup: c.receiptLookup,
        reporterPublicKey: blob(c.reporterPublicKey), body: blob(c.body), identity: blobOrNull(c.identity),
      });
      for (const key of input.keys) writes.insertKey({ ...key, caseId: c.id, createdAt: c.createdAt });
      for (const attachmentId of input.attachmentIds) writes.claimAttachment(attachmentId, c.id);
      writes.insertEvent({ ...input.event, caseId: c.id });
      writeJobs(input.jobs, now);
      return mustGet(c.id);
    });
    // The write lock up front: two processes submitting at once wait, not fail (SQLITE_BUSY).
    this.createTx = (input, now) => createTx.immediate(input, now);

    this.updateTx = db.transaction((id: string, patch: CasePatch, event: EventInput | null, jobs: NewJob[], now: number) => {
      const current = mustGet(id);
      // A key present with the value undefined means "not given", as in a spread of options.
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as CasePatch;
      const next: CaseRecord = { ...current, ...defined };
      this.sql.update.run({
        id, status: next.status, outcome: next.outcome, acknowledgedAt: msOrNull(next.acknowledgedAt),
        firstFeedbackAt: msOrNull(next.firstFeedbackAt), closedAt: msOrNull(next.closedAt), assigneeId: next.assigneeId,
        flagged: flag(next.flagged), labels: json(next.labels), lastReporterAccessAt: msOrNull(next.lastReporterAccessAt),
        urgencyAt: urgencyAt(next.status, next.ackDueAt, next.feedbackDueAt),
      });
      if (event) writes.insertEvent({ ...event, caseId: id });
      writeJobs(jobs, now);
      return mustGet(id);
    });

    this.addKeysTx = db.transaction((caseId: string, keys: KeyInput[], event: EventInput) => {
      // A purged case has nothing left to decrypt; a new key would bring it back into inboxes.
      if (mustGet(caseId).purgedAt !== null) throw Conflict();
      for (const key of keys) writes.insertKeyIfAbsent({ ...key, caseId, createdAt: event.at });
      writes.insertEvent({ ...event, caseId });
    });

    this.purgeTx = db.transaction((id: string, at: number, jobs: NewJob[], now: number): string[] => {
      const current = mustGet(id);
      writeJobs(jobs, now);
      if (current.purgedAt !== null) return [];
      const attachmentIds = this.sql.attachmentsOf.all(id).map((row) => row.id);
      this.sql.shred.run(at, id);
      this.sql.deleteKeys.run(id);
      this.sql.deleteMessages.run(id);
      this.sql.unsealEvents.run(id);
      this.sql.deleteAttachments.run(id);
      writes.insertEvent({
        id: randomUUID(), caseId: id, at: new Date(at), kind: 'purged', actorId: null,
        detail: { attachments: attachmentIds.length }, sealed: null, visibleToReporter: true,
      });
      return attachmentIds;
    });
  }

  async create(input: CreateCaseInput): Promise<CaseRecord> {
    return this.createTx(input, Date.now());
  }

  async get(id: string): Promise<CaseRecord | null> {
    const row = this.sql.get.get(id);
    return row ? toCase(row) : null;
  }

  async byReceiptLookup(lookup: string): Promise<CaseRecord | null> {
    const row = this.sql.byLookup.get(lookup);
    return row ? toCase(row) : null;
  }

  async update(id: string, patch: CasePatch, event: EventInput | null, jobs: NewJob[]): Promise<CaseRecord> {
    return this.updateTx(id, patch, event, jobs, Date.now());
  }

  async keys(caseId: string): Promise<WrappedKey[]> {
    return this.sql.keys.all(caseId).map(toKey);
  }

  async keysFor(caseId: string, recipient: string): Promise<WrappedKey[]> {
    return this.sql.keysFor.all(caseId, recipient).map(toKey);
  }

  async addKeys(caseId: string, keys: KeyInput[], event: EventInput): Promise<void> {
    this.addKeysTx(caseId, keys, event);
  }

  async events(caseId: string): Promise<CaseEvent[]> {
    return this.sql.events.all(caseId).map(toEvent);
  }

  async inbox(query: InboxQuery): Promise<InboxPage> {
    return this.readInbox(query);
  }

  async openCountByAssignee(staffIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(staffIds.map((id) => [id, 0]));
    if (staffIds.length === 0) return counts;
    for (const row of this.sql.openCounts.all(JSON.stringify(staffIds))) counts.set(row.assignee_id, row.n);
    return counts;
  }

  async purge(id: string, at: Date, jobs: NewJob[]): Promise<string[]> {
    return this.purgeTx(id, ms(at), jobs, Date.now());
  }

  async closedBefore(before: Date, limit: number): Promise<string[]> {
    return this.sql.closedBefore.all(ms(before), limit).map((row) => row.id);
  }
}
