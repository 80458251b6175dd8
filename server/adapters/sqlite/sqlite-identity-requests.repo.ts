/**
 * Identity requests and case views on SQLite. A request and its jobs are one transaction. A
 * decision is one conditional UPDATE, so when two custodians answer the same request at once
 * only the first decision counts.
 */
import type { CaseViewRepo, IdentityRequestRecord, IdentityRequestRepo, IdentityRequestStatus, NewJob } from '../../ports/store.port';
import { blob, bytes, dateOrNull, date, ms, writeTransaction, type Db } from './sqlite-db';
import { jobWriter } from './sqlite-outbox.repo';

interface RequestRow {
  id: string;
  case_id: string;
  channel_id: string;
  requester_id: string;
  reason: Buffer;
  custodian_reasons: string;
  created_at: number;
  status: IdentityRequestStatus;
  decided_by: string | null;
  decided_at: number | null;
}

type NewRequest = Omit<IdentityRequestRecord, 'status' | 'decidedBy' | 'decidedAt'>;

/** The per-custodian ciphertexts live in one JSON column as base64: they are only ever read with their request. */
function parseReasons(text: string): IdentityRequestRecord['custodianReasons'] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const { custodianId, sealed } = (item ?? {}) as Record<string, unknown>;
    return typeof custodianId === 'string' && typeof sealed === 'string' ? [{ custodianId, sealed: bytes(Buffer.from(sealed, 'base64')) }] : [];
  });
}

const toRequest = (row: RequestRow): IdentityRequestRecord => ({
  id: row.id,
  caseId: row.case_id,
  channelId: row.channel_id,
  requesterId: row.requester_id,
  reason: bytes(row.reason),
  custodianReasons: parseReasons(row.custodian_reasons),
  createdAt: date(row.created_at),
  status: row.status,
  decidedBy: row.decided_by,
  decidedAt: dateOrNull(row.decided_at),
});

export class SqliteIdentityRequestRepo implements IdentityRequestRepo {
  private readonly sql;
  private readonly createTx: (request: NewRequest, jobs: NewJob[], now: number) => void;

  constructor(private readonly db: Db) {
    const writeJobs = jobWriter(db);
    this.sql = {
      insert: db.prepare<Record<string, string | number | Buffer>>(
        `INSERT INTO identity_requests (id, case_id, channel_id, requester_id, reason, custodian_reasons, created_at, status)
         VALUES (@id, @caseId, @channelId, @requesterId, @reason, @custodianReasons, @createdAt, 'pending')`,
      ),
      get: db.prepare<[string], RequestRow>('SELECT * FROM identity_requests WHERE id = ?'),
      decide: db.prepare<[string, string, number, string]>(
        `UPDATE identity_requests SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'`,
      ),
    };
    this.createTx = writeTransaction(db, (request: NewRequest, jobs: NewJob[], now: number) => {
      const reasons = request.custodianReasons.map((r) => ({ custodianId: r.custodianId, sealed: blob(r.sealed).toString('base64') }));
      this.sql.insert.run({
        id: request.id, caseId: request.caseId, channelId: request.channelId, requesterId: request.requesterId,
        reason: blob(request.reason), custodianReasons: JSON.stringify(reasons), createdAt: ms(request.createdAt),
      });
      writeJobs(jobs, now);
    });
  }

  async create(request: NewRequest, jobs: NewJob[]): Promise<void> {
    this.createTx(request, jobs, Date.now());
  }

  async get(id: string): Promise<IdentityRequestRecord | null> {
    const row = this.sql.get.get(id);
    return row ? toRequest(row) : null;
  }

  async list(query: { status?: IdentityRequestStatus; caseId?: string; limit: number }): Promise<IdentityRequestRecord[]> {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: query.limit };
    if (query.status !== undefined) {
      where.push('status = @status');
      params.status = query.status;
    }
    if (query.caseId !== undefined) {
      where.push('case_id = @caseId');
      params.caseId = query.caseId;
    }
    const sql = `SELECT * FROM identity_requests ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT @limit`;
    return this.db.prepare<Record<string, string | number>, RequestRow>(sql).all(params).map(toRequest);
  }

  async decide(id: string, status: Exclude<IdentityRequestStatus, 'pending'>, custodianId: string, at: Date): Promise<boolean> {
    return this.sql.decide.run(status, custodianId, ms(at), id).changes === 1;
  }
}

export class SqliteCaseViewRepo implements CaseViewRepo {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      upsert: db.prepare<[string, string, number]>(
        `INSERT INTO case_views (staff_id, case_id, viewed_at) VALUES (?, ?, ?)
         ON CONFLICT(staff_id, case_id) DO UPDATE SET viewed_at = MAX(viewed_at, excluded.viewed_at)`,
      ),
      // One page of the inbox at most: each case is an index range scan of messages_case.
      unread: db.prepare<{ staffId: string; ids: string }, { case_id: string; n: number }>(
        `SELECT m.case_id AS case_id, COUNT(*) AS n FROM messages m
         LEFT JOIN case_views v ON v.staff_id = @staffId AND v.case_id = m.case_id
         WHERE m.case_id IN (SELECT value FROM json_each(@ids)) AND m.author = 'reporter' AND m.kind = 'message'
           AND m.created_at > COALESCE(v.viewed_at, -1)
         GROUP BY m.case_id`,
      ),
    };
  }

  async markViewed(caseId: string, staffId: string, at: Date): Promise<void> {
    this.sql.upsert.run(staffId, caseId, ms(at));
  }

  async unreadCounts(staffId: string, caseIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(caseIds.map((id) => [id, 0]));
    if (caseIds.length === 0) return counts;
    for (const row of this.sql.unread.all({ staffId, ids: JSON.stringify(caseIds) })) counts.set(row.case_id, row.n);
    return counts;
  }
}
