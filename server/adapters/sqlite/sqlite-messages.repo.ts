/**
 * Messages between reporter and officers, and officers' notes, on SQLite. A message and
 * the claim of its attachments and its jobs are one transaction.
 */
import { Conflict, ReportNotFound } from '../../errors';
import type { MessageRecord, MessageRepo, NewJob } from '../../ports/store.port';
import { caseWrites } from './sqlite-case-rows';
import { blob, bytes, date, ms, parseStrings, writeTransaction, type Db } from './sqlite-db';
import { jobWriter } from './sqlite-outbox.repo';

interface MessageRow {
  id: string;
  case_id: string;
  author: string;
  kind: string;
  body: Buffer;
  attachment_ids: string;
  created_at: number;
}

const toMessage = (row: MessageRow): MessageRecord => ({
  id: row.id,
  caseId: row.case_id,
  author: row.author,
  // CHECK constraint: 'message' or 'note'
  kind: row.kind as MessageRecord['kind'],
  body: bytes(row.body),
  attachmentIds: parseStrings(row.attachment_ids),
  createdAt: date(row.created_at),
});

export class SqliteMessageRepo implements MessageRepo {
  private readonly addTx: (message: MessageRecord, jobs: NewJob[], now: number) => void;
  private readonly listStatement;

  constructor(db: Db) {
    const writes = caseWrites(db);
    const writeJobs = jobWriter(db);
    const purgedAt = db.prepare<[string], { purged_at: number | null }>('SELECT purged_at FROM cases WHERE id = ?');
    const insert = db.prepare<[string, string, string, string, Buffer, string, number]>(
      'INSERT INTO messages (id, case_id, author, kind, body, attachment_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.listStatement = db.prepare<[string, string], MessageRow>(
      `SELECT * FROM messages WHERE case_id = ? AND kind IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`,
    );
    this.addTx = writeTransaction(db, (m: MessageRecord, jobs: NewJob[], now: number) => {
      const owner = purgedAt.get(m.caseId);
      if (!owner) throw ReportNotFound();
      // The case key is gone: nobody could read the message, and retention promised deletion.
      if (owner.purged_at !== null) throw Conflict();
      insert.run(m.id, m.caseId, m.author, m.kind, blob(m.body), JSON.stringify(m.attachmentIds), ms(m.createdAt));
      for (const attachmentId of m.attachmentIds) writes.claimAttachment(attachmentId, m.caseId);
      writeJobs(jobs, now);
    });
  }

  async add(message: MessageRecord, jobs: NewJob[]): Promise<void> {
    this.addTx(message, jobs, Date.now());
  }

  async list(caseId: string, kinds: MessageRecord['kind'][]): Promise<MessageRecord[]> {
    if (kinds.length === 0) return [];
    return this.listStatement.all(caseId, JSON.stringify(kinds)).map(toMessage);
  }
}
