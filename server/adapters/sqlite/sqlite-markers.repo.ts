/**
 * Idempotency markers on SQLite. INSERT OR IGNORE on the primary key is atomic across
 * connections and processes, so exactly one caller sees `changes === 1`.
 */
import type { MarkerRepo } from '../../ports/store.port';
import { ms, type Db } from './sqlite-db';

export class SqliteMarkerRepo implements MarkerRepo {
  private readonly insert;
  private readonly select;

  constructor(db: Db) {
    this.insert = db.prepare<[string, number]>('INSERT OR IGNORE INTO markers (key, at) VALUES (?, ?)');
    this.select = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM markers WHERE key = ?');
  }

  async claim(key: string, at: Date): Promise<boolean> {
    return this.insert.run(key, ms(at)).changes === 1;
  }

  async has(key: string): Promise<boolean> {
    return this.select.get(key) !== undefined;
  }
}
