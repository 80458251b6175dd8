/**
 * Idempotency markers on SQLite. INSERT OR IGNORE on the primary key is atomic across
 * connections and processes, so exactly one caller sees `changes === 1`.
 */
import type { MarkerRepo } from '../../ports/store.port';
import { ms, type Db } from './sqlite-db';

export class SqliteMarkerRepo implements MarkerRepo {
  private readonly insert;
  private readonly select;
  private readonly deleteOld;

  constructor(db: Db) {
    this.insert = db.prepare<[string, number]>('INSERT OR IGNORE INTO markers (key, at) VALUES (?, ?)');
    this.select = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM markers WHERE key = ?');
    // A key range rather than LIKE: it walks the primary key and needs no escaping of % and _.
    this.deleteOld = db.prepare<{ low: string; high: string; before: number; limit: number }>(
      `DELETE FROM markers WHERE key IN (
         SELECT key FROM markers WHERE key >= @low AND key < @high AND at < @before LIMIT @limit)`,
    );
  }

  async claim(key: string, at: Date): Promise<boolean> {
    return this.insert.run(key, ms(at)).changes === 1;
  }

  async has(key: string): Promise<boolean> {
    return this.select.get(key) !== undefined;
  }

  async deleteOlderThan(prefix: string, before: Date, limit: number): Promise<number> {
    if (limit <= 0) return 0;
    return this.deleteOld.run({ low: prefix, high: prefixEnd(prefix), before: ms(before), limit }).changes;
  }
}

/**
 * The first string after every string starting with `prefix`: its last character plus one.
 * SQLite compares text bytewise (UTF-8), which orders like UTF-16 code units outside the
 * surrogate range, so the prefix must not end in a surrogate; ours are ASCII (`pow:`).
 */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (prefix === '' || (last >= 0xd800 && last <= 0xdfff) || last === 0xffff) {
    throw new Error('marker prefix must be non-empty and end in a character below U+D800 or in U+E000..U+FFFE');
  }
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
