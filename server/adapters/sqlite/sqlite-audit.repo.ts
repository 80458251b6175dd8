/**
 * The hash-chained audit log on SQLite. `append` reads the last entry and writes the next
 * inside one IMMEDIATE transaction: the write lock is held from the read on, so appenders
 * in other connections or processes wait (busy_timeout) instead of forking the chain.
 */
import type { Statement } from 'better-sqlite3';
import type { AuditEntry, AuditInput, AuditRepo } from '../../ports/store.port';
import { auditHash, GENESIS_HASH, normalizeJson } from '../../services/audit-chain';
import { date, json, ms, parseJson, writeTransaction, type Db } from './sqlite-db';

interface AuditRow {
  seq: number;
  at: number;
  actor_id: string | null;
  action: string;
  case_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

type AuditQuery = Parameters<AuditRepo['list']>[0];

const toEntry = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  at: date(row.at),
  actorId: row.actor_id,
  action: row.action,
  caseId: row.case_id,
  detail: parseJson(row.detail),
  prevHash: row.prev_hash,
  hash: row.hash,
});

export class SqliteAuditRepo implements AuditRepo {
  private readonly appendTx: (input: AuditInput) => AuditEntry;
  /** one prepared statement per combination of filters (at most eight) */
  private readonly listStatements = new Map<string, Statement<Record<string, string | number>, AuditRow>>();

  constructor(private readonly db: Db) {
    const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const insert = db.prepare<[number, number, string | null, string, string | null, string, string, string]>(
      'INSERT INTO audit_log (seq, at, actor_id, action, case_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.appendTx = writeTransaction(db, (input: AuditInput): AuditEntry => {
      const previous = last.get();
      const seq = (previous?.seq ?? 0) + 1;
      const prevHash = previous?.hash ?? GENESIS_HASH;
      // Milliseconds are what the column keeps, so they are all the hash may cover.
      const entry = { seq, at: new Date(ms(input.at)), actorId: input.actorId, action: input.action, caseId: input.caseId, detail: normalizeJson(input.detail) };
      const hash = auditHash(prevHash, entry);
      insert.run(seq, ms(entry.at), entry.actorId, entry.action, entry.caseId, json(entry.detail), prevHash, hash);
      return { ...entry, prevHash, hash };
    });
  }

  async append(entry: AuditInput): Promise<AuditEntry> {
    return this.appendTx(entry);
  }

  /**
   * For a repository's own IMMEDIATE transaction that records a change and its audit entry
   * together: called inside it, this runs as a savepoint under the lock already held.
   */
  appendWithin(entry: AuditInput): AuditEntry {
    if (!this.db.inTransaction) throw new Error('appendWithin must run inside a transaction');
    return this.appendTx(entry);
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const where = ['seq >= @fromSeq'];
    if (query.action !== undefined) where.push('action = @action');
    if (query.actorId !== undefined) where.push('actor_id = @actorId');
    if (query.caseId !== undefined) where.push('case_id = @caseId');
    const params: Record<string, string | number> = { fromSeq: query.fromSeq ?? 0, limit: query.limit };
    if (query.action !== undefined) params.action = query.action;
    if (query.actorId !== undefined) params.actorId = query.actorId;
    if (query.caseId !== undefined) params.caseId = query.caseId;
    const sql = `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`;
    let statement = this.listStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<Record<string, string | number>, AuditRow>(sql);
      this.listStatements.set(sql, statement);
    }
    return statement.all(params).map(toEntry);
  }
}
