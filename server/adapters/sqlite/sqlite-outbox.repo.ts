/**
 * The durable outbox on SQLite. Jobs are written in the same transaction as the data they
 * belong to (see jobWriter) and leased by `claim`, which is a single UPDATE ... RETURNING
 * inside an IMMEDIATE transaction: the write lock is taken before the candidates are
 * read, so two processes on the same file can never lease the same job.
 */
import type { JobName } from '../../jobs/job-names';
import type { JobLease, JobRecord, JobStatus, NewJob, OutboxCursor, OutboxRepo } from '../../ports/store.port';
import { date, dateOrNull, json, ms, parseJson, writeTransaction, type Db } from './sqlite-db';

interface JobRow {
  id: string;
  name: string;
  payload: string;
  run_at: number;
  max_attempts: number;
  status: string;
  attempts: number;
  locked_until: number | null;
  last_error: string | null;
  relayed_at: number | null;
  created_at: number;
  finished_at: number | null;
}

/** Errors are shown to administrators in the dead-letter list; a cap keeps rows small. */
const MAX_ERROR_LENGTH = 2000;
const LEASE_EXHAUSTED = 'lease expired after the last attempt (the runner stopped or crashed)';

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    // Names are written only from the JobName union; the runner rejects unknown ones.
    name: row.name as JobName,
    payload: parseJson(row.payload),
    runAt: date(row.run_at),
    maxAttempts: row.max_attempts,
    status: row.status as JobStatus,
    attempts: row.attempts,
    lockedUntil: dateOrNull(row.locked_until),
    lastError: row.last_error,
    relayedAt: dateOrNull(row.relayed_at),
    createdAt: date(row.created_at),
    finishedAt: dateOrNull(row.finished_at),
  };
}

const byRunAt = (a: JobRecord, b: JobRecord): number => a.runAt.getTime() - b.runAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** INSERT OR IGNORE on the deterministic id: the same event is enqueued once. Call inside a transaction. */
export function jobWriter(db: Db): (jobs: readonly NewJob[], now: number) => void {
  const insert = db.prepare<[string, string, string, number, number, number]>(
    `INSERT OR IGNORE INTO outbox (id, name, payload, run_at, max_attempts, status, attempts, created_at)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?)`,
  );
  return (jobs, now) => {
    for (const job of jobs) insert.run(job.id, job.name, json(job.payload), ms(job.runAt), job.maxAttempts, now);
  };
}

export class SqliteOutboxRepo implements OutboxRepo {
  private readonly writeJobs: (jobs: readonly NewJob[], now: number) => void;
  private readonly enqueueTx: (jobs: readonly NewJob[]) => void;
  private readonly claimTx: (now: number, limit: number, until: number) => JobRow[];
  private readonly markRelayedTx: (ids: readonly string[], at: number) => void;
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      get: db.prepare<[string], JobRow>('SELECT * FROM outbox WHERE id = ?'),
      // The attempt and the lease end the runner holds both must match: after an expiry and a
      // re-claim the attempt differs, and after a dead job's retry and claim the lease end does.
      renew: db.prepare<{ id: string; attempts: number; held: number; until: number }>(
        `UPDATE outbox SET locked_until = @until
         WHERE id = @id AND status = 'running' AND attempts = @attempts AND locked_until = @held`,
      ),
      // Any state becomes done: work that finished after its lease expired still happened.
      complete: db.prepare<[number, string]>(`UPDATE outbox SET status = 'done', finished_at = ?, locked_until = NULL WHERE id = ?`),
      fail: db.prepare<{ id: string; error: string; retryAt: number; now: number }, JobRow>(
        `UPDATE outbox SET
           last_error = @error,
           locked_until = NULL,
           status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END,
           run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE @retryAt END,
           finished_at = CASE WHEN attempts >= max_attempts THEN @now ELSE NULL END
         WHERE id = @id AND status = 'running'
         RETURNING *`,
      ),
      unrelayed: db.prepare<[number], JobRow>(`SELECT * FROM outbox WHERE status = 'pending' AND relayed_at IS NULL ORDER BY run_at, id LIMIT ?`),
      relayedOpen: db.prepare<{ runAt: number; id: string; limit: number }, JobRow>(
        `SELECT * FROM outbox
         WHERE status IN ('pending', 'running') AND relayed_at IS NOT NULL
           AND (run_at > @runAt OR (run_at = @runAt AND id > @id))
         ORDER BY run_at, id LIMIT @limit`,
      ),
      setStatus: db.prepare<[string, string | null, number | null, string]>(
        `UPDATE outbox SET status = ?, last_error = COALESCE(?, last_error), finished_at = ?, locked_until = NULL WHERE id = ?`,
      ),
      dead: db.prepare<[number], JobRow>(`SELECT * FROM outbox WHERE status = 'dead' ORDER BY finished_at DESC, id LIMIT ?`),
      retry: db.prepare<[number, string]>(
        `UPDATE outbox SET status = 'pending', attempts = 0, run_at = ?, locked_until = NULL, finished_at = NULL, relayed_at = NULL
         WHERE id = ? AND status = 'dead'`,
      ),
      depth: db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'running')`),
    };
    this.writeJobs = jobWriter(db);
    this.enqueueTx = writeTransaction(db, (jobs: readonly NewJob[]) => this.writeJobs(jobs, Date.now()));
    const exhaust = db.prepare<{ now: number; error: string }>(
      `UPDATE outbox SET status = 'dead', finished_at = @now, locked_until = NULL, last_error = @error
       WHERE status = 'running' AND locked_until < @now AND attempts >= max_attempts`,
    );
    const lease = db.prepare<{ now: number; limit: number; until: number }, JobRow>(
      `UPDATE outbox SET status = 'running', attempts = attempts + 1, locked_until = @until
       WHERE id IN (
         SELECT id FROM outbox
         WHERE (status = 'pending' AND run_at <= @now) OR (status = 'running' AND locked_until < @now)
         ORDER BY run_at, id LIMIT @limit)
       RETURNING *`,
    );
    this.claimTx = writeTransaction(db, (now: number, limit: number, until: number) => {
      // A job whose runner died during its last attempt would otherwise be leased forever:
      // it has no attempt left, so it goes to the dead-letter list.
      exhaust.run({ now, error: LEASE_EXHAUSTED });
      return lease.all({ now, limit, until });
    });
    const relayed = db.prepare<[number, string]>('UPDATE outbox SET relayed_at = ? WHERE id = ?');
    this.markRelayedTx = writeTransaction(db, (ids: readonly string[], at: number) => {
      for (const id of ids) relayed.run(at, id);
    });
  }

  async enqueue(jobs: NewJob[]): Promise<void> {
    this.enqueueTx(jobs);
  }

  async get(id: string): Promise<JobRecord | null> {
    const row = this.sql.get.get(id);
    return row ? toJob(row) : null;
  }

  async claim(now: Date, limit: number, leaseMs: number): Promise<JobRecord[]> {
    if (limit <= 0) return [];
    const rows = this.claimTx(ms(now), limit, ms(now) + leaseMs);
    return rows.map(toJob).sort(byRunAt);
  }

  async renew(id: string, lease: JobLease, lockedUntil: Date): Promise<boolean> {
    return this.sql.renew.run({ id, attempts: lease.attempts, held: ms(lease.lockedUntil), until: ms(lockedUntil) }).changes === 1;
  }

  async complete(id: string, at: Date): Promise<void> {
    this.sql.complete.run(ms(at), id);
  }

  async fail(id: string, error: string, retryAt: Date): Promise<JobRecord> {
    const row = this.sql.fail.get({ id, error: error.slice(0, MAX_ERROR_LENGTH), retryAt: ms(retryAt), now: Date.now() });
    if (row) return toJob(row);
    // Not running: another runner finished or re-leased it; a stale failure changes nothing.
    const current = await this.get(id);
    if (!current) throw new Error(`outbox job not found: ${id}`);
    return current;
  }

  async unrelayed(limit: number): Promise<JobRecord[]> {
    return this.sql.unrelayed.all(limit).map(toJob);
  }

  async markRelayed(ids: string[], at: Date): Promise<void> {
    this.markRelayedTx(ids, ms(at));
  }

  async relayedOpen(after: OutboxCursor | null, limit: number): Promise<JobRecord[]> {
    // No cursor: before every row (run_at is a non-negative epoch, ids are non-empty).
    const from = after ?? { runAt: new Date(-1), id: '' };
    return this.sql.relayedOpen.all({ runAt: ms(from.runAt), id: from.id, limit }).map(toJob);
  }

  async setStatus(id: string, status: JobStatus, error: string | null, at: Date): Promise<void> {
    const finished = status === 'done' || status === 'dead' ? ms(at) : null;
    this.sql.setStatus.run(status, error === null ? null : error.slice(0, MAX_ERROR_LENGTH), finished, id);
  }

  async dead(limit: number): Promise<JobRecord[]> {
    return this.sql.dead.all(limit).map(toJob);
  }

  async retry(id: string, now: Date): Promise<boolean> {
    return this.sql.retry.run(ms(now), id).changes === 1;
  }

  async depth(): Promise<number> {
    return this.sql.depth.get()?.n ?? 0;
  }
}
