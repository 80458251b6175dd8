/**
 * Attachment uploads on SQLite. Chunks arrive one request at a time and may be retried,
 * so each stored index is a row and the count is recomputed from the rows: a chunk sent
 * twice counts once.
 */
import { AttachmentIncomplete, AttachmentNotFound, ValidationFailed } from '../../errors';
import type { AttachmentRecord, AttachmentRepo } from '../../ports/store.port';
import { date, dateOrNull, ms, writeTransaction, type Db } from './sqlite-db';

interface AttachmentRow {
  id: string;
  case_id: string | null;
  chunk_count: number;
  size: number;
  received_chunks: number;
  status: string;
  created_at: number;
  completed_at: number | null;
}

const toAttachment = (row: AttachmentRow): AttachmentRecord => ({
  id: row.id,
  caseId: row.case_id,
  chunkCount: row.chunk_count,
  size: row.size,
  receivedChunks: row.received_chunks,
  // CHECK constraint: 'uploading' | 'complete' | 'attached'
  status: row.status as AttachmentRecord['status'],
  createdAt: date(row.created_at),
  completedAt: dateOrNull(row.completed_at),
});

export class SqliteAttachmentRepo implements AttachmentRepo {
  private readonly sql;
  private readonly chunkTx: (id: string, index: number) => number;
  private readonly completeTx: (id: string, at: number) => void;

  constructor(db: Db) {
    this.sql = {
      insert: db.prepare<[string, number, number, number]>(
        `INSERT INTO attachments (id, chunk_count, size, received_chunks, status, created_at) VALUES (?, ?, ?, 0, 'uploading', ?)`,
      ),
      get: db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE id = ?'),
      addChunk: db.prepare<[string, number]>('INSERT OR IGNORE INTO attachment_chunks (attachment_id, idx) VALUES (?, ?)'),
      recount: db.prepare<[string], { received_chunks: number }>(
        `UPDATE attachments SET received_chunks = (SELECT COUNT(*) FROM attachment_chunks WHERE attachment_id = attachments.id)
         WHERE id = ? RETURNING received_chunks`,
      ),
      indexes: db.prepare<[string], { idx: number }>('SELECT idx FROM attachment_chunks WHERE attachment_id = ? ORDER BY idx'),
      complete: db.prepare<[number, string]>(`UPDATE attachments SET status = 'complete', completed_at = ? WHERE id = ?`),
      forCase: db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE case_id = ? ORDER BY created_at, id'),
      abandoned: db.prepare<[number, number], { id: string }>(
        'SELECT id FROM attachments WHERE case_id IS NULL AND created_at < ? ORDER BY created_at, id LIMIT ?',
      ),
      delete: db.prepare<[string]>('DELETE FROM attachments WHERE id = ?'),
    };
    this.chunkTx = writeTransaction(db, (id: string, index: number): number => {
      const row = this.sql.get.get(id);
      if (!row) throw AttachmentNotFound();
      if (!Number.isSafeInteger(index) || index < 0 || index >= row.chunk_count) {
        throw ValidationFailed('index', `must be an integer from 0 to ${row.chunk_count - 1}`);
      }
      // Once complete the ciphertext is fixed; a late chunk must not be taken for part of it.
      if (row.status !== 'uploading') return row.received_chunks;
      this.sql.addChunk.run(id, index);
      return this.sql.recount.get(id)?.received_chunks ?? 0;
    });
    this.completeTx = writeTransaction(db, (id: string, at: number) => {
      const row = this.sql.get.get(id);
      if (!row) throw AttachmentNotFound();
      if (row.status !== 'uploading') return;
      if (row.received_chunks !== row.chunk_count) throw AttachmentIncomplete();
      this.sql.complete.run(at, id);
    });
  }

  async create(attachment: Pick<AttachmentRecord, 'id' | 'chunkCount' | 'size' | 'createdAt'>): Promise<void> {
    this.sql.insert.run(attachment.id, attachment.chunkCount, attachment.size, ms(attachment.createdAt));
  }

  async get(id: string): Promise<AttachmentRecord | null> {
    const row = this.sql.get.get(id);
    return row ? toAttachment(row) : null;
  }

  async chunkReceived(id: string, index: number): Promise<number> {
    return this.chunkTx(id, index);
  }

  async receivedIndexes(id: string): Promise<number[]> {
    return this.sql.indexes.all(id).map((row) => row.idx);
  }

  /** idempotent; refuses (AttachmentIncomplete) while chunks are missing */
  async markComplete(id: string, at: Date): Promise<void> {
    this.completeTx(id, ms(at));
  }

  async listForCase(caseId: string): Promise<AttachmentRecord[]> {
    return this.sql.forCase.all(caseId).map(toAttachment);
  }

  async abandonedBefore(before: Date, limit: number): Promise<string[]> {
    return this.sql.abandoned.all(ms(before), limit).map((row) => row.id);
  }

  async delete(id: string): Promise<void> {
    this.sql.delete.run(id);
  }
}
