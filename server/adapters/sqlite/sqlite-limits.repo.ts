/**
 * Shared lockout counters on SQLite. A hit is one UPSERT … RETURNING statement: SQLite runs
 * it under the write lock, so concurrent hits from several processes each add exactly one.
 */
import type { LimitCount, LimitRepo } from '../../ports/store.port';
import { ms, type Db } from './sqlite-db';

interface Row {
  count: number;
  last_at: number;
  expires_at: number;
}

const toCount = (row: Row): LimitCount => ({ count: row.count, lastAt: new Date(row.last_at), expiresAt: new Date(row.expires_at) });

export class SqliteLimitRepo implements LimitRepo {
  private readonly upsert;
  private readonly select;
  private readonly remove;
  private readonly removeExpired;

  constructor(db: Db) {
    // An expired counter starts again at 1; a live one keeps its expiry unless the mode slides it.
    this.upsert = db.prepare<{ key: string; now: number; expires: number; sliding: number }, Row>(
      `INSERT INTO limit_counters (key, count, last_at, expires_at) VALUES (@key, 1, @now, @expires)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN expires_at > @now THEN count + 1 ELSE 1 END,
         expires_at = CASE WHEN expires_at > @now AND @sliding = 0 THEN expires_at ELSE @expires END,
         last_at = @now
       RETURNING count, last_at, expires_at`,
    );
    this.select = db.prepare<[string, number], Row>('SELECT count, last_at, expires_at FROM limit_counters WHERE key = ? AND expires_at > ?');
    this.remove = db.prepare<[string]>('DELETE FROM limit_counters WHERE key = ?');
    this.removeExpired = db.prepare<[number, number]>(
      'DELETE FROM limit_counters WHERE key IN (SELECT key FROM limit_counters WHERE expires_at <= ? LIMIT ?)',
    );
  }

  async hit(key: string, now: Date, windowMs: number, mode: 'fixed' | 'sliding'): Promise<LimitCount> {
    const row = this.upsert.get({ key, now: ms(now), expires: ms(now) + windowMs, sliding: mode === 'sliding' ? 1 : 0 });
    if (!row) throw new Error('the limit counter upsert returned no row');
    return toCount(row);
  }

  async get(key: string, now: Date): Promise<LimitCount | null> {
    const row = this.select.get(key, ms(now));
    return row ? toCount(row) : null;
  }

  async clear(key: string): Promise<void> {
    this.remove.run(key);
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    if (limit <= 0) return 0;
    return this.removeExpired.run(ms(now), limit).changes;
  }
}
