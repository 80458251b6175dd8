/**
 * Staff sessions and one-time tokens on SQLite. A token is consumed with DELETE ...
 * RETURNING in one statement, so of two concurrent requests with the same link exactly one
 * gets the row, across connections and processes.
 */
import type { OneTimeToken, SessionRecord, SessionRepo, TokenPurpose, TokenRepo } from '../../ports/store.port';
import { date, ms, type Db } from './sqlite-db';

interface SessionRow {
  token_hash: string;
  staff_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

interface TokenRow {
  token_hash: string;
  purpose: TokenPurpose;
  staff_id: string | null;
  created_at: number;
  expires_at: number;
}

const toSession = (row: SessionRow): SessionRecord => ({
  tokenHash: row.token_hash,
  staffId: row.staff_id,
  createdAt: date(row.created_at),
  lastSeenAt: date(row.last_seen_at),
  expiresAt: date(row.expires_at),
});

const toToken = (row: TokenRow): OneTimeToken => ({
  tokenHash: row.token_hash,
  purpose: row.purpose,
  staffId: row.staff_id,
  createdAt: date(row.created_at),
  expiresAt: date(row.expires_at),
});

export class SqliteSessionRepo implements SessionRepo {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      insert: db.prepare<[string, string, number, number, number]>(
        'INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[string], SessionRow>('SELECT * FROM staff_sessions WHERE token_hash = ?'),
      // Never moves lastSeenAt backwards when two requests of one session finish out of order.
      touch: db.prepare<[number, string, number]>('UPDATE staff_sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?'),
      delete: db.prepare<[string]>('DELETE FROM staff_sessions WHERE token_hash = ?'),
      deleteAll: db.prepare<[string, string]>('DELETE FROM staff_sessions WHERE staff_id = ? AND token_hash <> ?'),
    };
  }

  async create(session: SessionRecord): Promise<void> {
    this.sql.insert.run(session.tokenHash, session.staffId, ms(session.createdAt), ms(session.lastSeenAt), ms(session.expiresAt));
  }

  async getByHash(tokenHash: string): Promise<SessionRecord | null> {
    const row = this.sql.get.get(tokenHash);
    return row ? toSession(row) : null;
  }

  async touch(tokenHash: string, at: Date): Promise<void> {
    this.sql.touch.run(ms(at), tokenHash, ms(at));
  }

  async delete(tokenHash: string): Promise<void> {
    this.sql.delete.run(tokenHash);
  }

  async deleteAllFor(staffId: string, exceptHash?: string): Promise<number> {
    return this.sql.deleteAll.run(staffId, exceptHash ?? '').changes;
  }
}

export class SqliteTokenRepo implements TokenRepo {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      insert: db.prepare<[string, string, string | null, number, number]>(
        'INSERT OR IGNORE INTO one_time_tokens (token_hash, purpose, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      peek: db.prepare<[string, string, number], TokenRow>('SELECT * FROM one_time_tokens WHERE token_hash = ? AND purpose = ? AND expires_at > ?'),
      consume: db.prepare<[string, string, number], TokenRow>(
        'DELETE FROM one_time_tokens WHERE token_hash = ? AND purpose = ? AND expires_at > ? RETURNING *',
      ),
      // IS compares NULL as a value, so the staff-less setup tokens are matched by null.
      revoke: db.prepare<[string, string | null, string]>('DELETE FROM one_time_tokens WHERE purpose = ? AND staff_id IS ? AND token_hash <> ?'),
    };
  }

  async create(token: OneTimeToken): Promise<void> {
    this.sql.insert.run(token.tokenHash, token.purpose, token.staffId, ms(token.createdAt), ms(token.expiresAt));
  }

  async peek(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<OneTimeToken | null> {
    const row = this.sql.peek.get(tokenHash, purpose, ms(now));
    return row ? toToken(row) : null;
  }

  async consume(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<OneTimeToken | null> {
    const row = this.sql.consume.get(tokenHash, purpose, ms(now));
    return row ? toToken(row) : null;
  }

  async revoke(purpose: TokenPurpose, staffId: string | null, exceptHash?: string): Promise<void> {
    this.sql.revoke.run(purpose, staffId, exceptHash ?? '');
  }
}
